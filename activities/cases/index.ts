/**
 * Case activities bound to the pool (registered by activities/index.ts). Every one is idempotent:
 * keyed by case id, update id, penalty id or complaint id, so a retry or a worker crash never
 * doubles a penalty or loses a decision. Results carry ids and counts, never personal data.
 * Officers' free text arrives as officer_text ids and is read back here, before the write.
 */
import type { Pool } from 'pg';
import type { CaseDecisionMessageInput, OfficerTextField } from '../../domain/officerText';
import type { ImposingLevel } from '../../domain/penalties';
import type { Officer } from '../../domain/officer';
import { decisionWithTexts, textOf } from '../officerText/officerTexts';
import { applyPenalties, type ApplyPenaltiesOptions } from '../penalties/applyPenalties';
import { alertCase, type AlertCaseInput } from './alertCase';
import { carryOverCase } from './carryOverCase';
import { checkPronouncedHanging, type CheckPronouncedHangingInput } from './checkPronouncedHanging';
import { caseStanding, overrideCaseOutcome, recordedDecision, reopenCase } from './correctCase';
import type { CampaignCalendar } from '../../domain/calendar';
import { gatherCaseEvidence } from './gatherCaseEvidence';
import { listCaseIds, type ListCaseIdsInput } from './listCaseIds';
import { markCaseReady } from './markCaseReady';
import { openCasesFromScreening, type OpenCasesInput } from './openCasesFromScreening';
import type { RecordDecisionTime } from './recordDecision';
import { settleCaseDecision } from './settleCaseDecision';
import { openTransfer, type OpenTransferInput } from './openTransfer';

export function createCaseActivities(deps: { pool: Pool }) {
  const { pool } = deps;
  return {
    openCasesFromScreening: (input: OpenCasesInput) => openCasesFromScreening(pool, input),
    listCaseIds: (input: ListCaseIdsInput) => listCaseIds(pool, input),
    gatherCaseEvidence: (caseId: string, opts?: { refresh?: boolean; gatheredAt?: string }) => gatherCaseEvidence(pool, caseId, opts),
    markCaseReady: (caseId: string, readyAt: string) => markCaseReady(pool, caseId, readyAt),
    /** Without a decision (a later run of a decided case's workflow holds none): the one recorded on the case. */
    applyPenalties: async (caseId: string, decision: CaseDecisionMessageInput | null, level: ImposingLevel, onDate: string, opts?: ApplyPenaltiesOptions) =>
      applyPenalties(pool, caseId, decision ? await decisionWithTexts(pool, decision) : await recordedDecision(pool, caseId), level, onDate, opts),
    settleCaseDecision: async (
      caseId: string,
      updateId: string,
      decision: CaseDecisionMessageInput,
      officer: Officer,
      time: RecordDecisionTime,
      penalties?: Pick<ApplyPenaltiesOptions, 'calendar' | 'exceptKinds' | 'kinds'>,
    ) => settleCaseDecision(pool, caseId, updateId, await decisionWithTexts(pool, decision), officer, time, penalties),
    carryOverCase: async (caseId: string, updateId: string, reason: OfficerTextField, officer: Officer, at?: string) =>
      carryOverCase(pool, caseId, updateId, await textOf(pool, reason), officer, at),
    reopenCase: async (caseId: string, updateId: string, reason: OfficerTextField, officer: Officer, time: { at: string; on: string }) =>
      reopenCase(pool, caseId, updateId, await textOf(pool, reason), officer, time),
    overrideCaseOutcome: async (
      caseId: string,
      updateId: string,
      decision: CaseDecisionMessageInput,
      reason: OfficerTextField,
      officer: Officer,
      time: { at: string; on: string },
      opts: { calendar: CampaignCalendar; kinds?: [] },
    ) => overrideCaseOutcome(pool, caseId, updateId, await decisionWithTexts(pool, decision), await textOf(pool, reason), officer, time, opts),
    caseStanding: (caseId: string) => caseStanding(pool, caseId),
    alertCase: (input: AlertCaseInput) => alertCase(pool, input),
    checkPronouncedHanging: (input: CheckPronouncedHangingInput) => checkPronouncedHanging(pool, input),
    openTransfer: (input: OpenTransferInput) => openTransfer(pool, input),
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
