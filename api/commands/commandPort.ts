/**
 * What the API asks of the campaign processes. The Temporal implementation (temporalCommands.ts)
 * calls the workflows' updates and the services layer; the route walk test swaps in a fake so it
 * checks authorization without running workflows.
 */
import type { CaseDecisionInput } from '../../domain/outcomes';
import type { CampaignConfigInput } from '../../domain/campaignConfig';
import type { ComplaintChannel } from '../../domain/complaintChannel';
import type { DeadlinePhase } from '../../domain/deadlinePhase';
import type { Officer } from '../../domain/officer';
import type { SourceName } from '../../domain/sourceName';
import type { CityRescreenOutcome } from '../../services/rescreen';
import type { PenaltyKind } from '../../domain/penalties';
import type { SubmissionKind } from '../../domain/submissionKind';
import type { CarryOverResult, DecideCaseResult, ImposeProvincialPenaltyResult, OverrideOutcomeResult, ReopenCaseResult } from '../../workflows/messages/case';
import type { ComplaintResult, ReviewSubmissionResult, SubmitReportResult } from '../../workflows/messages/city';
import type { ProcedureState } from '../../workflows/messages/penaltyProcedure';
import type { ComplaintState } from '../../workflows/messages/complaint';
import type { RegisterComplaintCase, RegisteredComplaint, takeComplaintStep } from '../../services/complaintCases';
import type { CaseRef } from '../authz/caseRef';
import type { ProcedureCommandName, ProcedureCommandRequest } from './procedureCommands';

export interface SelfCheckDeclarationInput {
  campaignId: string;
  cityCode: string;
  requestId: string;
  idNumber?: string;
  unitName?: string;
  unitCode?: string;
  correction: 'moved_contributions' | 'moved_registration' | 'deregistration_applied';
  correctedOn: string;
  note?: string;
}

export interface DeregistrationRequestInput {
  campaignId: string;
  cityCode: string;
  requestId: string;
  idNumber: string;
  certNumber?: string;
}

export interface ComplaintInput {
  campaignId: string;
  cityCode: string;
  requestId: string;
  receivedAt: string;
  channel: ComplaintChannel;
  subjectIdNumber?: string;
  subjectUnit?: string;
  content: string;
}

export interface CommandPort {
  launchCampaign(config: CampaignConfigInput, launchedBy: string): Promise<{ campaignId: string; workflowId: string; snapshotId: number }>;
  /** Without cityCode a city phase's deadline moves for every city of the campaign. */
  extendDeadline(a: {
    campaignId: string;
    cityCode?: string;
    phase: DeadlinePhase;
    newDate: string;
    reason: string;
    officer: Officer;
    requestId: string;
  }): Promise<{ deadlineKey: string; toDate: string; dueAt: string }[]>;
  /** An investigation report may carry open cases over, each with its reason. */
  submitReport(a: {
    campaignId: string;
    cityCode: string;
    kind: SubmissionKind;
    summary?: string;
    carriedOver?: { caseId: string; reason: string }[];
    officer: Officer;
    requestId: string;
  }): Promise<SubmitReportResult>;
  reviewSubmission(a: {
    campaignId: string;
    cityCode: string;
    kind: SubmissionKind;
    version: number;
    decision: 'approve' | 'return';
    comments?: string;
    /** A return of the investigation report: decided cases the city may reopen. */
    reopenCaseIds?: string[];
    officer: Officer;
    requestId: string;
  }): Promise<ReviewSubmissionResult>;
  /** Issue 21: the city's 人社局 signs the version 住建 submitted (the second signature). */
  signSubmission(a: {
    campaignId: string;
    cityCode: string;
    kind: SubmissionKind;
    version: number;
    officer: Officer;
    requestId: string;
  }): Promise<SubmitReportResult>;
  recordSelfCheckDeclaration(a: SelfCheckDeclarationInput, officer: Officer): Promise<{ declarationId: number }>;
  /** Issue 21: fresh data forms a new snapshot of the campaign; every running city re-screens it. */
  addCampaignSnapshot(
    a: { campaignId: string; batchIds: number[]; replaceSources: SourceName[] },
    officer: Officer,
  ): Promise<{ snapshotId: number; cities: CityRescreenOutcome[] }>;
  requestDeregistration(
    a: DeregistrationRequestInput,
    officer: Officer,
  ): Promise<{ requestId: number; slaDue: string; slaDueAt: string; caseId?: string | null; notice?: string }>;
  processDeregistration(a: {
    campaignId: string;
    cityCode: string;
    requestId: number;
    outcome: 'cancelled' | 'refused';
    officer: Officer;
    updateId: string;
  }): Promise<{ withinSla: boolean }>;
  registerComplaint(a: ComplaintInput, officer: Officer): Promise<ComplaintResult>;
  decideCase(ref: CaseRef, decision: CaseDecisionInput, officer: Officer, updateId: string): Promise<DecideCaseResult>;
  /** An open case carried over into the next phase with the officer's reason (once per case: a repeat answers the first result). */
  carryOverCase(ref: CaseRef, reason: string, officer: Officer): Promise<CarryOverResult>;
  imposeProvincialPenalty(
    ref: CaseRef,
    a: { kinds?: PenaltyKind[]; note?: string },
    officer: Officer,
    updateId: string,
  ): Promise<ImposeProvincialPenaltyResult>;
  /** The city reopens a decided case the province named in its return of the investigation report. */
  reopenCase(ref: CaseRef, a: { reason: string }, officer: Officer, updateId: string): Promise<ReopenCaseResult>;
  /** The province replaces a city's outcome with its own, with a reason. */
  overrideOutcome(ref: CaseRef, a: { decision: CaseDecisionInput; reason: string }, officer: Officer, updateId: string): Promise<OverrideOutcomeResult>;
  /** A complaint as a case of its own (issue 20): its rows, then its workflow (services/complaintCases.ts). */
  registerComplaintCase(r: RegisterComplaintCase): Promise<RegisteredComplaint>;
  /** An officer's step on a complaint: its row, then the complaint workflow's update. */
  complaintStep(a: Parameters<typeof takeComplaintStep>[1]): Promise<ComplaintState>;
  /** A command on a penalty procedure (issue 19): its free text stored first, then the procedure workflow's update. */
  procedureCommand<N extends ProcedureCommandName>(c: ProcedureCommandRequest<N>): Promise<ProcedureState>;
}
