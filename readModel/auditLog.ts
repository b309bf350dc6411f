/**
 * The audit trail as auditors read it: every write (and every read of personal data) through the
 * API, newest first, filtered by user, action, result, city and time; the same rows streamed for an
 * export; and the users and actions that occur, for the filter pickers.
 */
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
  assignee: z.string().nullable(),
});
type AuditRow = z.infer<typeof AuditRow>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: Instant,
  requestId: z.string(),
  userId: z.string().nullable(),
  role: z.string().nullable(),
  cityCode: z.string().nullable().describe("the acting user's city (city officers)"),
  action: z.string().describe("the route's action, e.g. case.decide"),
  target: z.string().nullable().describe('ids only: caseId=…, campaign=…, person=<masked ID number>'),
  result: z.string().describe('ok, or the problem code'),
  status: z.number().int(),
  detail: z.record(z.string(), z.unknown()).describe('small, without personal data'),
  assignee: z.string().nullable().describe("the case's 承办人 when the action was taken (entries about one case): who acted under whose assignment"),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export interface AuditFilter {
  userId: string | null;
  action: string | null;
  result: string | null;
  /** The acting officer's city, or a city the request named (cityCode=… in its target). */
  cityCode: string | null;
  /** at ≥ from, < to (ISO instants). */
  from: string | null;
  to: string | null;
  /** The case's 承办人 at the time (entries about one case). */
  assignee?: string | null;
}

const COLUMNS = 'id, at, request_id, user_id, role, city_code, action, target, result, status, detail, assignee';

function whereSql(f: AuditFilter): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replaceAll('?', `$${args.length}`));
  };
  if (f.userId !== null) add('user_id = ?', f.userId);
  if (f.action !== null) add('action = ?', f.action);
  if (f.assignee) add('assignee = ?', f.assignee);
  if (f.result !== null) add('result = ?', f.result);
  if (f.from !== null) add('at >= ?::timestamptz', f.from);
  if (f.to !== null) add('at < ?::timestamptz', f.to);
  // A city is 4 digits (the route's schema): safe inside a pattern.
  if (f.cityCode !== null) add(`(city_code = ?::bpchar OR target ~ ('(^|,)cityCode=' || ? || '(,|$)'))`, f.cityCode);
  return { sql: where.length > 0 ? where.join(' AND ') : 'true', args };
}

function toEntry(r: AuditRow): AuditEntry {
  return {
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
    assignee: r.assignee,
  };
}

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export async function listAuditLog(pool: Pool, f: AuditFilter & { page: number; pageSize: number }): Promise<AuditPage> {
  const w = whereSql(f);
  const n = w.args.length;
  const [total, rows] = await Promise.all([
    pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE ${w.sql}`, w.args),
    pool.query(`SELECT ${COLUMNS} FROM audit_log WHERE ${w.sql} ORDER BY id DESC LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...w.args,
      f.pageSize,
      (f.page - 1) * f.pageSize,
    ]),
  ]);
  return {
    total: z.object({ n: z.number().int() }).parse(total.rows[0]).n,
    page: f.page,
    pageSize: f.pageSize,
    items: parseRows(AuditRow, rows.rows).map(toEntry),
  };
}

/**
 * The export: how many rows match now, and the rows themselves, newest first, read in pages by id
 * (so an export of millions of rows holds one page in memory). Rows written after the count (the
 * export's own audit entry among them) are left out, so the file holds exactly `rows` rows.
 */
export async function auditLogExport(pool: Pool, f: AuditFilter, pageRows = 5000): Promise<{ rows: number; entries: AsyncIterable<AuditEntry> }> {
  const w = whereSql(f);
  const n = w.args.length;
  const first = await pool.query(`SELECT count(*)::int AS n, max(id)::text AS last FROM audit_log WHERE ${w.sql}`, w.args);
  const head = z.object({ n: z.number().int(), last: z.string().nullable() }).parse(first.rows[0]);
  async function* entries(): AsyncIterable<AuditEntry> {
    if (head.last === null) return;
    let below = BigInt(head.last) + 1n;
    for (;;) {
      const { rows } = await pool.query(`SELECT ${COLUMNS} FROM audit_log WHERE ${w.sql} AND id < $${n + 1}::bigint ORDER BY id DESC LIMIT $${n + 2}`, [
        ...w.args,
        below.toString(),
        pageRows,
      ]);
      const page = parseRows(AuditRow, rows);
      for (const r of page) yield toEntry(r);
      if (page.length < pageRows) return;
      below = BigInt(page[page.length - 1].id);
    }
  }
  return { rows: head.n, entries: entries() };
}

export const AuditFacets = z.object({
  users: z.array(z.string()).describe('every user id that occurs'),
  actions: z.array(z.string()).describe('every action that occurs'),
});
export type AuditFacets = z.infer<typeof AuditFacets>;

/** The distinct users and actions, each read as a skip scan over its index: one probe per distinct value, not a pass over the log. */
export async function auditFacets(pool: Pool): Promise<AuditFacets> {
  const distinct = (col: string) => `WITH RECURSIVE v AS (
      (SELECT ${col} AS x FROM audit_log WHERE ${col} IS NOT NULL ORDER BY ${col} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${col} FROM audit_log WHERE ${col} > v.x ORDER BY ${col} LIMIT 1) FROM v WHERE v.x IS NOT NULL)
    SELECT x FROM v WHERE x IS NOT NULL`;
  const Rows = z.array(z.object({ x: z.string() }));
  const [users, actions] = await Promise.all([pool.query(distinct('user_id')), pool.query(distinct('action'))]);
  const list = (r: { rows: unknown[] }) => Rows.parse(r.rows).map((x) => x.x);
  return { users: list(users), actions: list(actions) };
}
