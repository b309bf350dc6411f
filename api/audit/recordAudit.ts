/** One append-only audit entry (table audit_log; a trigger refuses updates and deletes). */
import type { Pool } from 'pg';

export interface AuditEntry {
  requestId: string;
  userId: string | null;
  role: string | null;
  cityCode: string | null;
  action: string;
  target: string | null;
  result: string;
  status: number;
  detail?: Record<string, unknown>;
  /** The case the entry is about: its 承办人 at this moment is recorded beside it (who acted under whose assignment). */
  caseId?: string | null;
}

export async function recordAudit(pool: Pool, e: AuditEntry): Promise<void> {
  await pool.query(
    `INSERT INTO audit_log (request_id, user_id, role, city_code, action, target, result, status, detail, assignee)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT assignee FROM case_assignment WHERE case_id = $10))`,
    [e.requestId, e.userId, e.role, e.cityCode, e.action, e.target, e.result, e.status, JSON.stringify(e.detail ?? {}), e.caseId ?? null],
  );
}
