/**
 * Records that a case's workflow is running and takes decisions (case_file.ready_at), the first
 * time only: a retried or replayed call keeps the first instant. The worklist reads it to show
 * officials which open cases they can decide now.
 */
import type { Pool } from 'pg';

export async function markCaseReady(pool: Pool, caseId: string, readyAt: string): Promise<{ caseId: string; marked: boolean }> {
  const r = await pool.query('UPDATE case_file SET ready_at = $2 WHERE case_id = $1 AND ready_at IS NULL', [caseId, readyAt]);
  return { caseId, marked: (r.rowCount ?? 0) > 0 };
}
