/**
 * The command port on the campaign services (services/): each command is an update on the
 * workflow that owns it, sent with the caller's idempotency key as update id (a repeat returns
 * the first result). Intake that carries personal data is stored in PostgreSQL by the services
 * layer; the workflow receives the row id only, and so does an officer's free text
 * (services/officerTexts.ts). Service errors are domain errors, which the error
 * handler (api/http/errorHandler.ts) turns into problems.
 */
import { isGrpcServiceError, ServiceError, WorkflowNotFoundError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { AppConfig } from '../../platform/config';
import {
  carryOverCase,
  extendDeadline,
  processDeregistration,
  reviewSubmission,
  signSubmission,
  submitInvestigation,
  submitSelfCheck,
} from '../../services/campaignCommands';
import type { AttachmentStore } from '../../services/attachments/attachmentStore';
import { asDomainError, imposeProvincialPenalty, overrideOutcome, reopenCase } from '../../services/caseCorrections';
import { registerComplaint, recordSelfCheckDeclaration, requestDeregistration } from '../../services/intakeCommands';
import { launchCampaign } from '../../services/launchCampaign';
import { registerComplaintCase, takeComplaintStep } from '../../services/complaintCases';
import { addCampaignSnapshot } from '../../services/rescreen';
import { officerTexts } from '../../services/officerTexts';
import type { ProcedureCommand, ProcedureDeps } from '../../services/penaltyProcedure';
import type { OfficerTextKind } from '../../domain/officerText';
import type { ProcedureState } from '../../workflows/messages/penaltyProcedure';
import { caseWorkflowId, decideCaseUpdate } from '../../workflows/messages/case';
import { cityWorkflowId, liableDecisionSignal } from '../../workflows/messages/city';
import { Problem } from '../http/problem';
import type { CommandPort } from './commandPort';
import { PROCEDURE_SERVICES, PROCEDURE_TEXT_FIELDS, type ProcedureCommandName, type ProcedureCommandRequest } from './procedureCommands';

/** Retry-After for a decision on a case whose workflow its shard has not started yet. */
export const CASE_NOT_STARTED_RETRY_SECONDS = 5;

/** How long an update may take, overall, before the caller is told to try again (GZ_UPDATE_DEADLINE_SECONDS). */
export const DEFAULT_UPDATE_DEADLINE_MS = 30_000;
/** Retry-After when an update ran out of time (the workflow may still be busy or its worker away). */
export const UPDATE_TIMEOUT_RETRY_SECONDS = 10;
/** gRPC's DEADLINE_EXCEEDED (@grpc/grpc-js is not a direct dependency). */
const GRPC_DEADLINE_EXCEEDED = 4;

export function createTemporalCommands(deps: {
  client: Client;
  pool: Pool;
  config: AppConfig;
  updateDeadlineMs?: number;
  attachments?: AttachmentStore;
}): CommandPort {
  const { client } = deps;
  const commands = createUnboundedCommands(deps);
  const deadlineMs = deps.updateDeadlineMs ?? DEFAULT_UPDATE_DEADLINE_MS;
  // Every command but the launch is a workflow update, which waits for its worker: without a
  // deadline a stuck workflow holds the request (and its idempotency claim) for ever.
  const bounded =
    <A extends unknown[], R>(command: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const deadline = Date.now() + deadlineMs;
      try {
        return await client.withDeadline(deadline, () => command(...args));
      } catch (err) {
        if (ranOutOfTime(err) || Date.now() >= deadline) {
          throw new Problem(
            'unavailable',
            `工作流未在${Math.round(deadlineMs / 1000)}秒内答复，请稍后使用同一 Idempotency-Key 重试 (the workflow did not answer in time)`,
            { headers: { 'retry-after': String(UPDATE_TIMEOUT_RETRY_SECONDS) } },
          );
        }
        throw err;
      }
    };
  return {
    launchCampaign: commands.launchCampaign.bind(commands),
    extendDeadline: bounded(commands.extendDeadline.bind(commands)),
    submitReport: bounded(commands.submitReport.bind(commands)),
    reviewSubmission: bounded(commands.reviewSubmission.bind(commands)),
    signSubmission: bounded(commands.signSubmission.bind(commands)),
    recordSelfCheckDeclaration: bounded(commands.recordSelfCheckDeclaration.bind(commands)),
    // Each city screens again (seconds to minutes): not bounded, like the launch.
    addCampaignSnapshot: commands.addCampaignSnapshot.bind(commands),
    requestDeregistration: bounded(commands.requestDeregistration.bind(commands)),
    processDeregistration: bounded(commands.processDeregistration.bind(commands)),
    registerComplaint: bounded(commands.registerComplaint.bind(commands)),
    decideCase: bounded(commands.decideCase.bind(commands)),
    carryOverCase: bounded(commands.carryOverCase.bind(commands)),
    imposeProvincialPenalty: bounded(commands.imposeProvincialPenalty.bind(commands)),
    reopenCase: bounded(commands.reopenCase.bind(commands)),
    overrideOutcome: bounded(commands.overrideOutcome.bind(commands)),
    procedureCommand: bounded(commands.procedureCommand.bind(commands)),
    registerComplaintCase: bounded(commands.registerComplaintCase.bind(commands)),
    complaintStep: bounded(commands.complaintStep.bind(commands)),
  };
}

function ranOutOfTime(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  return err instanceof ServiceError && isGrpcServiceError(err.cause) && Number(err.cause.code) === GRPC_DEADLINE_EXCEEDED;
}

function createUnboundedCommands(deps: { client: Client; pool: Pool; config: AppConfig; attachments?: AttachmentStore }): CommandPort {
  const { client, pool } = deps;
  const caseDeps = { client, pool, taskQueue: deps.config.TASK_QUEUE, ...(deps.attachments ? { attachments: deps.attachments } : {}) };
  /**
   * A liable case makes its city look for units past the pronounced-hanging threshold (issue 20).
   * Not awaited and never failing the decision: a city that has completed needs no more checks, and
   * the city checks again before its investigation report anyway.
   */
  const tellCityOfLiableDecision = (ref: { campaignId: string; cityCode: string }) => {
    client.workflow
      .getHandle(cityWorkflowId(ref.campaignId, ref.cityCode))
      .signal(liableDecisionSignal)
      .catch(() => undefined);
  };
  return {
    launchCampaign: (config, launchedBy) =>
      launchCampaign({ client, pool, taskQueue: deps.config.TASK_QUEUE, hosts: deps.config }, config, { launchedBy, filePaths: 'refused' }),

    extendDeadline: async (a) => extendDeadline(client, pool, { ...a, reason: await officerTexts(pool, a.officer.userId).store('deadline.reason', a.reason) }),

    submitReport: async (a) => {
      const texts = officerTexts(pool, a.officer.userId);
      const summary = await texts.storeOptional('submission.summary', a.summary);
      const carriedOver =
        a.carriedOver && (await Promise.all(a.carriedOver.map(async (c) => ({ caseId: c.caseId, reason: await texts.store('carryOver.reason', c.reason) }))));
      return a.kind === 'self_check'
        ? submitSelfCheck(client, { campaignId: a.campaignId, cityCode: a.cityCode, officer: a.officer, summary, requestId: a.requestId })
        : submitInvestigation(client, {
            campaignId: a.campaignId,
            cityCode: a.cityCode,
            officer: a.officer,
            summary,
            carriedOver,
            requestId: a.requestId,
          });
    },

    signSubmission: async (a) => signSubmission(client, a),

    reviewSubmission: async (a) =>
      reviewSubmission(client, {
        campaignId: a.campaignId,
        cityCode: a.cityCode,
        kind: a.kind,
        version: a.version,
        decision: a.decision,
        ...(a.comments ? { comments: await officerTexts(pool, a.officer.userId).store('review.comments', a.comments) } : {}),
        ...(a.reopenCaseIds?.length ? { reopenCaseIds: a.reopenCaseIds } : {}),
        officer: a.officer,
        requestId: a.requestId,
      }),

    recordSelfCheckDeclaration: (a, officer) => recordSelfCheckDeclaration(client, pool, { ...a, declaredBy: officer.userId }),

    addCampaignSnapshot: (a, officer) => addCampaignSnapshot(client, pool, { ...a, addedBy: officer.userId }),

    requestDeregistration: (a, officer) => requestDeregistration(client, pool, { ...a, requestedBy: officer.userId }),

    processDeregistration: async (a) => {
      try {
        return await processDeregistration(client, a);
      } catch (err) {
        // A registration frozen by an open case is a conflict the caller can act on (wait for the decision).
        throw asDomainError(err);
      }
    },

    registerComplaint: (a) =>
      registerComplaint(client, pool, {
        complaintId: a.requestId,
        campaignId: a.campaignId,
        cityCode: a.cityCode,
        receivedAt: a.receivedAt,
        channel: a.channel,
        ...(a.subjectIdNumber ? { subjectIdNumber: a.subjectIdNumber } : {}),
        ...(a.subjectUnit ? { subjectUnit: a.subjectUnit } : {}),
        content: a.content,
      }),

    registerComplaintCase: (r) => registerComplaintCase(caseDeps, r),
    complaintStep: (a) => takeComplaintStep(caseDeps, a),

    // The hot path: straight to the case's update, no extra reads.
    decideCase: async (ref, decision, officer, updateId) => {
      const stored = await officerTexts(pool, officer.userId).decision(decision);
      try {
        const decided = await client.workflow.getHandle(caseWorkflowId(ref.campaignId, ref.cityCode, ref.caseId)).executeUpdate(decideCaseUpdate, {
          args: [{ decision: stored, officer }],
          updateId,
        });
        if (decision.outcome === 'VIOLATION') tellCityOfLiableDecision(ref);
        return decided;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        // No workflow: either the case was decided and its workflow ended, or the case is in the
        // read model but its shard has not started its workflow yet (a city opening thousands of
        // cases). The read model tells which; only the second is worth trying again.
        const { rows } = await pool.query<{ status: string }>('SELECT status FROM case_file WHERE case_id = $1 AND campaign_id = $2 AND city_code = $3', [
          ref.caseId,
          ref.campaignId,
          ref.cityCode,
        ]);
        if (rows[0]?.status === 'open') {
          throw new Problem(
            'conflict',
            `case ${ref.caseId} is open but not ready for decisions yet: the city is still starting its cases; try again in a moment`,
            { headers: { 'retry-after': String(CASE_NOT_STARTED_RETRY_SECONDS) } },
          );
        }
        throw new Problem('conflict', `case ${ref.caseId} is no longer open: it was decided and closed`);
      }
    },

    carryOverCase: async (ref, reason, officer) => {
      const stored = await officerTexts(pool, officer.userId).store('carryOver.reason', reason);
      try {
        return await carryOverCase(client, { campaignId: ref.campaignId, cityCode: ref.cityCode, caseId: ref.caseId, reason: stored, officer });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        // As for a decision: a case whose workflow has not started yet, or one that was decided and ended.
        throw new Problem('conflict', `case ${ref.caseId} cannot be carried over now: it is not open in a running workflow (decided, or not ready yet)`);
      }
    },

    // After a decision a case's workflow may have ended: services/caseCorrections.ts starts it again.
    imposeProvincialPenalty: async (ref, a, officer, updateId) =>
      imposeProvincialPenalty(caseDeps, {
        campaignId: ref.campaignId,
        cityCode: ref.cityCode,
        caseId: ref.caseId,
        officer,
        ...(a.kinds ? { kinds: a.kinds } : {}),
        ...(a.note ? { note: await officerTexts(pool, officer.userId).store('provincialPenalty.note', a.note) } : {}),
        requestId: updateId,
      }),

    reopenCase: async (ref, a, officer, updateId) =>
      reopenCase(caseDeps, {
        campaignId: ref.campaignId,
        cityCode: ref.cityCode,
        caseId: ref.caseId,
        officer,
        reason: await officerTexts(pool, officer.userId).store('reopen.reason', a.reason),
        requestId: updateId,
      }),

    overrideOutcome: async (ref, a, officer, updateId) => {
      const texts = officerTexts(pool, officer.userId);
      const overridden = await overrideOutcome(caseDeps, {
        campaignId: ref.campaignId,
        cityCode: ref.cityCode,
        caseId: ref.caseId,
        officer,
        decision: await texts.decision(a.decision),
        reason: await texts.store('override.reason', a.reason),
        requestId: updateId,
      });
      if (a.decision.outcome === 'VIOLATION') tellCityOfLiableDecision(ref);
      return overridden;
    },

    procedureCommand: async <N extends ProcedureCommandName>(c: ProcedureCommandRequest<N>) => {
      const texts = officerTexts(pool, c.officer.userId);
      const args: Record<string, unknown> = { ...c.args };
      for (const [field, kind] of Object.entries(PROCEDURE_TEXT_FIELDS[c.name] as Record<string, OfficerTextKind>)) {
        if (typeof args[field] === 'string') args[field] = await texts.store(kind, args[field]);
      }
      const send = PROCEDURE_SERVICES[c.name] as (d: ProcedureDeps, x: ProcedureCommand<unknown>) => Promise<ProcedureState>;
      return send({ client }, { caseId: c.caseId, level: c.level, requestId: c.requestId, args: { ...args, officer: c.officer } });
    },
  };
}
