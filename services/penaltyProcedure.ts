/**
 * Commands on a penalty procedure (issue 19, docs/procedure.md), as the API and the rehearsal send
 * them: one function per update of workflows/messages/penaltyProcedure.ts, each taking { client }
 * and the procedure's case and level, the caller's request id (the update id: the same request
 * twice is answered once) and the update's arguments. Free text goes as officer_text ids
 * (services/officerTexts.ts), attachments as ids of the attachment store (storeProcedureAttachment).
 * A refusal comes back as the DomainError it is (its code: domain/errors.ts).
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Pool } from 'pg';
import type { AttachmentStore } from './attachments/attachmentStore';
import { DomainError } from '../domain/errors';
import { ProcedureSettings, procedureIdOf, type ProcedureLevel } from '../domain/penaltyProcedure';
import {
  approveDecisionUpdate,
  approveProposalUpdate,
  extendTimeLimitUpdate,
  procedureStateQuery,
  recheckBasisUpdate,
  recordHearingUpdate,
  recordMinistryAnswerUpdate,
  recordRedressResultUpdate,
  recordRedressUpdate,
  recordServiceUpdate,
  recordStatementUpdate,
  requestHearingUpdate,
  reviewStatementUpdate,
  reviseDecisionUpdate,
  scheduleHearingUpdate,
  submitProposalUpdate,
  waiveRightsUpdate,
  type ApproveArgs,
  type ExtendTimeLimitArgs,
  type ProcedureState,
  type RecheckBasisArgs,
  type RecordHearingArgs,
  type RecordMinistryAnswerArgs,
  type RecordRedressArgs,
  type RecordRedressResultArgs,
  type RecordServiceArgs,
  type RecordStatementArgs,
  type RequestHearingArgs,
  type ReviewStatementArgs,
  type ReviseDecisionArgs,
  type ScheduleHearingArgs,
  type SubmitProposalArgs,
  type WaiveRightsArgs,
} from '../workflows/messages/penaltyProcedure';
import { asDomainError } from './caseCorrections';

export interface ProcedureDeps {
  client: Client;
}

/** Which procedure: one per case and level. */
export interface ProcedureAt {
  caseId: string;
  level: ProcedureLevel;
}

/** A command: the procedure, the request id (update id), the arguments. */
export type ProcedureCommand<A> = ProcedureAt & { requestId: string; args: A };

function notFound(at: ProcedureAt): DomainError {
  return new DomainError(
    'ProcedureNotFound',
    `案件 ${at.caseId} 没有${at.level === 'city' ? '市（州）' : '省级'}处罚程序 (no ${at.level} procedure for case ${at.caseId})`,
  );
}

async function updateProcedure<A>(deps: ProcedureDeps, c: ProcedureCommand<A>, update: UpdateDefinition<ProcedureState, [A]>): Promise<ProcedureState> {
  const handle = deps.client.workflow.getHandle(procedureIdOf(c.caseId, c.level));
  try {
    return await handle.executeUpdate(update, { args: [c.args], updateId: c.requestId });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound(c);
    throw asDomainError(err);
  }
}

/** The procedure's state (from its workflow; a closed one answers its last state). */
export async function procedureState(deps: ProcedureDeps, at: ProcedureAt): Promise<ProcedureState> {
  try {
    return await deps.client.workflow.getHandle(procedureIdOf(at.caseId, at.level)).query(procedureStateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound(at);
    throw err;
  }
}

export const submitProposal = (deps: ProcedureDeps, c: ProcedureCommand<SubmitProposalArgs>) => updateProcedure(deps, c, submitProposalUpdate);
export const approveProposal = (deps: ProcedureDeps, c: ProcedureCommand<ApproveArgs>) => updateProcedure(deps, c, approveProposalUpdate);
export const recordService = (deps: ProcedureDeps, c: ProcedureCommand<RecordServiceArgs>) => updateProcedure(deps, c, recordServiceUpdate);
export const recordStatement = (deps: ProcedureDeps, c: ProcedureCommand<RecordStatementArgs>) => updateProcedure(deps, c, recordStatementUpdate);
export const requestHearing = (deps: ProcedureDeps, c: ProcedureCommand<RequestHearingArgs>) => updateProcedure(deps, c, requestHearingUpdate);
export const waiveRights = (deps: ProcedureDeps, c: ProcedureCommand<WaiveRightsArgs>) => updateProcedure(deps, c, waiveRightsUpdate);
export const scheduleHearing = (deps: ProcedureDeps, c: ProcedureCommand<ScheduleHearingArgs>) => updateProcedure(deps, c, scheduleHearingUpdate);
export const recordHearing = (deps: ProcedureDeps, c: ProcedureCommand<RecordHearingArgs>) => updateProcedure(deps, c, recordHearingUpdate);
export const reviewStatement = (deps: ProcedureDeps, c: ProcedureCommand<ReviewStatementArgs>) => updateProcedure(deps, c, reviewStatementUpdate);
export const approveDecision = (deps: ProcedureDeps, c: ProcedureCommand<ApproveArgs>) => updateProcedure(deps, c, approveDecisionUpdate);
/** The decision sent back by the responsible person, revised (measures never heavier than notified, or none) and resubmitted. */
export const reviseDecision = (deps: ProcedureDeps, c: ProcedureCommand<ReviseDecisionArgs>) => updateProcedure(deps, c, reviseDecisionUpdate);
export const recordMinistryAnswer = (deps: ProcedureDeps, c: ProcedureCommand<RecordMinistryAnswerArgs>) =>
  updateProcedure(deps, c, recordMinistryAnswerUpdate);
export const recordRedress = (deps: ProcedureDeps, c: ProcedureCommand<RecordRedressArgs>) => updateProcedure(deps, c, recordRedressUpdate);
export const recordRedressResult = (deps: ProcedureDeps, c: ProcedureCommand<RecordRedressResultArgs>) => updateProcedure(deps, c, recordRedressResultUpdate);
export const extendTimeLimit = (deps: ProcedureDeps, c: ProcedureCommand<ExtendTimeLimitArgs>) => updateProcedure(deps, c, extendTimeLimitUpdate);
export const recheckBasis = (deps: ProcedureDeps, c: ProcedureCommand<RecheckBasisArgs>) => updateProcedure(deps, c, recheckBasisUpdate);

/**
 * An uploaded file (a statement's, a hearing's, a service's proof): kept by the attachment store
 * (owner kind procedure, the procedure's id), its id for the command. Typed by its bytes,
 * size-limited and scanned by the store; the same bytes again answer the attachment already there.
 */
export async function storeProcedureAttachment(
  pool: Pool,
  store: AttachmentStore,
  a: { caseId: string; level: ProcedureLevel; fileName: string; bytes: Buffer; uploadedBy: string },
): Promise<{ attachmentId: string; fileName: string; contentType: string; sha256: string; size: number }> {
  const procedureId = procedureIdOf(a.caseId, a.level);
  const { rows } = await pool.query('SELECT 1 FROM penalty_procedure WHERE procedure_id = $1', [procedureId]);
  if (rows.length === 0) throw notFound(a);
  const stored = await store.add({ kind: 'procedure', id: procedureId }, { fileName: a.fileName, bytes: a.bytes, addedBy: a.uploadedBy });
  return { attachmentId: stored.attachmentId, fileName: stored.fileName, contentType: stored.contentType, sha256: stored.sha256, size: stored.size };
}

/** The province's procedure settings (statement period, reminder, basis recheck): every procedure started afterwards reads them. */
export async function setProcedureSettings(pool: Pool, raw: unknown, updatedBy: string): Promise<ProcedureSettings> {
  const s = ProcedureSettings.parse(raw);
  await pool.query(
    `UPDATE procedure_setting SET statement_working_days = $1, reminder_days_before_time_limit = $2, basis_recheck_days = $3,
            updated_by = $4, updated_at = now()`,
    [s.statementWorkingDays, s.reminderDaysBeforeTimeLimit, s.basisRecheckDays, updatedBy],
  );
  return s;
}
