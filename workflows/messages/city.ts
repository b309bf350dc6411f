/**
 * The city workflow's contract: input, carried state, and the messages it answers. Kept apart
 * from workflows/city.ts so the API and services import it without the workflow's code; pure
 * (zod + Temporal definitions), safe in the workflow sandbox.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar';
import { OfficerTextField } from '../../domain/officerText';
import { CampaignConfig, CampaignId, CityCode } from '../../domain/campaignConfig';
import { CityDeadlinePhase } from '../../domain/deadlinePhase';
import { Officer } from '../../domain/officer';
import { SubmissionKind } from '../../domain/submissionKind';
import { plainText } from '../../domain/text';

const Instant = z.iso.datetime({ offset: true });

/** The progress of one watched deadline; carried through continue-as-new. */
export const DeadlineWatchState = z.object({
  date: IsoDate,
  /** Due-soon warnings sent for the current date (days before). */
  soonSent: z.array(z.number().int()).default([]),
  /** Overdue alerts raised for the current date (0 = none yet). */
  overdueOccurrence: z.number().int().min(0).default(0),
  met: z.boolean().default(false),
  /** Bumped on every extension, so a waiting timer re-arms. */
  version: z.number().int().min(0).default(0),
});
export type DeadlineWatchState = z.infer<typeof DeadlineWatchState>;

export const SubmissionState = z.object({
  version: z.number().int().min(0).default(0),
  /** 'signing': 住建 submitted this version, 人社's signature is awaited (issue 21; workflows/citySignoffs.ts). */
  status: z.enum(['none', 'signing', 'submitted', 'approved', 'returned']).default('none'),
  /** Whether the first version came after the deadline (a resubmission never makes it late). */
  late: z.boolean().default(false),
  firstSubmittedAt: Instant.optional(),
  lastComments: OfficerTextField.optional(),
  /**
   * Issue 21: this version needs both departments' signatures and both provincial reviews (set only by a
   * run that took the departments-cosign patch; absent in every earlier history: one signature, one review).
   */
  cosigned: z.boolean().optional(),
  /** Who signed this version, per department (user ids, as officers are everywhere in the messages). */
  signoffs: z.object({ housing: z.string().optional(), hr: z.string().optional() }).optional(),
  /** The provincial parts approved so far (a return of either returns the whole). */
  approvedParts: z.array(z.enum(['housing', 'hr'])).optional(),
});
export type SubmissionState = z.infer<typeof SubmissionState>;

export const CityStage = z.enum(['selfCheck', 'screening', 'openingCases', 'investigation', 'completed']);
export type CityStage = z.infer<typeof CityStage>;

/** Everything the city knows, small and bounded (counts, never per-case state). */
export const CityCarry = z.object({
  stage: CityStage.default('selfCheck'),
  deadlines: z.object({ selfCheck: DeadlineWatchState, investigation: DeadlineWatchState }),
  submissions: z.object({ self_check: SubmissionState, investigation: SubmissionState }),
  counts: z
    .object({
      declarations: z.number().int().default(0),
      deregistrationRequests: z.number().int().default(0),
      deregistrationsProcessed: z.number().int().default(0),
      complaints: z.number().int().default(0),
      casesOpened: z.number().int().default(0),
      shardsStarted: z.number().int().default(0),
    })
    .default({ declarations: 0, deregistrationRequests: 0, deregistrationsProcessed: 0, complaints: 0, casesOpened: 0, shardsStarted: 0 }),
  screening: z.object({ runId: z.number().int(), personsScreened: z.number().int(), personsFlagged: z.number().int() }).optional(),
  /** Paging through the city's cases to start shards: the last case id handed to a shard. */
  afterCaseId: z.string().optional(),
  /** Complaint cases waiting to be handed to a shard. */
  pendingComplaintCases: z.array(z.string()).default([]),
  complaintShards: z.number().int().default(0),
  /** The next instant a pending deregistration request exceeds its time limit (wall time). */
  nextSlaDueAt: Instant.nullable().default(null),
  closeRequested: z.boolean().default(false),
  runs: z.number().int().default(1),
});
export type CityCarry = z.infer<typeof CityCarry>;

export const CityWorkflowInput = z.object({
  campaignId: CampaignId,
  cityCode: CityCode,
  config: CampaignConfig,
  snapshotId: z.number().int().positive(),
  /** Continue-as-new once the history holds this many events (Temporal suggests ~4k). */
  maxHistoryEvents: z.number().int().min(100).default(4_000),
  carry: CityCarry.optional(),
});
export type CityWorkflowInput = z.input<typeof CityWorkflowInput>;

/** Officers' free text: an officer_text id (histories recorded before issue 17: the text). */
const Text = OfficerTextField;

export const SubmitReportArgs = z.object({ officer: Officer, summary: Text.optional() });
export type SubmitReportArgs = z.input<typeof SubmitReportArgs>;
export interface SubmitReportResult {
  version: number;
  late: boolean;
  submittedAt: string;
  /** Issue 21: 'signing' while 人社's signature is awaited (absent before: submitted at once). */
  status?: 'signing' | 'submitted';
  /** The departments whose signature is awaited. */
  awaiting?: ('housing' | 'hr')[];
}

export const ReviewSubmissionArgs = z
  .object({
    officer: Officer,
    kind: SubmissionKind,
    version: z.number().int().min(1),
    decision: z.enum(['approve', 'return']),
    comments: Text.optional(),
    /**
     * A return of the investigation report may name decided cases for the city to reopen (ids
     * only; recordReview records them in case_reopening, the city reopens each on its case).
     */
    reopenCaseIds: z
      .array(plainText({ max: 120 }))
      .max(500)
      .optional(),
  })
  .refine((a) => a.decision === 'approve' || a.comments, { message: '退回须填写意见 (a return needs comments)', path: ['comments'] })
  .refine((a) => !a.reopenCaseIds?.length || (a.decision === 'return' && a.kind === 'investigation'), {
    message: '只有退回排查报告时才能列出需重新办理的案件 (cases are named for reopening only in a return of the investigation report)',
    path: ['reopenCaseIds'],
  });
export type ReviewSubmissionArgs = z.input<typeof ReviewSubmissionArgs>;
export interface ReviewSubmissionResult {
  /** 'submitted': this department approved its part, the other department's review is awaited (issue 21). */
  status: 'approved' | 'returned' | 'submitted';
  /** The departments whose review is awaited. */
  awaiting?: ('housing' | 'hr')[];
  /** The cases the return named for reopening (issue 19). */
  reopenCaseIds?: string[];
}

export const ExtendDeadlineArgs = z.object({ officer: Officer, phase: CityDeadlinePhase, newDate: IsoDate, reason: Text });
export type ExtendDeadlineArgs = z.input<typeof ExtendDeadlineArgs>;
export interface ExtendDeadlineResult {
  deadlineKey: string;
  fromDate: string;
  toDate: string;
  dueAt: string;
}

export const IntakeArgs = z.object({ id: z.number().int().positive() });
export type IntakeArgs = z.input<typeof IntakeArgs>;

export const ProcessDeregistrationArgs = z.object({
  officer: Officer,
  requestId: z.number().int().positive(),
  outcome: z.enum(['cancelled', 'refused']),
});
export type ProcessDeregistrationArgs = z.input<typeof ProcessDeregistrationArgs>;

export const ComplaintArgs = z.object({ complaintId: plainText({ max: 120 }) });
export type ComplaintArgs = z.input<typeof ComplaintArgs>;
export interface ComplaintResult {
  complaintId: string;
  caseId: string | null;
  newCase: boolean;
}

export interface CityState {
  campaignId: string;
  cityCode: string;
  stage: CityStage;
  deadlines: Record<CityDeadlinePhase, { date: string; dueAt: string; met: boolean; overdueAlerts: number }>;
  submissions: CityCarry['submissions'];
  counts: CityCarry['counts'];
  screening?: CityCarry['screening'];
  run: number;
}

/** A city officer submits the self-check summary (汇总表); a late one is accepted and marked late. */
export const submitSelfCheckUpdate = defineUpdate<SubmitReportResult, [SubmitReportArgs]>('submitSelfCheck');
/** The city's investigation report; refused while a case is open and not carried over. */
export const submitInvestigationUpdate = defineUpdate<SubmitReportResult, [SubmitReportArgs]>('submitInvestigation');
/** A provincial coordinator approves a submission or returns it with comments. */
export const reviewSubmissionUpdate = defineUpdate<ReviewSubmissionResult, [ReviewSubmissionArgs]>('reviewSubmission');
/** A coordinator moves one of the city's deadlines (reason recorded); timers follow. */
export const extendCityDeadlineUpdate = defineUpdate<ExtendDeadlineResult, [ExtendDeadlineArgs]>('extendCityDeadline');
/** A self-check declaration the services layer stored (row id only: no personal data here). */
export const recordSelfCheckDeclarationUpdate = defineUpdate<{ declarations: number }, [IntakeArgs]>('recordSelfCheckDeclaration');
/** A fast-track deregistration request the services layer stored; its time limit is watched. */
export const requestDeregistrationUpdate = defineUpdate<{ slaDueAt: string; caseId?: string }, [IntakeArgs]>('requestDeregistration');
/** The issuing authority processed a deregistration request. */
export const processDeregistrationUpdate = defineUpdate<{ withinSla: boolean }, [ProcessDeregistrationArgs]>('processDeregistration');
/**
 * A complaint (投诉举报) the services layer registered (registerComplaint: attached to the person's
 * case or opening one); the city starts the case workflow of a case it opened.
 */
export const registerComplaintUpdate = defineUpdate<ComplaintResult, [ComplaintArgs]>('registerComplaint');
/** The campaign is over: the city completes. */
export const closeCitySignal = defineSignal<[]>('closeCity');
/**
 * A case of the city was found liable (a VIOLATION decided or set by the province): the city looks
 * for units past the pronounced-hanging threshold, so their on-site checks start at once (issue 20).
 * No arguments: which case does not matter, the check reads the read model.
 */
export const liableDecisionSignal = defineSignal<[]>('liableDecision');
export const cityStateQuery = defineQuery<CityState>('cityState');

export function cityWorkflowId(campaignId: string, cityCode: string): string {
  return `campaign/${campaignId}/city/${cityCode}`;
}

export function shardWorkflowId(campaignId: string, cityCode: string, shard: string | number): string {
  return `campaign/${campaignId}/city/${cityCode}/shard/${shard}`;
}
