/**
 * The case workflow's contract: its input, the messages it answers, and the ids it runs under.
 * Kept apart from workflows/case.ts so the API and activities can import it without the
 * workflow's code; pure (zod + Temporal definitions), safe in the workflow sandbox.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { CampaignCalendar } from '../../domain/calendar';
import { CampaignClock, CampaignId, CityCode } from '../../domain/campaignClock';
import { CaseDecisionMessage, isTextRef, OfficerTextField } from '../../domain/officerText';
import { containsIdNumber as textContainsIdNumber } from '../../domain/personalDataFilter';
import { Officer } from '../../domain/officer';
import { CaseOutcome } from '../../domain/outcomes';
import { PenaltyKind } from '../../domain/penalties';
import type { Liability, LiabilityNotice } from '../../domain/penaltyPlan';
import { plainText } from '../../domain/text';

export const CaseSettings = z.object({
  /** The officer is reminded this many calendar days after the case opens, if undecided. */
  reminderAfterDays: z.number().int().min(1),
  /** Supervisors are alerted this many days after the case opens, if undecided. */
  escalateAfterDays: z.number().int().min(1),
  /** After the first reminder, remind again every N days (absent: remind once). */
  reminderRepeatDays: z.number().int().min(1).optional(),
  /**
   * Penalty kinds reserved to the province: the city's decision does not impose them, the
   * province does in phase 3 (imposeProvincialPenalty without kinds). Default: none reserved.
   */
  provincialPenaltyKinds: z.array(PenaltyKind).default([]),
});
export type CaseSettings = z.infer<typeof CaseSettings>;
export type CaseSettingsInput = z.input<typeof CaseSettings>;

const Instant = z.iso.datetime({ offset: true });

export const CaseWorkflowInput = z.object({
  campaignId: CampaignId,
  cityCode: CityCode,
  caseId: plainText({ max: 120 }),
  settings: CaseSettings,
  calendar: CampaignCalendar,
  /** The campaign's clock (a demo compresses days into minutes); default: the real calendar. */
  clock: CampaignClock.default({ kind: 'calendar' }),
  /** When the case is overdue (wall time); default: the end of the investigation deadline day. */
  dueAt: Instant.optional(),
  /** Cases opened from screening had their evidence gathered, set-based, when they opened. */
  evidenceGathered: z.boolean().default(false),
  /** Set by a case shard: the case signals `caseClosed` to its parent when it stays open after closing. */
  notifyParentOnClose: z.boolean().default(false),
  /**
   * A later run of a case already decided, started by the services layer for a correction (a
   * reopening, an override, a provincial penalty) after the first run ended: it reads the case's
   * standing from the read model and serves corrections until phase 3 ends.
   */
  resume: z.boolean().default(false),
});
export type CaseWorkflowInput = z.input<typeof CaseWorkflowInput>;

export interface CaseWorkflowResult {
  caseId: string;
  outcome: CaseOutcome;
  penaltyIds: string[];
  exempt: boolean;
}

/**
 * Officers' free text reaches workflows as officer_text ids (domain/officerText.ts); a field that
 * still holds text (a sender that did not store it) must not carry an ID number however written.
 */
export function containsIdNumber(field: OfficerTextField | string | undefined): boolean {
  return !isTextRef(field) && textContainsIdNumber(field);
}

/** The free-text fields of a decision (not the employer's USCC, which may be all digits). */
export function decisionTexts(d: CaseDecisionMessage): (OfficerTextField | undefined)[] {
  switch (d.outcome) {
    case 'COMPLIANT':
      return [d.justification, d.note];
    case 'RECTIFIED':
    case 'DEREGISTERED':
      return [d.note];
    case 'VIOLATION':
      return [d.actualEmployer.name, d.evidence, d.note];
    case 'TRANSFERRED':
      return [d.receivingAuthority, d.note];
  }
}

/** The decision's free text as officer_text ids (histories recorded before issue 17: the text). */
export const DecideCaseArgs = z.object({ decision: CaseDecisionMessage, officer: Officer });
export type DecideCaseArgs = z.input<typeof DecideCaseArgs>;

export interface DecideCaseResult {
  caseId: string;
  updateId: string;
  outcome: CaseOutcome;
  /** The decision's date in Asia/Shanghai (the campaign calendar's date). */
  decidedOn: string;
  penaltyIds: string[];
  exempt: boolean;
  /** Absent in runs recorded before issue 19. */
  liability?: Liability;
  /** Why a correction or a deregistration did not exempt (Chinese, naming the decision's field). */
  notice?: LiabilityNotice;
}

export const CarryOverArgs = z.object({ reason: OfficerTextField, officer: Officer });
export type CarryOverArgs = z.input<typeof CarryOverArgs>;
export interface CarryOverResult {
  caseId: string;
  updateId: string;
  carriedOverOn: string;
}

export const ImposeProvincialPenaltyArgs = z.object({
  officer: Officer,
  /** Absent: the kinds the settings reserve to the province. */
  kinds: z.array(PenaltyKind).min(1).optional(),
  note: OfficerTextField.optional(),
});
export type ImposeProvincialPenaltyArgs = z.input<typeof ImposeProvincialPenaltyArgs>;
export interface ImposeProvincialPenaltyResult {
  caseId: string;
  updateId: string;
  imposedOn: string;
  penaltyIds: string[];
}

/**
 * The city reopens a decided case that the province named when it returned the investigation
 * report (the reopening activity checks the naming): the decision is set aside, its penalties
 * withdrawn (both kept in the history), and the case awaits a new decision.
 */
export const ReopenCaseArgs = z.object({ officer: Officer, reason: OfficerTextField });
export type ReopenCaseArgs = z.input<typeof ReopenCaseArgs>;
export interface ReopenCaseResult {
  caseId: string;
  updateId: string;
  /** The campaign calendar's date of the reopening. */
  reopenedOn: string;
  previousOutcome: CaseOutcome | null;
  /** The returned version of the investigation report that named the case. */
  submissionVersion: number;
  withdrawnPenaltyIds: string[];
}

/** The province replaces the city's outcome with its own, with a reason; the penalties follow the new outcome. */
export const OverrideOutcomeArgs = z.object({ officer: Officer, decision: CaseDecisionMessage, reason: OfficerTextField });
export type OverrideOutcomeArgs = z.input<typeof OverrideOutcomeArgs>;
export interface OverrideOutcomeResult {
  caseId: string;
  updateId: string;
  outcome: CaseOutcome;
  previousOutcome: CaseOutcome | null;
  /** The campaign calendar's date of the override (the penalties' date, imposed by the province). */
  overriddenOn: string;
  liability: Liability;
  exempt: boolean;
  penaltyIds: string[];
  withdrawnPenaltyIds: string[];
  notice?: LiabilityNotice;
}

export const ExtendCaseDueArgs = z.object({ dueAt: Instant });
export type ExtendCaseDueArgs = z.input<typeof ExtendCaseDueArgs>;

export type CaseWorkflowStatus = 'gathering' | 'open' | 'carried_over' | 'deciding' | 'decided' | 'closed' | 'correcting';

export interface CaseState {
  caseId: string;
  campaignId: string;
  cityCode: string;
  status: CaseWorkflowStatus;
  outcome?: CaseOutcome;
  decidedOn?: string;
  exempt: boolean;
  penaltyIds: string[];
  openedAt: string;
  dueAt: string;
  reminders: number;
  escalated: boolean;
  overdue: boolean;
  /** Known from issue 19 on: the recorded liability (a DEREGISTERED case can be liable). */
  liability?: Liability;
  /** Times the city reopened the case in this run. */
  reopenings?: number;
  /** The outcome is the province's (an override). */
  overridden?: boolean;
}

/** A city officer's verification decision; the update id is the caller's idempotency key. */
export const decideCaseUpdate = defineUpdate<DecideCaseResult, [DecideCaseArgs]>('decideCase');
/** The city submits its report with this open case explicitly carried over. */
export const carryOverUpdate = defineUpdate<CarryOverResult, [CarryOverArgs]>('carryOver');
/** Phase 3: a provincial coordinator imposes provincial-level penalties on a violation. */
export const imposeProvincialPenaltyUpdate = defineUpdate<ImposeProvincialPenaltyResult, [ImposeProvincialPenaltyArgs]>('imposeProvincialPenalty');
/** The city reopens a case the province named in its return of the investigation report. */
export const reopenCaseUpdate = defineUpdate<ReopenCaseResult, [ReopenCaseArgs]>('reopenCase');
/** A provincial coordinator overrides the city's outcome, with a reason. */
export const overrideOutcomeUpdate = defineUpdate<OverrideOutcomeResult, [OverrideOutcomeArgs]>('overrideOutcome');
/** The city's deadline moved: the overdue timer follows. */
export const extendCaseDueSignal = defineSignal<[ExtendCaseDueArgs]>('extendCaseDue');
export const caseStateQuery = defineQuery<CaseState>('caseState');

/** Business-key workflow ids: a retried start never makes a second case. */
export function caseWorkflowId(campaignId: string, cityCode: string, caseId: string): string {
  return `campaign/${campaignId}/city/${cityCode}/case/${caseId}`;
}

/** Search attributes for operators (keyword ids and states only, never personal data). */
export const CaseSearchAttributes = {
  campaignId: defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD),
  cityCode: defineSearchAttributeKey('CityCode', SearchAttributeType.KEYWORD),
  phase: defineSearchAttributeKey('Phase', SearchAttributeType.KEYWORD),
  caseStatus: defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD),
} as const;
