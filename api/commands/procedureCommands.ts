/**
 * The penalty procedure's commands as the API sends them (issue 19): each command's name, the
 * service function of services/penaltyProcedure.ts that sends it, and which of its fields are an
 * officer's free text. The texts are stored in officer_text first and travel as their ids (as a
 * case decision's do), so no free text reaches Temporal.
 */
import type { OfficerTextKind } from '../../domain/officerText';
import type { ProcedureLevel } from '../../domain/penaltyProcedure';
import type { Officer } from '../../domain/officer';
import * as service from '../../services/penaltyProcedure';
import type * as M from '../../workflows/messages/penaltyProcedure';

/** Each command's arguments (the workflow's update arguments). */
export interface ProcedureCommandArgs {
  submitProposal: M.SubmitProposalArgs;
  approveProposal: M.ApproveArgs;
  recordService: M.RecordServiceArgs;
  recordStatement: M.RecordStatementArgs;
  requestHearing: M.RequestHearingArgs;
  waiveRights: M.WaiveRightsArgs;
  scheduleHearing: M.ScheduleHearingArgs;
  recordHearing: M.RecordHearingArgs;
  reviewStatement: M.ReviewStatementArgs;
  approveDecision: M.ApproveArgs;
  reviseDecision: M.ReviseDecisionArgs;
  recordMinistryAnswer: M.RecordMinistryAnswerArgs;
  recordRedress: M.RecordRedressArgs;
  recordRedressResult: M.RecordRedressResultArgs;
  extendTimeLimit: M.ExtendTimeLimitArgs;
  recheckBasis: M.RecheckBasisArgs;
}
export type ProcedureCommandName = keyof ProcedureCommandArgs;

/** A command as a route hands it to the port: the officer is filled in by the port from the caller. */
export interface ProcedureCommandRequest<N extends ProcedureCommandName = ProcedureCommandName> {
  name: N;
  caseId: string;
  level: ProcedureLevel;
  /** The update id (from the Idempotency-Key): the same request twice is answered once. */
  requestId: string;
  /** The arguments without the officer; free-text fields as the officer typed them. */
  args: Omit<ProcedureCommandArgs[N], 'officer'>;
  officer: Officer;
}

/** The free-text fields of each command, with what they are (officer_text.kind). */
export const PROCEDURE_TEXT_FIELDS: { [N in ProcedureCommandName]: Partial<Record<keyof ProcedureCommandArgs[N], OfficerTextKind>> } = {
  submitProposal: { facts: 'procedure.facts', evidence: 'procedure.evidence' },
  approveProposal: { comments: 'procedure.comments' },
  recordService: { receiver: 'procedure.receiver' },
  recordStatement: { statement: 'procedure.statement' },
  requestHearing: {},
  waiveRights: { note: 'procedure.note' },
  scheduleHearing: { place: 'procedure.hearingPlace', presidingOfficer: 'procedure.presidingOfficer' },
  recordHearing: { record: 'procedure.hearingRecord', participants: 'procedure.participants' },
  reviewStatement: { reasons: 'procedure.reviewReasons' },
  approveDecision: { comments: 'procedure.comments' },
  reviseDecision: { reasons: 'procedure.revisionReasons' },
  recordMinistryAnswer: {},
  recordRedress: { note: 'procedure.note' },
  recordRedressResult: { note: 'procedure.note' },
  extendTimeLimit: { reason: 'procedure.extensionReason' },
  recheckBasis: {},
};

/** The service function that sends each command. */
export const PROCEDURE_SERVICES: {
  [N in ProcedureCommandName]: (deps: service.ProcedureDeps, c: service.ProcedureCommand<ProcedureCommandArgs[N]>) => Promise<M.ProcedureState>;
} = {
  submitProposal: service.submitProposal,
  approveProposal: service.approveProposal,
  recordService: service.recordService,
  recordStatement: service.recordStatement,
  requestHearing: service.requestHearing,
  waiveRights: service.waiveRights,
  scheduleHearing: service.scheduleHearing,
  recordHearing: service.recordHearing,
  reviewStatement: service.reviewStatement,
  approveDecision: service.approveDecision,
  reviseDecision: service.reviseDecision,
  recordMinistryAnswer: service.recordMinistryAnswer,
  recordRedress: service.recordRedress,
  recordRedressResult: service.recordRedressResult,
  extendTimeLimit: service.extendTimeLimit,
  recheckBasis: service.recheckBasis,
};
