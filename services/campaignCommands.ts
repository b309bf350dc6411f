/**
 * The campaign's human commands as the API and CLI call them: each finds the workflow that owns
 * the decision and sends it an update (validated there; the request id is the update id, so a
 * retried request is answered once). Arguments carry ids, never personal data: an officer's free
 * text goes as its officer_text id (services/officerTexts.ts stores it first).
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { IsoDate } from '../domain/calendar';
import type { DeadlinePhase } from '../domain/deadlinePhase';
import { CampaignNotFoundError } from '../domain/errors';
import type { Officer } from '../domain/officer';
import type { OfficerTextField } from '../domain/officerText';
import { campaignWorkflowId, extendProvinceDeadlineUpdate } from '../workflows/messages/campaign';
import { carryOverUpdate, caseWorkflowId, type CarryOverResult } from '../workflows/messages/case';
import {
  cityStateQuery,
  cityWorkflowId,
  extendCityDeadlineUpdate,
  processDeregistrationUpdate,
  reviewSubmissionUpdate,
  submitInvestigationUpdate,
  submitSelfCheckUpdate,
  type CityState,
  type ExtendDeadlineResult,
  type ReviewSubmissionArgs,
  type ReviewSubmissionResult,
  type SubmitReportResult,
} from '../workflows/messages/city';
import { signSubmissionUpdate } from '../workflows/messages/citySignoffs';

type Ref = { campaignId: string; cityCode: string };
const updateId = (requestId?: string) => requestId ?? randomUUID();
const city = (client: Client, r: Ref) => client.workflow.getHandle(cityWorkflowId(r.campaignId, r.cityCode));

/**
 * Moves a deadline. The province's lives on the campaign; a city's on the city. Without cityCode,
 * a city phase's deadline moves for every city of the campaign (read from the read model).
 */
export async function extendDeadline(
  client: Client,
  pool: Pool,
  a: { campaignId: string; phase: DeadlinePhase; cityCode?: string; newDate: IsoDate; reason: OfficerTextField; officer: Officer; requestId?: string },
): Promise<{ deadlineKey: string; toDate: string; dueAt: string }[]> {
  if (a.phase === 'provincialVerification') {
    const r = await client.workflow.getHandle(campaignWorkflowId(a.campaignId)).executeUpdate(extendProvinceDeadlineUpdate, {
      args: [{ officer: a.officer, newDate: a.newDate, reason: a.reason }],
      updateId: updateId(a.requestId),
    });
    return [{ deadlineKey: 'provincialVerification', toDate: r.date, dueAt: r.dueAt }];
  }
  const cities = a.cityCode ? [a.cityCode] : await campaignCities(pool, a.campaignId);
  const id = updateId(a.requestId);
  const out: ExtendDeadlineResult[] = [];
  for (const cityCode of cities) {
    out.push(
      await city(client, { campaignId: a.campaignId, cityCode }).executeUpdate(extendCityDeadlineUpdate, {
        args: [{ officer: a.officer, phase: a.phase, newDate: a.newDate, reason: a.reason }],
        updateId: cities.length > 1 ? `${id}/${cityCode}` : id,
      }),
    );
  }
  return out;
}

async function campaignCities(pool: Pool, campaignId: string): Promise<string[]> {
  const { rows } = await pool.query("SELECT config -> 'cities' AS cities FROM campaign WHERE id = $1", [campaignId]);
  if (!rows[0]) throw new CampaignNotFoundError(campaignId);
  return rows[0].cities as string[];
}

export function submitSelfCheck(client: Client, a: Ref & { officer: Officer; summary?: OfficerTextField; requestId?: string }): Promise<SubmitReportResult> {
  return city(client, a).executeUpdate(submitSelfCheckUpdate, { args: [{ officer: a.officer, summary: a.summary }], updateId: updateId(a.requestId) });
}

/**
 * The investigation report. Open cases named in carriedOver are first carried over, each with its
 * reason (an update on the case, idempotent by case); the city refuses the report while any other
 * case is open.
 */
/**
 * Carries one open case over, with its reason (stored first; its id here). The update id is the
 * case's own (`carry-over/<caseId>`), the one an investigation report's carry-over uses: a case is
 * carried over once, whichever asks first, and the other gets the same answer.
 */
export function carryOverCase(client: Client, a: Ref & { caseId: string; reason: OfficerTextField; officer: Officer }): Promise<CarryOverResult> {
  return client.workflow.getHandle(caseWorkflowId(a.campaignId, a.cityCode, a.caseId)).executeUpdate(carryOverUpdate, {
    args: [{ reason: a.reason, officer: a.officer }],
    updateId: carryOverUpdateId(a.caseId),
  });
}

const carryOverUpdateId = (caseId: string) => `carry-over/${caseId}`;

export async function submitInvestigation(
  client: Client,
  a: Ref & { officer: Officer; summary?: OfficerTextField; carriedOver?: { caseId: string; reason: OfficerTextField }[]; requestId?: string },
): Promise<SubmitReportResult> {
  for (const c of a.carriedOver ?? [])
    await carryOverCase(client, { campaignId: a.campaignId, cityCode: a.cityCode, caseId: c.caseId, reason: c.reason, officer: a.officer });
  return city(client, a).executeUpdate(submitInvestigationUpdate, { args: [{ officer: a.officer, summary: a.summary }], updateId: updateId(a.requestId) });
}

export function reviewSubmission(
  client: Client,
  a: Ref & Omit<ReviewSubmissionArgs, 'officer'> & { officer: Officer; requestId?: string },
): Promise<ReviewSubmissionResult> {
  const { campaignId: _c, cityCode: _x, requestId, ...args } = a;
  return city(client, a).executeUpdate(reviewSubmissionUpdate, { args: [args], updateId: updateId(requestId) });
}

/** Issue 21: the city's 人社局 signs the version 住建 submitted; it is submitted to the province then. */
export function signSubmission(
  client: Client,
  a: Ref & { kind: 'self_check' | 'investigation'; version: number; officer: Officer; requestId?: string },
): Promise<SubmitReportResult> {
  return city(client, a).executeUpdate(signSubmissionUpdate, {
    args: [{ officer: a.officer, kind: a.kind, version: a.version }],
    updateId: updateId(a.requestId),
  });
}

export function processDeregistration(
  client: Client,
  a: Ref & { requestId: number; outcome: 'cancelled' | 'refused'; officer: Officer; updateId?: string },
): Promise<{ withinSla: boolean }> {
  return city(client, a).executeUpdate(processDeregistrationUpdate, {
    args: [{ officer: a.officer, requestId: a.requestId, outcome: a.outcome }],
    updateId: a.updateId ?? `deregistration/${a.requestId}`,
  });
}

// A provincial penalty, a reopening and an override are commands on a decided case: services/caseCorrections.ts.

export function cityState(client: Client, r: Ref): Promise<CityState> {
  return city(client, r).query(cityStateQuery);
}
