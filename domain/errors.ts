/**
 * The errors the campaign's rules and services raise, each with a code from one closed list. The
 * API maps each code to a problem (api/http/errorHandler.ts); an error that crosses Temporal is an
 * ApplicationFailure whose `type` is the code, so callers match the code, never the message text.
 * Messages name ids and fields only, never personal data.
 */

export const ERROR_CODES = [
  'CampaignNotFound',
  'CampaignExists',
  'InvalidCampaignConfig',
  'CaseNotFound',
  'CaseNotOpen',
  'CaseNotDecided',
  'CityNotInCampaign',
  'OpenCases',
  'SnapshotNotFound',
  'SnapshotBatchUnusable',
  'IntakeNotFound',
  'AlertNotFound',
  'RoleCannotAct',
  'UpdateRefused',
  'InvalidWorkflowInput',
  'InvalidActivityInput',
  'UnusableFile',
  'DeliveryFailed',
  'DataRefused',
  'CalendarYearUnknown',
  'TemplateRefused',
  'KeyReused',
  'NotFound',
  'RegistrationFrozen',
  'ReopenNotNamed',
  'CorrectionsClosed',
  'ProcedureNotFound',
  'ProcedureStepRefused',
  'DeadlinePassed',
  'HeavierMeasureRefused',
  'ResponsiblePersonRequired',
  'AssigneeNotOfficer',
  'AssignmentReasonRequired',
  'AttachmentTooLarge',
  'AttachmentTypeRefused',
  'AttachmentScanRefused',
  'IntermediaryExists',
  'IntermediaryOrderClosed',
  'ComplaintStepRefused',
  'DeclarationRefused',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * One bad field: its path in the input (dot-separated, array positions counted from 0, e.g.
 * `calendar.selfCheck.deadline`, `items.3.decision.outcome`) and a plain Chinese sentence naming the
 * field by its label (domain/fieldLabels.ts). The API puts the request part in front (`body.`).
 */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The ApplicationFailure type of a workflow input that fails its schema. */
export const WORKFLOW_INPUT_FAILURE: ErrorCode = 'InvalidWorkflowInput';

export class DomainError extends Error {
  /** The bad fields, for errors about a whole input (a campaign's configuration). */
  readonly issues: readonly FieldIssue[];

  constructor(
    readonly code: ErrorCode,
    message: string,
    issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    // Temporal turns an uncaught error into an ApplicationFailure typed by its name: the code.
    this.name = code;
    this.issues = issues;
  }
}

export class CampaignNotFoundError extends DomainError {
  constructor(campaignId: string) {
    super('CampaignNotFound', `no campaign "${campaignId}"`);
  }
}

export class CaseNotFoundError extends DomainError {
  constructor(readonly caseId: string) {
    super('CaseNotFound', `case ${caseId} does not exist`);
  }
}

/** An auditor reads; only the acting roles send commands to the workflows. */
export class RoleCannotActError extends DomainError {
  constructor(role: string) {
    super('RoleCannotAct', `a user with role ${role} cannot send commands`);
  }
}
