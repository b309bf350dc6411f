/**
 * Corrections of a decided case (issue 19, due process), each in one transaction and idempotent by
 * its update id (decision_log): a retry finds the correction logged and answers what it answered.
 * Nothing is deleted: the decision set aside stays in decision_log and in the correction's own row
 * (case_reopening, case_override), the penalties withdrawn move to penalty_withdrawn.
 *
 * - reopenCase: the city reopens a case the province named when it returned the investigation
 *   report (case_reopening, written by recordReview). The case is open again (registration frozen),
 *   its penalties withdrawn, and the case workflow awaits a new decision.
 * - overrideCaseOutcome: the province replaces the city's outcome with its own and a reason. The
 *   city's penalties are withdrawn and the new outcome's are imposed by the province, on the
 *   override's date, liability judged as for any decision (domain/penaltyPlan.ts).
 * - caseStanding: what a later run of a decided case's workflow starts from (ids and states only).
 */
import type { Pool, PoolClient } from 'pg';
import { CampaignCalendar, IsoDate } from '../../domain/calendar';
import { CaseNotFoundError } from '../../domain/errors';
import { Officer } from '../../domain/officer';
import { CaseDecision, type CaseDecisionInput, type CaseOutcome } from '../../domain/outcomes';
import { registrationUnitsOf, type Liability, type LiabilityNotice } from '../../domain/penaltyPlan';
import { inTransaction } from '../../platform/transactions';
import { loadPenaltyEvidence } from '../../readModel/penaltyEvidence';
import { refusedPermanently } from '../databaseRefusal';
import { domainFailure, failure } from '../domainFailure';
import { applyPenaltiesTx } from '../penalties/applyPenalties';

interface CaseRow {
  status: string;
  case_no: string;
  id_number: string;
  outcome: CaseOutcome | null;
  decision: unknown;
  liability: Liability | null;
  decided_on: string | null;
}

async function lockCase(client: PoolClient, caseId: string): Promise<CaseRow> {
  const { rows } = await client.query<CaseRow>(
    `SELECT status, case_no, id_number, outcome, decision, liability, to_char(decided_on, 'YYYY-MM-DD') AS decided_on
     FROM case_file WHERE case_id = $1 FOR UPDATE`,
    [caseId],
  );
  if (!rows[0]) throw domainFailure(new CaseNotFoundError(caseId));
  return rows[0];
}

/** The answer a correction logged under this update id, when it was already made (a retry). */
async function loggedResult<T>(client: PoolClient, caseId: string, updateId: string, action: 'reopen' | 'override'): Promise<T | undefined> {
  const { rows } = await client.query<{ action: string; payload: { result?: T } }>(
    'SELECT action, payload FROM decision_log WHERE case_id = $1 AND update_id = $2',
    [caseId, updateId],
  );
  if (!rows[0]) return undefined;
  if (rows[0].action !== action || !rows[0].payload.result) throw failure('UpdateRefused', `update ${updateId} was used for another message on case ${caseId}`);
  return rows[0].payload.result;
}

function requireDecided(c: CaseRow, what: string): void {
  if (c.status !== 'closed' && c.status !== 'decided') {
    throw failure('CaseNotDecided', `案件 ${c.case_no} 尚未作出核查结论，不能${what} (case ${c.case_no} is ${c.status})`);
  }
}

/**
 * Moves the case's penalties (and its ban) to penalty_withdrawn; answers their ids. `keepProcedureRows`
 * (an override that keeps the case liable): the rows a procedure's served decision wrote stay while
 * that procedure keeps its measures in effect (it was not withdrawn): only its withdrawal or a
 * redress that revokes its decision takes them away (docs/procedure.md), and the ban stays with them.
 */
async function withdrawPenalties(
  client: PoolClient,
  caseId: string,
  updateId: string,
  because: 'reopen' | 'override',
  at: string,
  keepProcedureRows = false,
): Promise<string[]> {
  const { rows } = await client.query<{ penalty_id: string }>(
    `WITH gone AS (
       DELETE FROM penalty p WHERE p.case_id = $1
         AND NOT ($5::boolean AND p.procedure_id IS NOT NULL AND EXISTS (
               SELECT 1 FROM penalty_procedure pp WHERE pp.procedure_id = p.procedure_id AND pp.closed_because IS DISTINCT FROM 'withdrawn'))
       RETURNING p.*)
     INSERT INTO penalty_withdrawn (penalty_id, case_id, kind, level, imposed_on, target, unit_name, unit_code, published, details, recorded_at,
                                    withdrawn_at, withdrawn_by_update, withdrawn_because)
     SELECT penalty_id, case_id, kind, level, imposed_on, target, unit_name, unit_code, published, details, recorded_at, $2, $3, $4 FROM gone
     ON CONFLICT DO NOTHING
     RETURNING penalty_id`,
    [caseId, at, updateId, because, keepProcedureRows],
  );
  await client.query(
    `DELETE FROM registration_ban WHERE case_id = $1 AND NOT ($2::boolean AND EXISTS (SELECT 1 FROM penalty WHERE case_id = $1 AND kind = 'REGISTRATION_BAN_3Y'))`,
    [caseId, keepProcedureRows],
  );
  return rows.map((r) => r.penalty_id).sort();
}

const previousOf = (c: CaseRow) => ({ outcome: c.outcome, liability: c.liability, decidedOn: c.decided_on });

async function log(client: PoolClient, caseId: string, updateId: string, action: 'reopen' | 'override', officer: Officer, payload: object, at: string) {
  await client.query(
    `INSERT INTO decision_log (update_id, case_id, action, officer_id, officer_role, officer_city, payload, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [updateId, caseId, action, officer.userId, officer.role, officer.cityCode ?? null, JSON.stringify(payload), at],
  );
}

export interface ReopenedCase {
  caseId: string;
  updateId: string;
  reopenedOn: string;
  previousOutcome: CaseOutcome | null;
  submissionVersion: number;
  withdrawnPenaltyIds: string[];
}

export async function reopenCase(
  pool: Pool,
  caseId: string,
  updateId: string,
  reason: string,
  rawOfficer: Officer,
  time: { at: string; on: string },
): Promise<ReopenedCase> {
  const officer = Officer.parse(rawOfficer);
  const on = IsoDate.parse(time.on);
  return refusedPermanently(`the reopening of case ${caseId}`, () =>
    inTransaction(pool, async (client) => {
      const c = await lockCase(client, caseId);
      const done = await loggedResult<ReopenedCase>(client, caseId, updateId, 'reopen');
      if (done) return done;
      requireDecided(c, '重新办理');
      // Named by the province in a return of the investigation report that the city has not answered yet.
      const named = await client.query<{ submission_version: number }>(
        `SELECT r.submission_version FROM case_reopening r
         JOIN submission s ON s.campaign_id = r.campaign_id AND s.city_code = r.city_code AND s.kind = 'investigation' AND s.version = r.submission_version
         WHERE r.case_id = $1 AND r.reopened_at IS NULL AND s.status = 'returned'
         ORDER BY r.submission_version DESC LIMIT 1`,
        [caseId],
      );
      if (!named.rows[0]) {
        throw failure('ReopenNotNamed', `案件 ${c.case_no} 未被省级在退回的排查报告中列为需重新办理的案件，不能重新办理 (case not named by a pending return)`);
      }
      const submissionVersion = named.rows[0].submission_version;
      const withdrawnPenaltyIds = await withdrawPenalties(client, caseId, updateId, 'reopen', time.at);
      const result: ReopenedCase = { caseId, updateId, reopenedOn: on, previousOutcome: c.outcome, submissionVersion, withdrawnPenaltyIds };
      await log(
        client,
        caseId,
        updateId,
        'reopen',
        officer,
        { reason, submissionVersion, previous: { ...previousOf(c), decision: c.decision }, result },
        time.at,
      );
      await client.query(
        `UPDATE case_reopening SET reopen_update_id = $3, reopened_by = $4, reopened_at = $5, reason = $6,
                previous_outcome = $7, previous_decision = $8, previous_liability = $9, previous_decided_on = $10
         WHERE case_id = $1 AND submission_version = $2`,
        [caseId, submissionVersion, updateId, officer.userId, time.at, reason, c.outcome, JSON.stringify(c.decision), c.liability, c.decided_on],
      );
      await client.query(
        `UPDATE case_file SET status = 'open', outcome = NULL, decision = NULL, decision_update_id = NULL, decided_by = NULL, decided_at = NULL,
                decided_on = NULL, liability = NULL, exemption_basis = NULL, liability_basis = NULL, closed_at = NULL, overridden = false,
                reopenings = reopenings + 1, reopened_at = $2
         WHERE case_id = $1`,
        [caseId, time.at],
      );
      // Open again: the registration is frozen again, as when the case opened.
      const units = registrationUnitsOf(await loadPenaltyEvidence(client, caseId));
      await client.query(
        `INSERT INTO registration_freeze (id_number, case_id, unit_codes, unit_names_norm, frozen_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id_number, case_id) DO NOTHING`,
        [c.id_number, caseId, units.map((u) => u.code).filter((x): x is string => x !== null), [...new Set(units.map((u) => u.norm))], time.at],
      );
      return result;
    }),
  );
}

export interface OverriddenCase {
  caseId: string;
  updateId: string;
  outcome: CaseOutcome;
  previousOutcome: CaseOutcome | null;
  overriddenOn: string;
  liability: Liability;
  exempt: boolean;
  penaltyIds: string[];
  withdrawnPenaltyIds: string[];
  notice?: LiabilityNotice;
}

export async function overrideCaseOutcome(
  pool: Pool,
  caseId: string,
  updateId: string,
  rawDecision: CaseDecisionInput,
  reason: string,
  rawOfficer: Officer,
  time: { at: string; on: string },
  /** `kinds: []`: the liability judged, no penalty recorded (the penalty procedure puts them in effect, docs/procedure.md). */
  opts: { calendar: CampaignCalendar; kinds?: [] },
): Promise<OverriddenCase> {
  const decision = CaseDecision.parse(rawDecision);
  const officer = Officer.parse(rawOfficer);
  const on = IsoDate.parse(time.on);
  const calendar = CampaignCalendar.parse(opts.calendar);
  return refusedPermanently(`the override of case ${caseId}`, () =>
    inTransaction(pool, async (client) => {
      const c = await lockCase(client, caseId);
      const done = await loggedResult<OverriddenCase>(client, caseId, updateId, 'override');
      if (done) return done;
      requireDecided(c, '改变核查结论');
      // With the procedures (kinds: []) nothing is imposed here: the liability is judged first, then a liable outcome
      // keeps the rows its procedures' served decisions wrote. Without them, the city's rows go before the province's come.
      const viaProcedure = opts.kinds !== undefined;
      let withdrawnPenaltyIds = viaProcedure ? [] : await withdrawPenalties(client, caseId, updateId, 'override', time.at);
      await client.query(
        `UPDATE case_file SET status = 'closed', outcome = $2, decision = $3, decision_update_id = $4, decided_by = $5, decided_at = $6, decided_on = $7,
                liability = CASE WHEN $2 = 'VIOLATION' THEN 'liable' ELSE 'none' END, exemption_basis = NULL, liability_basis = NULL,
                overridden = true, overridden_at = $6, closed_at = coalesce(closed_at, $6)
         WHERE case_id = $1`,
        [caseId, decision.outcome, JSON.stringify(decision), updateId, officer.userId, time.at, on],
      );
      // The province's outcome, the province's penalties: every kind the outcome carries, on the override's date.
      const pen = await applyPenaltiesTx(client, caseId, decision, 'province', on, { calendar, ...(opts.kinds ? { kinds: opts.kinds } : {}) });
      if (viaProcedure) withdrawnPenaltyIds = await withdrawPenalties(client, caseId, updateId, 'override', time.at, pen.liability === 'liable');
      const result: OverriddenCase = {
        caseId,
        updateId,
        outcome: decision.outcome,
        previousOutcome: c.outcome,
        overriddenOn: on,
        liability: pen.liability,
        exempt: pen.exempt,
        penaltyIds: pen.penaltyIds,
        withdrawnPenaltyIds,
        ...(pen.notice ? { notice: pen.notice } : {}),
      };
      await client.query(
        `INSERT INTO case_override (update_id, case_id, overridden_by, overridden_at, overridden_on, reason, previous_outcome, previous_decision,
                                    previous_liability, outcome, decision, liability)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          updateId,
          caseId,
          officer.userId,
          time.at,
          on,
          reason,
          c.outcome,
          JSON.stringify(c.decision),
          c.liability,
          decision.outcome,
          JSON.stringify(decision),
          pen.liability,
        ],
      );
      await log(client, caseId, updateId, 'override', officer, { reason, decision, previous: { ...previousOf(c), decision: c.decision }, result }, time.at);
      return result;
    }),
  );
}

export interface CaseStanding {
  status: 'open' | 'carried_over' | 'decided' | 'closed';
  outcome: CaseOutcome | null;
  decidedOn: string | null;
  liability: Liability | null;
  exempt: boolean;
  overridden: boolean;
  penaltyIds: string[];
}

/** The case as the read model has it: where a later run of its workflow starts from. */
export async function caseStanding(pool: Pool, caseId: string): Promise<CaseStanding> {
  const { rows } = await pool.query<{
    status: CaseStanding['status'];
    outcome: CaseOutcome | null;
    decided_on: string | null;
    liability: Liability | null;
    overridden: boolean;
    penalty_ids: string[];
  }>(
    `SELECT status, outcome, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, liability, overridden,
            ARRAY(SELECT penalty_id FROM penalty p WHERE p.case_id = c.case_id ORDER BY penalty_id) AS penalty_ids
     FROM case_file c WHERE case_id = $1`,
    [caseId],
  );
  if (!rows[0]) throw domainFailure(new CaseNotFoundError(caseId));
  const r = rows[0];
  return {
    status: r.status,
    outcome: r.outcome,
    decidedOn: r.decided_on,
    liability: r.liability,
    exempt: r.liability === 'exempt',
    overridden: r.overridden,
    penaltyIds: r.penalty_ids,
  };
}

/** The decision recorded on the case (with its texts): what a provincial imposition plans from when the run has none. */
export async function recordedDecision(pool: Pool, caseId: string): Promise<CaseDecisionInput> {
  const { rows } = await pool.query<{ decision: unknown }>('SELECT decision FROM case_file WHERE case_id = $1', [caseId]);
  if (!rows[0]) throw domainFailure(new CaseNotFoundError(caseId));
  if (!rows[0].decision) throw failure('CaseNotDecided', `case ${caseId} has no recorded decision`);
  return CaseDecision.parse(rows[0].decision);
}
