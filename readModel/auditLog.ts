/** The audit trail as auditors read it: every write through the API, newest first. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { BigintColumn, Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

const AuditRow = z.object({
  id: BigintColumn,
  at: TimestampColumn,
  request_id: z.string(),
  user_id: z.string().nullable(),
  role: z.string().nullable(),
  city_code: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  result: z.string(),
  status: z.number().int(),
  detail: z.record(z.string(), z.unknown()),
});

export const AuditEntry = z.object({
  id: z.number().int(),
  at: Instant,
  requestId: z.string(),
  userId: z.string().nullable(),
  role: z.string().nullable(),
  cityCode: z.string().nullable(),
  action: z.string().describe("the route's action, e.g. case.decide"),
  target: z.string().nullable().describe('ids only: caseId=…, campaign=…, person=<masked ID number>'),
  result: z.string().describe('ok, or the problem code'),
  status: z.number().int(),
  detail: z.record(z.string(), z.unknown()).describe('small, without personal data'),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

interface AuditFilter {
  userId: string | null;
  action: string | null;
  result: string | null;
  from: string | null;
  to: string | null;
  page: number;
  pageSize: number;
}

export async function listAuditLog(pool: Pool, f: AuditFilter): Promise<{ total: number; items: AuditEntry[] }> {
  const where = `($1::text IS NULL OR user_id = $1) AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR result = $3)
    AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at < $5)`;
  const args = [f.userId, f.action, f.result, f.from, f.to];
  const [total, rows] = await Promise.all([
    pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`, args),
    pool.query(
      `SELECT id, at, request_id, user_id, role, city_code, action, target, result, status, detail
       FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT $6 OFFSET $7`,
      [...args, f.pageSize, (f.page - 1) * f.pageSize],
    ),
  ]);
  return {
    total: z.object({ n: z.number().int() }).parse(total.rows[0]).n,
    items: parseRows(AuditRow, rows.rows).map((r) => ({
      id: r.id,
      at: instant(r.at),
      requestId: r.request_id,
      userId: r.user_id,
      role: r.role,
      cityCode: r.city_code,
      action: r.action,
      target: r.target,
      result: r.result,
      status: r.status,
      detail: r.detail,
    })),
  };
}
