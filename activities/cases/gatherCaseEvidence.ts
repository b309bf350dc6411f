/**
 * Gathers a case's evidence into case_evidence: the screening facts, every registration, each
 * source's months in the window, exam applications, labour contracts, public-sector records and
 * related-unit notes. Results carry kinds and counts only: they land in workflow history.
 */
import type { Pool, PoolClient } from 'pg';
import { CaseNotFoundError } from '../../domain/errors';
import { inTransaction } from '../../platform/transactions';
import { EV_BATCH_SQL, EV_CASE_SQL, EVIDENCE_KINDS, EVIDENCE_STATEMENTS } from './evidenceSql';

// Until settleCaseDecision.ts (being edited elsewhere) imports it from platform/ too.

export interface GatherEvidenceResult {
  caseId: string;
  kinds: string[];
  /** False when the case's evidence was already gathered (at opening) and was kept. */
  gathered: boolean;
}

/** Set-based: any number of cases in one transaction, one pass over each source. */
export async function gatherEvidenceForCases(client: PoolClient, caseIds: string[], gatheredAt: string): Promise<void> {
  if (caseIds.length === 0) return;
  // A complaint case has no screening run: it reads the newest snapshot and its latest period.
  const fallback = await client.query<{ snapshot_id: string | null; as_of: string | null }>(
    `WITH s AS (SELECT max(id) AS id FROM data_snapshot)
     SELECT s.id AS snapshot_id,
            CASE WHEN EXISTS (SELECT 1 FROM case_file WHERE case_id = ANY ($1::text[]) AND screening_run_id IS NULL)
                 THEN (SELECT to_char(max(si.period), 'YYYY-MM-DD') FROM social_insurance si
                       JOIN data_snapshot_batch b ON b.batch_id = si.batch_id WHERE b.snapshot_id = s.id) END AS as_of
     FROM s`,
    [caseIds],
  );
  const snapshotId = fallback.rows[0]?.snapshot_id ?? null;
  const asOf = fallback.rows[0]?.as_of ?? gatheredAt.slice(0, 7) + '-01';
  await client.query(EV_CASE_SQL, [caseIds, snapshotId, asOf]);
  await client.query(EV_BATCH_SQL);
  // Temp tables have no statistics until analysed; without them the planner picks nested loops.
  await client.query('ANALYZE ev_case');
  await client.query('ANALYZE ev_batch');
  for (const s of EVIDENCE_STATEMENTS) {
    for (const step of s.prepare ?? []) await client.query(step);
    await client.query(s.sql, [gatheredAt]);
  }
  await client.query('UPDATE case_file SET evidence_at = $2 WHERE case_id = ANY ($1::text[])', [caseIds, gatheredAt]);
}

/**
 * The case workflow's first step. Cases opened from screening had their evidence gathered in
 * bulk when they opened, so this is one indexed read for them; a complaint case (or `refresh`)
 * gathers now.
 */
export async function gatherCaseEvidence(pool: Pool, caseId: string, opts: { refresh?: boolean; gatheredAt?: string } = {}): Promise<GatherEvidenceResult> {
  const found = await pool.query<{ evidence_at: Date | null }>('SELECT evidence_at FROM case_file WHERE case_id = $1', [caseId]);
  if (found.rowCount === 0) throw new CaseNotFoundError(caseId);
  if (found.rows[0].evidence_at && !opts.refresh) {
    const kinds = await pool.query<{ kind: string }>('SELECT kind FROM case_evidence WHERE case_id = $1 ORDER BY kind', [caseId]);
    return { caseId, kinds: kinds.rows.map((r) => r.kind), gathered: false };
  }
  await inTransaction(pool, (client) => gatherEvidenceForCases(client, [caseId], opts.gatheredAt ?? new Date().toISOString()));
  return { caseId, kinds: [...EVIDENCE_KINDS].sort(), gathered: true };
}
