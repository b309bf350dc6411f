/**
 * The penalties a decision carries (DATA-CONTRACT "Case outcomes"), each recorded with its
 * imposing level and date. Idempotent: penalty ids are deterministic ('<caseId>:<kind>' for the
 * person, '<caseId>:<kind>:<unitKey>' for a unit), so a second application adds nothing.
 *
 * The liability and the penalties are planned by domain/penaltyPlan.ts (a VIOLATION is liable; a
 * RECTIFIED case within phase 1 with a self-check declaration on record is exempt and recorded so,
 * one without the declaration or a later one is liable; a DEREGISTERED case whose person applied to
 * deregister while the case was open is liable), the plan the API's decision preview shows: what is
 * recorded here is what the preview said.
 */
import { domainFailure, failure } from '../domainFailure';
import type { Pool, PoolClient } from 'pg';
import { CampaignCalendar, IsoDate } from '../../domain/calendar';
import { CaseDecision, type CaseDecisionInput } from '../../domain/outcomes';
import { ImposingLevel, PenaltyKind } from '../../domain/penalties';
import { judgeLiability, liablePenalties, type Liability, type LiabilityBasis, type LiabilityJudgement, type LiabilityNotice } from '../../domain/penaltyPlan';
import { loadSelfCheckRecord } from '../../readModel/penaltyEvidence';
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
  liability: Liability;
  /** Why a correction or a deregistration did not exempt (Chinese, naming the decision's field). */
  notice?: LiabilityNotice;
}

const BASES: readonly string[] = [
  'violation',
  'rectified_in_self_check',
  'late_correction',
  'no_self_check_declaration',
  'deregistration_during_case',
  'no_liability',
] satisfies LiabilityBasis[];

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
  const found = await client.query<{ id_number: string; liability: string | null; liability_basis: string | null }>(
    'SELECT id_number, liability, liability_basis FROM case_file WHERE case_id = $1 FOR UPDATE',
    [caseId],
  );
  if (found.rowCount === 0) throw domainFailure(new CaseNotFoundError(caseId));
  if (opts.audit) await logImposition(client, caseId, level, opts);
  const targets = await loadPenaltyTargets(client, caseId, decision);
  const judged = await judge(client, caseId, decision, targets.registrationUnits, opts, found.rows[0]);
  const none: ApplyPenaltiesResult = { caseId, penaltyIds: [], imposed: 0, exempt: false, liability: judged.liability, ...notice(judged) };
  if (judged.liability === 'exempt') {
    await client.query(`UPDATE case_file SET liability = 'exempt', exemption_basis = 'rectified_in_self_check', liability_basis = $2 WHERE case_id = $1`, [
      caseId,
      judged.basis,
    ]);
    return { ...none, exempt: true };
  }
  if (judged.liability !== 'liable') {
    if (opts.calendar) await client.query('UPDATE case_file SET liability_basis = $2 WHERE case_id = $1', [caseId, judged.basis]);
    return none;
  }
  await client.query(`UPDATE case_file SET liability = 'liable', liability_basis = $2 WHERE case_id = $1`, [caseId, judged.basis]);
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
  return { caseId, penaltyIds: all.rows.map((r) => r.penalty_id), imposed: inserted.rowCount ?? 0, exempt: false, liability: 'liable', ...notice(judged) };
}

const notice = (j: LiabilityJudgement): { notice?: LiabilityNotice } => (j.notice ? { notice: j.notice } : {});

/**
 * The liability. With the calendar (a decision, an override) it is judged from the decision and the
 * self-check record; without it (a provincial imposition in phase 3) the liability the city's
 * settlement recorded stands, and a VIOLATION is liable anyway.
 */
async function judge(
  client: PoolClient,
  caseId: string,
  decision: CaseDecision,
  units: Parameters<typeof judgeLiability>[3],
  opts: ApplyPenaltiesOptions,
  recorded: { liability: string | null; liability_basis: string | null },
): Promise<LiabilityJudgement> {
  if (opts.calendar) {
    const calendar = CampaignCalendar.parse(opts.calendar);
    const needsRecord = decision.outcome === 'RECTIFIED' || decision.outcome === 'DEREGISTERED';
    const record = needsRecord ? await loadSelfCheckRecord(client, caseId, units ?? []) : { declarations: [], deregistrationRequests: [] };
    return judgeLiability(decision, calendar, record, units)!;
  }
  if (decision.outcome === 'VIOLATION') return { liability: 'liable', basis: 'violation' };
  if (recorded.liability === 'liable') {
    const basis = BASES.includes(recorded.liability_basis ?? '') ? (recorded.liability_basis as LiabilityBasis) : 'late_correction';
    return { liability: 'liable', basis };
  }
  if (decision.outcome === 'RECTIFIED') throw failure('InvalidActivityInput', 'a RECTIFIED decision needs the calendar to judge exemption');
  return { liability: 'none', basis: 'no_liability' };
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
