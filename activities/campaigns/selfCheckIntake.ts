/**
 * Phase 1 intake (自查自纠). The services layer writes declarations and deregistration requests
 * (they carry personal data) and hands the city workflow their row ids; these activities confirm a
 * row belongs to the city and track the fast-track deregistration time limit.
 */
import { failure } from '../domainFailure';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { raiseAlert } from '../alerts/raiseAlert';
import { resolveAlert } from '../alerts/resolveAlert';

const CityRef = z.object({ campaignId: z.string().min(1), cityCode: CityCode });
const Instant = z.string().datetime({ offset: true });

export const AcceptDeclarationInput = CityRef.extend({ declarationId: z.number().int().positive() });
export type AcceptDeclarationInput = z.input<typeof AcceptDeclarationInput>;

/** Confirms the declaration exists for this campaign and city; never returns personal data. */
export async function acceptSelfCheckDeclaration(pool: Pool, raw: AcceptDeclarationInput): Promise<{ correctedOn: string; correction: string }> {
  const i = AcceptDeclarationInput.parse(raw);
  const { rows } = await pool.query(
    `SELECT to_char(corrected_on, 'YYYY-MM-DD') AS corrected_on, correction FROM self_check_declaration
     WHERE id = $1 AND campaign_id = $2 AND city_code = $3`,
    [i.declarationId, i.campaignId, i.cityCode],
  );
  if (!rows[0]) throw failure('IntakeNotFound', `自查申报 ${i.declarationId} 不属于本市（州）本次专项治理`);
  return { correctedOn: rows[0].corrected_on, correction: rows[0].correction };
}

export const AcceptDeregistrationInput = CityRef.extend({ requestId: z.number().int().positive() });
export type AcceptDeregistrationInput = z.input<typeof AcceptDeregistrationInput>;

/**
 * Returns the instant the request's time limit is exceeded (wall time, ISO), and the case it
 * belongs to when it was made while the person's case was open: such a request is handled inside
 * the case, and its time limit is not watched (the registration is frozen until the case closes).
 */
export async function acceptDeregistrationRequest(
  pool: Pool,
  raw: AcceptDeregistrationInput,
): Promise<{ slaDueAt: string; processed: boolean; caseId?: string }> {
  const i = AcceptDeregistrationInput.parse(raw);
  const { rows } = await pool.query(
    `SELECT sla_due_at, processed_at, case_id FROM deregistration_request WHERE id = $1 AND campaign_id = $2 AND city_code = $3`,
    [i.requestId, i.campaignId, i.cityCode],
  );
  if (!rows[0]) throw failure('IntakeNotFound', `注销申请 ${i.requestId} 不属于本市（州）本次专项治理`);
  return {
    slaDueAt: (rows[0].sla_due_at as Date).toISOString(),
    processed: rows[0].processed_at !== null,
    ...(rows[0].case_id ? { caseId: rows[0].case_id as string } : {}),
  };
}

export const ProcessDeregistrationInput = CityRef.extend({
  requestId: z.number().int().positive(),
  outcome: z.enum(['cancelled', 'refused']),
  processedBy: z.string().min(1),
  at: Instant,
});
export type ProcessDeregistrationInput = z.input<typeof ProcessDeregistrationInput>;

export function deregistrationAlertKey(campaignId: string, cityCode: string, requestId: number): string {
  return `campaign/${campaignId}/city/${cityCode}/deregistration/${requestId}/overdue`;
}

/**
 * Idempotent: the first processing counts. Resolves the request's time-limit alert if any. A
 * request that belongs to a case still open is not cancelled: the person's registration is frozen
 * until the case is decided (no cancellation passes without the case being closed).
 */
export async function processDeregistration(pool: Pool, raw: ProcessDeregistrationInput): Promise<{ withinSla: boolean }> {
  const i = ProcessDeregistrationInput.parse(raw);
  if (i.outcome === 'cancelled') {
    const open = await pool.query<{ case_no: string }>(
      `SELECT c.case_no FROM deregistration_request r JOIN case_file c ON c.case_id = r.case_id
       WHERE r.id = $1 AND r.campaign_id = $2 AND r.city_code = $3 AND r.processed_at IS NULL AND c.status IN ('open', 'carried_over', 'decided')`,
      [i.requestId, i.campaignId, i.cityCode],
    );
    if (open.rows[0]) {
      throw failure(
        'RegistrationFrozen',
        `注销申请 ${i.requestId} 的当事人案件 ${open.rows[0].case_no} 尚未办结，注册处于冻结状态，不得办理注销；请待案件作出核查结论后再办理`,
      );
    }
  }
  await pool.query(
    `UPDATE deregistration_request SET processed_at = $4, processed_by = $5, outcome = $6
     WHERE id = $1 AND campaign_id = $2 AND city_code = $3 AND processed_at IS NULL`,
    [i.requestId, i.campaignId, i.cityCode, i.at, i.processedBy, i.outcome],
  );
  const { rows } = await pool.query('SELECT processed_at <= sla_due_at AS ok FROM deregistration_request WHERE id = $1', [i.requestId]);
  await resolveAlert(pool, { alertKey: deregistrationAlertKey(i.campaignId, i.cityCode, i.requestId), resolvedAt: i.at });
  return { withinSla: rows[0]?.ok === true };
}

export const AlertOverdueDeregistrationsInput = CityRef.extend({ at: Instant });
export type AlertOverdueDeregistrationsInput = z.input<typeof AlertOverdueDeregistrationsInput>;

/**
 * One sweep: alerts every unprocessed request past its time limit (once each) and returns the
 * next instant a pending request will pass its limit, so the city arms one timer, not one per request.
 */
export async function alertOverdueDeregistrations(pool: Pool, raw: AlertOverdueDeregistrationsInput): Promise<{ alerted: number; nextDueAt: string | null }> {
  const i = AlertOverdueDeregistrationsInput.parse(raw);
  const overdue = await pool.query<{ id: string; sla_due: string }>(
    `SELECT id, to_char(sla_due, 'YYYY-MM-DD') AS sla_due FROM deregistration_request
     WHERE campaign_id = $1 AND city_code = $2 AND processed_at IS NULL AND sla_alerted_at IS NULL AND sla_due_at <= $3 AND case_id IS NULL
     ORDER BY id`,
    [i.campaignId, i.cityCode, i.at],
  );
  for (const r of overdue.rows) {
    const id = Number(r.id);
    await raiseAlert(pool, {
      alertKey: deregistrationAlertKey(i.campaignId, i.cityCode, id),
      level: 'warning',
      kind: 'deregistration_overdue',
      campaignId: i.campaignId,
      cityCode: i.cityCode,
      phase: 'selfCheck',
      message: `注销申请（编号 ${id}）超过快速办理时限（应于 ${r.sla_due} 前办结），请发证机关尽快办理`,
      raisedAt: i.at,
    });
    await pool.query('UPDATE deregistration_request SET sla_alerted_at = $2 WHERE id = $1', [id, i.at]);
  }
  const next = await pool.query<{ next: Date | null }>(
    `SELECT min(sla_due_at) AS next FROM deregistration_request
     WHERE campaign_id = $1 AND city_code = $2 AND processed_at IS NULL AND sla_alerted_at IS NULL AND case_id IS NULL`,
    [i.campaignId, i.cityCode],
  );
  return { alerted: overdue.rows.length, nextDueAt: next.rows[0]?.next ? next.rows[0].next.toISOString() : null };
}
