/**
 * A TRANSFERRED decision carried out by the deciding case's workflow (issue 20 item 6): the transfer
 * recorded and, for a receiving city, the case opened there (activities/cases/openTransfer.ts), then
 * the receiving case's workflow started, abandoned like every case (it outlives the sender).
 *
 * Why here and not through the receiving city's workflow: the sender's workflow is running by
 * definition when its decision is made, while the receiving city's workflow may be busy with a long
 * update, between runs, or completed (the campaign's phase moved on); a case started directly runs
 * in every one of these. The receiving city learns of the case as of a complaint's case: it is in
 * the read model, and a deadline extension reaches it (listOpenComplaintCases lists cases a
 * transfer opened). Only ids, codes and times cross Temporal.
 */
import type { CaseActivities } from '../activities/cases';
import { caseWorkflowId, CaseSearchAttributes as SA, type CaseSettings, type CaseWorkflowInput } from './messages/case';
import type { CampaignCalendar } from '../domain/calendar';
import type { CampaignClock } from '../domain/campaignClock';
import { startAbandonedChild } from './startAbandonedChild';

/** Patch id: a decision with a transfer target opens the receiving case or records the referral; recorded runs did neither. */
export const TRANSFER_OPENS_CASE = 'transfer-opens-receiving-case';
/** Patch id: the province's override to TRANSFERRED with a target is carried out as a decision is; recorded overrides did not. */
export const OVERRIDE_TRANSFER = 'override-transfer-opens-receiving-case';

export interface TransferringCase {
  campaignId: string;
  caseId: string;
  settings: CaseSettings;
  calendar: CampaignCalendar;
  clock: CampaignClock;
  /** The campaign calendar's date of the decision. */
  today: string;
}

export async function carryOutTransfer(c: TransferringCase, cases: Pick<CaseActivities, 'openTransfer'>): Promise<void> {
  const r = await cases.openTransfer({
    caseId: c.caseId,
    today: c.today,
    minDays: c.settings.escalateAfterDays,
    clock: c.clock,
    calendar: c.calendar,
  });
  if (r.kind !== 'city' || !r.toCaseId || !r.toCityCode || !r.dueAt) return;
  const args: CaseWorkflowInput = {
    campaignId: c.campaignId,
    cityCode: r.toCityCode,
    caseId: r.toCaseId,
    settings: c.settings,
    calendar: c.calendar,
    clock: c.clock,
    dueAt: r.dueAt,
    evidenceGathered: true,
  };
  await startAbandonedChild('caseWorkflow', {
    workflowId: caseWorkflowId(c.campaignId, r.toCityCode, r.toCaseId),
    args: [args],
    typedSearchAttributes: [
      { key: SA.campaignId, value: c.campaignId },
      { key: SA.cityCode, value: r.toCityCode },
      { key: SA.phase, value: 'investigation' },
    ],
  });
}
