/**
 * The penalties a decision carries (DATA-CONTRACT "Case outcomes"), each recorded with its
 * imposing level and date. Idempotent: penalty ids are deterministic ('<caseId>:<kind>' for the
 * person, '<caseId>:<kind>:<unitKey>' for a unit), so a second application adds nothing.
 *
 * The liability and the penalties are planned by domain/penaltyPlan.ts (a VIOLATION is liable; a
 * RECTIFIED case within phase 1 is exempt and recorded so, a later one is liable), the plan the
 * API's decision preview shows: what is recorded here is what the preview said.
 */
import { domainFailure, failure } from '../domainFailure';
import type { Pool, PoolClient } from 'pg';
import { CampaignCalendar, IsoDate } from '../../domain/calendar';
import { CaseDecision, type CaseDecisionInput } from '../../domain/outcomes';
import { ImposingLevel, PenaltyKind } from '../../domain/penalties';
import { decisionLiability, liablePenalties } from '../../domain/penaltyPlan';
import { Officer } from '../../domain/officer';
import { CaseNotFoundError } from '../../domain/errors';
import { inTransaction } from '../../platform/transactions';
import { loadPenaltyTargets } from './penaltyTargets';

export interface ApplyPenaltiesOptions {
  /** Needed to judge a RECTIFIED decision's exemption (the self-check deadline). */
  calendar?: CampaignCalendar;
  /** Only these kinds (e.g. what a provincial coordinator imposes). */
  kinds?: PenaltyKind[];
  /** Not these kinds (e.g. those the campaign reserves to the province). */
  exceptKinds?: PenaltyKind[];
  /** A provincial imposition is logged under its update id, in the same transaction. */
  audit?: { updateId: string; officer: Officer; at: string };
}

export interface ApplyPenaltiesResult {
  caseId: string;
  /** Every penalty of the requested kinds the case now carries (sorted), new or earlier. */
  penaltyIds: string[];
  /** Penalties this call recorded. */
  imposed: number;
  exempt: boolean;
}

export async function applyPenalties(
  pool: Pool,
  caseId: string,
  rawDecision: CaseDecisionInput,
  rawLevel: ImposingLevel,
  rawOnDate: string,
  opts: ApplyPenaltiesOptions = {},
): Promise<ApplyPenaltiesResult> {
  return inTransaction(pool, (client) => applyPenaltiesTx(client, caseId, rawDecision, rawLevel, rawOnDate, opts));
}

/** The same, inside the caller's transaction (settleCaseDecision composes it). */
export async function applyPenaltiesTx(
  client: PoolClient,
  caseId: string,
  rawDecision: CaseDecisionInput,
  rawLevel: ImposingLevel,
  rawOnDate: string,
  opts: ApplyPenaltiesOptions = {},
): Promise<ApplyPenaltiesResult> {
  const decision = CaseDecision.parse(rawDecision);
  const level = ImposingLevel.parse(rawLevel);
  const onDate = IsoDate.parse(rawOnDate);
  const found = await client.query<{ id_number: string; liability: string | null }>(
    'SELECT id_number, liability FROM case_file WHERE case_id = $1 FOR UPDATE',
    [caseId],
  );
  if (found.rowCount === 0) throw domainFailure(new CaseNotFoundError(caseId));
  if (opts.audit) await logImposition(client, caseId, level, opts);
  const none: ApplyPenaltiesResult = { caseId, penaltyIds: [], imposed: 0, exempt: false };
  // A RECTIFIED decision's exemption is judged against the self-check deadline; without the calendar
  // (a provincial imposition), the liability the city's settlement recorded stands.
  const recorded = found.rows[0].liability === 'liable' ? 'liable' : undefined;
  const liability = decisionLiability(decision, opts.calendar && CampaignCalendar.parse(opts.calendar)) ?? recorded;
  if (liability === undefined) throw failure('InvalidActivityInput', 'a RECTIFIED decision needs the calendar to judge exemption');
  if (liability === 'exempt') {
    await client.query(`UPDATE case_file SET liability = 'exempt', exemption_basis = 'rectified_in_self_check' WHERE case_id = $1`, [caseId]);
    return { ...none, exempt: true };
  }
  if (liability !== 'liable') return none;
  await client.query(`UPDATE case_file SET liability = 'liable' WHERE case_id = $1`, [caseId]);
  const targets = await loadPenaltyTargets(client, caseId, decision);
  const { kinds, penalties: rows, ban } = liablePenalties({ caseId, targets, onDate, kinds: opts.kinds, exceptKinds: opts.exceptKinds });
  const inserted = await client.query(
    `INSERT INTO penalty (penalty_id, case_id, kind, level, imposed_on, target, unit_name, unit_code, published, details)
     SELECT x.penalty_id, $1, x.kind, $2, $3, x.target, x.unit_name, x.unit_code, x.published, x.details
     FROM jsonb_to_recordset($4::jsonb) AS x(penalty_id text, kind text, target text, unit_name text, unit_code text,
                                              published boolean, details jsonb)
     ON CONFLICT (penalty_id) DO NOTHING`,
    [
      caseId,
      level,
      onDate,
      JSON.stringify(
        rows.map((r) => ({
          penalty_id: r.penaltyId,
          kind: r.kind,
          target: r.target,
          unit_name: r.unit?.name ?? null,
          unit_code: r.unit?.code ?? null,
          published: r.published,
          details: r.details,
        })),
      ),
    ],
  );
  if (ban) {
    await client.query(
      `INSERT INTO registration_ban (case_id, id_number, start_date, end_date) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id) DO NOTHING`,
      [caseId, found.rows[0].id_number, ban.start, ban.end],
    );
  }
  const all = await client.query<{ penalty_id: string }>('SELECT penalty_id FROM penalty WHERE case_id = $1 AND kind = ANY ($2::text[]) ORDER BY penalty_id', [
    caseId,
    kinds,
  ]);
  return { caseId, penaltyIds: all.rows.map((r) => r.penalty_id), imposed: inserted.rowCount ?? 0, exempt: false };
}

async function logImposition(client: PoolClient, caseId: string, level: ImposingLevel, opts: ApplyPenaltiesOptions): Promise<void> {
  const a = opts.audit!;
  const officer = Officer.parse(a.officer);
  await client.query(
    `INSERT INTO decision_log (update_id, case_id, action, officer_id, officer_role, officer_city, payload, recorded_at)
     VALUES ($1, $2, 'provincial_penalty', $3, $4, $5, $6, $7) ON CONFLICT (case_id, update_id) DO NOTHING`,
    [a.updateId, caseId, officer.userId, officer.role, officer.cityCode ?? null, JSON.stringify({ level, kinds: opts.kinds ?? null }), a.at],
  );
}
