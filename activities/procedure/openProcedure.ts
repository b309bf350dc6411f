/**
 * A penalty procedure's row, written once when its workflow starts (idempotent: the same procedure
 * id finds its row), and what the workflow needs to begin: the case's certificate category (from
 * the evidence gathered for the case: its first valid registration) and the province's settings in
 * force. Ids, codes and numbers only: nothing personal goes back to the workflow.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar';
import { CertCategory } from '../../domain/certCategories';
import { CaseNotFoundError, DomainError } from '../../domain/errors';
import { ProcedureViolation } from '../../domain/legalBasis';
import { ProcedureLevel, ProcedureSettings } from '../../domain/penaltyProcedure';
import { loadPenaltyEvidence } from '../../readModel/penaltyEvidence';
import { domainFailure } from '../domainFailure';

export const OpenProcedureInput = z.object({
  procedureId: z.string().min(1).max(200),
  caseId: z.string().min(1),
  campaignId: z.string().min(1),
  cityCode: z.string().length(4),
  level: ProcedureLevel,
  authorityCode: z.string().min(1),
  violation: ProcedureViolation,
  openedOn: IsoDate,
  timeLimitOn: IsoDate,
  /** The workflow run: a later run (the case reopened and decided liable again) opens the closed procedure anew. */
  runId: z.string().min(1).optional(),
  /** An intermediary's procedure: its order (caseId is then the order's reference) and the basis chosen at the escalation. */
  party: z.object({ orderId: z.number().int().min(1), basisId: z.number().int().min(1) }).optional(),
});
export type OpenProcedureInput = z.input<typeof OpenProcedureInput>;

export interface OpenedProcedure {
  certCategory: CertCategory | null;
  settings: ProcedureSettings;
  /** How many runs have conducted this procedure, this one included (1 for the first). */
  runs: number;
}

const SettingsRow = z.object({ statement_working_days: z.number(), reminder_days_before_time_limit: z.number(), basis_recheck_days: z.number() });

export async function openProcedure(pool: Pool, raw: OpenProcedureInput): Promise<OpenedProcedure> {
  const i = OpenProcedureInput.parse(raw);
  if (i.party) return openIntermediaryProcedure(pool, i, i.party);
  const found = await pool.query('SELECT 1 FROM case_file WHERE case_id = $1', [i.caseId]);
  if (found.rows.length === 0) throw domainFailure(new CaseNotFoundError(i.caseId));
  // A new run of a closed procedure (withdrawn at a reopening) opens it again; the same run retried finds its row.
  await pool.query(
    `INSERT INTO penalty_procedure (procedure_id, case_id, campaign_id, city_code, level, authority_code, violation, step, awaiting, opened_on, time_limit_on, run_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposal', '{}', $8, $9, $10)
     ON CONFLICT (procedure_id) DO UPDATE SET runs = penalty_procedure.runs + 1, run_id = EXCLUDED.run_id, step = 'proposal', awaiting = '{}',
       opened_on = EXCLUDED.opened_on, time_limit_on = EXCLUDED.time_limit_on, time_limit_extended = false, closed_on = NULL, closed_because = NULL,
       notice_document_id = NULL, notice_served_on = NULL, statement_deadline = NULL, hearing_request_deadline = NULL, rights_waived_on = NULL,
       hearing_requested_on = NULL, hearing_date = NULL, hearing_time = NULL, hearing_document_id = NULL, hearing_notice_served_on = NULL,
       hearing_held_on = NULL, review_adopted = NULL, reviewed_on = NULL, decision_document_id = NULL, decision_on = NULL, decision_served_on = NULL,
       ministry_document_id = NULL, ministry_revoked = NULL, ministry_answered_on = NULL, ministry_document_number = NULL, effective_on = NULL,
       redress_kind = NULL, redress_filed_on = NULL, redress_result = NULL, redress_decided_on = NULL, updated_at = now()
     WHERE penalty_procedure.closed_on IS NOT NULL AND penalty_procedure.run_id IS DISTINCT FROM EXCLUDED.run_id`,
    [i.procedureId, i.caseId, i.campaignId, i.cityCode, i.level, i.authorityCode, i.violation, i.openedOn, i.timeLimitOn, i.runId ?? null],
  );
  const runs = await pool.query<{ runs: number }>('SELECT runs FROM penalty_procedure WHERE procedure_id = $1', [i.procedureId]);
  const evidence = await loadPenaltyEvidence(pool, i.caseId);
  const registrations = evidence.get('registrations');
  const categories = (Array.isArray(registrations) ? (registrations as { certCategory?: unknown; status?: unknown }[]) : [])
    .filter((r) => (typeof r.status === 'string' ? r.status : 'valid') === 'valid')
    .map((r) => CertCategory.safeParse(r.certCategory))
    .filter((r) => r.success)
    .map((r) => r.data);
  const certCategory = categories[0] ?? null;
  await pool.query('UPDATE penalty_procedure SET cert_category = $2 WHERE procedure_id = $1 AND cert_category IS DISTINCT FROM $2', [
    i.procedureId,
    certCategory,
  ]);
  return { certCategory, settings: await procedureSettings(pool), runs: runs.rows[0]?.runs ?? 1 };
}

/**
 * An intermediary's procedure (its order escalated when 情节严重): no case, no certificate category, the
 * basis chosen at the escalation. One per order; a retried start finds its row.
 */
async function openIntermediaryProcedure(
  pool: Pool,
  i: z.infer<typeof OpenProcedureInput>,
  party: { orderId: number; basisId: number },
): Promise<OpenedProcedure> {
  const found = await pool.query('SELECT 1 FROM intermediary_order WHERE id = $1', [party.orderId]);
  if (found.rows.length === 0) throw domainFailure(new DomainError('NotFound', `no intermediary order ${party.orderId}`));
  await pool.query(
    `INSERT INTO penalty_procedure (procedure_id, case_id, intermediary_order_id, intermediary_basis_id, campaign_id, city_code, level, authority_code,
       violation, step, awaiting, opened_on, time_limit_on, run_id)
     VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, $8, 'proposal', '{}', $9, $10, $11)
     ON CONFLICT (procedure_id) DO NOTHING`,
    [i.procedureId, party.orderId, party.basisId, i.campaignId, i.cityCode, i.level, i.authorityCode, i.violation, i.openedOn, i.timeLimitOn, i.runId ?? null],
  );
  return { certCategory: null, settings: await procedureSettings(pool), runs: 1 };
}

async function procedureSettings(pool: Pool): Promise<ProcedureSettings> {
  const s = await pool.query('SELECT statement_working_days, reminder_days_before_time_limit, basis_recheck_days FROM procedure_setting');
  const row = s.rows[0] ? SettingsRow.parse(s.rows[0]) : undefined;
  return ProcedureSettings.parse(
    row
      ? {
          statementWorkingDays: row.statement_working_days,
          reminderDaysBeforeTimeLimit: row.reminder_days_before_time_limit,
          basisRecheckDays: row.basis_recheck_days,
        }
      : {},
  );
}
