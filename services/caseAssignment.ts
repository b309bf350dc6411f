/**
 * Assigning cases to named officers (承办人, issue 20 item 4): one case, or a plan over many (a rule's
 * or chosen cases to one officer), each in one transaction under the city's assignment lock, so two
 * runs never interleave. Every change is a new row of case_assignment_event (the history is never
 * rewritten) and the case's current row follows it; a case already with the planned officer is left
 * alone (no row), which makes a repeated run a no-op. Moving a case from one officer to another
 * needs a reason. Not a workflow concern: decisions stay open to every officer of the city.
 */
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { fieldSubject } from '../domain/fieldLabels';
import { inTransaction } from '../platform/transactions';

export interface Assigner {
  /** The responsible person's user id (audit-log name). */
  userId: string;
}

export interface AssignmentChange {
  caseId: string;
  assignee: string;
  previous: string | null;
}

/** Serialises a city's assignments (advisory lock for the transaction). */
async function lockCity(db: PoolClient, campaignId: string, cityCode: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('case_assignment/' || $1 || '/' || $2))`, [campaignId, cityCode]);
}

/** Refuses names that are not active local officers of the city (field `path` of the request). */
async function checkOfficers(db: PoolClient, cityCode: string, names: readonly string[], path: string): Promise<void> {
  const { rows } = await db.query(
    `SELECT username FROM app_user WHERE username = ANY($1::text[]) AND role = 'city_officer' AND city_code = $2 AND disabled_at IS NULL`,
    [names, cityCode],
  );
  const found = new Set(
    z
      .array(z.object({ username: z.string() }))
      .parse(rows)
      .map((r) => r.username),
  );
  const missing = names.filter((n) => !found.has(n));
  if (missing.length > 0) {
    throw new DomainError('AssigneeNotOfficer', `not an active officer of city ${cityCode}: ${missing.join(', ')}`, [
      { path, message: `${fieldSubject(path.split('.'))}应为本市（州）在用的经办人：${missing.join('、')} 不是` },
    ]);
  }
}

function refuseWithoutReason(changes: readonly AssignmentChange[], reason: string | undefined): void {
  const moved = changes.filter((c) => c.previous !== null).length;
  if (moved > 0 && !reason) {
    throw new DomainError('AssignmentReasonRequired', `${moved} case(s) move from one officer to another: a reason is required`, [
      { path: 'reason', message: `${fieldSubject(['reason'])}必填：改派已有承办人的案件（${moved} 件）须说明理由` },
    ]);
  }
}

const Current = z.object({ case_id: z.string(), assignee: z.string() });

/**
 * Records the planned assignments that change something (one history row each, the current row
 * following it); a case that has its planned officer already is left as it is.
 */
async function recordChanges(
  db: PoolClient,
  plan: readonly { caseId: string; assignee: string }[],
  by: Assigner,
  how: { method: 'manual' | 'bulk' | 'rule'; rule?: unknown; batchKey?: string; reason?: string },
): Promise<AssignmentChange[]> {
  if (plan.length === 0) return [];
  // Locked: a concurrent single assignment of the same case waits for the city lock anyway.
  const current = await db.query(`SELECT case_id, assignee FROM case_assignment WHERE case_id = ANY($1::text[]) FOR UPDATE`, [plan.map((p) => p.caseId)]);
  const now = new Map(
    z
      .array(Current)
      .parse(current.rows)
      .map((r) => [r.case_id, r.assignee]),
  );
  const changes = plan.filter((p) => now.get(p.caseId) !== p.assignee).map((p) => ({ ...p, previous: now.get(p.caseId) ?? null }));
  refuseWithoutReason(changes, how.reason);
  if (changes.length === 0) return [];
  await db.query(
    `WITH e AS (
       INSERT INTO case_assignment_event (case_id, assignee, previous, assigned_by, method, rule, batch_key, reason)
       SELECT x.case_id, x.assignee, x.previous, $4, $5, $6::jsonb, $7, $8
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS x(case_id, assignee, previous, n)
       ORDER BY x.n
       RETURNING id, case_id, assignee, assigned_at)
     INSERT INTO case_assignment (case_id, assignee, event_id, assigned_at)
     SELECT case_id, assignee, id, assigned_at FROM e
     ON CONFLICT (case_id) DO UPDATE SET assignee = EXCLUDED.assignee, event_id = EXCLUDED.event_id, assigned_at = EXCLUDED.assigned_at`,
    [
      changes.map((c) => c.caseId),
      changes.map((c) => c.assignee),
      changes.map((c) => c.previous),
      by.userId,
      how.method,
      how.rule === undefined ? null : JSON.stringify(how.rule),
      how.batchKey ?? null,
      how.reason ?? null,
    ],
  );
  return changes;
}

/** One case to one officer (a reassignment when it had another). Unchanged when it has that officer already. */
export async function assignCase(
  pool: Pool,
  at: { campaignId: string; cityCode: string; caseId: string },
  assignee: string,
  by: Assigner,
  reason: string | undefined,
): Promise<{ changed: boolean; previous: string | null }> {
  return inTransaction(pool, async (db) => {
    await lockCity(db, at.campaignId, at.cityCode);
    await checkOfficers(db, at.cityCode, [assignee], 'assignee');
    const changes = await recordChanges(db, [{ caseId: at.caseId, assignee }], by, { method: 'manual', reason });
    if (changes[0]) return { changed: true, previous: changes[0].previous };
    const { rows } = await db.query('SELECT assignee FROM case_assignment WHERE case_id = $1', [at.caseId]);
    return { changed: false, previous: (rows[0] as { assignee: string } | undefined)?.assignee ?? null };
  });
}

/**
 * A bulk plan (its cases already chosen and in the city) applied at once. The plan is computed by
 * the caller inside `plan()`, under the lock, so the cases it reads are the ones it assigns.
 */
export async function applyAssignmentPlan<T extends { caseId: string; assignee: string }>(
  pool: Pool,
  at: { campaignId: string; cityCode: string },
  officers: readonly string[],
  plan: () => Promise<T[]>,
  by: Assigner,
  how: { method: 'bulk' | 'rule'; rule: unknown; batchKey: string; reason?: string },
): Promise<{ planned: T[]; changes: AssignmentChange[] }> {
  return inTransaction(pool, async (db) => {
    await lockCity(db, at.campaignId, at.cityCode);
    await checkOfficers(db, at.cityCode, officers, 'rule');
    const planned = await plan();
    const changes = await recordChanges(db, planned, by, how);
    return { planned, changes };
  });
}
