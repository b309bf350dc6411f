/**
 * Commands on a case after its decision (issue 19): the city's reopening of a case the province
 * named in a return of the investigation report, the province's override of a city's outcome, and
 * the province's penalties in phase 3. Each is an update on the case workflow (validated there,
 * the request id its update id). A case whose workflow has ended (every outcome without liability
 * ends at its decision) is started again first, as a later run of the same workflow id
 * (`resume`), until provincial verification ends; after that a decided case no longer changes.
 * Arguments carry ids only: free text goes as officer_text ids (services/officerTexts.ts).
 */
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { Pool } from 'pg';
import { CampaignConfig, deadlineAt } from '../domain/campaignConfig';
import { DomainError, ERROR_CODES, type ErrorCode } from '../domain/errors';
import type { Officer } from '../domain/officer';
import type { CaseDecisionMessage, OfficerTextField } from '../domain/officerText';
import { pendingReopening } from '../readModel/caseReopenings';
import {
  caseWorkflowId,
  CaseSearchAttributes as SA,
  imposeProvincialPenaltyUpdate,
  overrideOutcomeUpdate,
  reopenCaseUpdate,
  type CaseWorkflowInput,
  type ImposeProvincialPenaltyArgs,
  type ImposeProvincialPenaltyResult,
  type OverrideOutcomeResult,
  type ReopenCaseResult,
} from '../workflows/messages/case';
import { caseSettingsOf } from '../workflows/messages/caseSettings';

export interface CaseCommandDeps {
  client: Client;
  pool: Pool;
  /** The worker's task queue, for a later run of a case whose workflow has ended. */
  taskQueue: string;
}

export interface CaseAt {
  campaignId: string;
  cityCode: string;
  caseId: string;
}

/** A refusal from the workflow (a validator, or an activity's domain failure) as the domain error it is. */
export function asDomainError(err: unknown): unknown {
  if (!(err instanceof WorkflowUpdateFailedError)) return err;
  for (let cause: unknown = err.cause; cause instanceof Error; cause = (cause as Error & { cause?: unknown }).cause) {
    if (cause instanceof ApplicationFailure && cause.type && (ERROR_CODES as readonly string[]).includes(cause.type)) {
      return new DomainError(cause.type as ErrorCode, cause.message);
    }
  }
  return err;
}

/** Sends the update to the case's workflow; one that has ended is started again (once) first. */
async function updateCase<Ret, Args extends [unknown, ...unknown[]]>(
  deps: CaseCommandDeps,
  at: CaseAt,
  update: UpdateDefinition<Ret, Args>,
  args: Args,
  updateId: string,
): Promise<Ret> {
  const handle = deps.client.workflow.getHandle(caseWorkflowId(at.campaignId, at.cityCode, at.caseId));
  try {
    return await handle.executeUpdate(update, { args, updateId });
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw asDomainError(err);
  }
  await startForCorrection(deps, at);
  try {
    return await handle.executeUpdate(update, { args, updateId });
  } catch (err) {
    throw asDomainError(err);
  }
}

/** A later run of a decided case's workflow, for a correction (CaseWorkflowInput.resume). */
export async function startForCorrection(deps: CaseCommandDeps, at: CaseAt): Promise<void> {
  const { rows } = await deps.pool.query<{ status: string; case_no: string; config: unknown; due_at: Date | null }>(
    `SELECT c.status, c.case_no, k.config, d.due_at FROM case_file c JOIN campaign k ON k.id = c.campaign_id
     LEFT JOIN deadline d ON d.campaign_id = c.campaign_id AND d.deadline_key = 'investigation/' || c.city_code
     WHERE c.case_id = $1 AND c.campaign_id = $2 AND c.city_code = $3`,
    [at.caseId, at.campaignId, at.cityCode],
  );
  const c = rows[0];
  if (!c) throw new DomainError('CaseNotFound', `case ${at.caseId} does not exist`);
  if (c.status !== 'decided' && c.status !== 'closed') {
    // Open in the read model without a running workflow: its shard has not started it yet.
    throw new DomainError('CaseNotDecided', `案件 ${c.case_no} 尚未作出核查结论 (case ${at.caseId} is ${c.status} and its workflow is not running yet)`);
  }
  const config = CampaignConfig.parse(c.config);
  const end = config.calendar.provincialVerification.deadline;
  if (Date.now() >= deadlineAt(config, end)) {
    throw new DomainError('CorrectionsClosed', `省厅核查已于 ${end} 结束，案件 ${c.case_no} 的结论不能再更改 (provincial verification is over)`);
  }
  const input: CaseWorkflowInput = {
    campaignId: at.campaignId,
    cityCode: at.cityCode,
    caseId: at.caseId,
    settings: caseSettingsOf(config.rules),
    calendar: config.calendar,
    clock: config.clock,
    ...(c.due_at ? { dueAt: c.due_at.toISOString() } : {}),
    evidenceGathered: true,
    resume: true,
  };
  try {
    await deps.client.workflow.start('caseWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: caseWorkflowId(at.campaignId, at.cityCode, at.caseId),
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [
        { key: SA.campaignId, value: at.campaignId },
        { key: SA.cityCode, value: at.cityCode },
        { key: SA.phase, value: 'investigation' },
        { key: SA.caseStatus, value: 'closed' },
      ],
    });
  } catch (err) {
    // Another correction started it a moment ago: the update goes to that run.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * The city reopens a decided case the province named in its return of the investigation report
 * (the read model says so first; the reopening activity checks again in its transaction). The same
 * request again (its update id already logged) goes through and is answered as before.
 */
export async function reopenCase(
  deps: CaseCommandDeps,
  a: CaseAt & { reason: OfficerTextField; officer: Officer; requestId: string },
): Promise<ReopenCaseResult> {
  const pending = await pendingReopening(deps.pool, a.caseId, a.requestId);
  if (!pending.named) {
    throw new DomainError('ReopenNotNamed', `案件 ${pending.caseNo ?? a.caseId} 未被省级在退回的排查报告中列为需重新办理的案件，不能重新办理`);
  }
  return updateCase(deps, a, reopenCaseUpdate, [{ officer: a.officer, reason: a.reason }], a.requestId);
}

/** The province replaces the city's outcome with its own, with a reason. */
export function overrideOutcome(
  deps: CaseCommandDeps,
  a: CaseAt & { decision: CaseDecisionMessage; reason: OfficerTextField; officer: Officer; requestId: string },
): Promise<OverrideOutcomeResult> {
  return updateCase(deps, a, overrideOutcomeUpdate, [{ officer: a.officer, decision: a.decision, reason: a.reason }], a.requestId);
}

/** Phase 3: the province's penalties on a liable case (without kinds: those the campaign reserves to it). */
export function imposeProvincialPenalty(
  deps: CaseCommandDeps,
  a: CaseAt & { officer: Officer; kinds?: ImposeProvincialPenaltyArgs['kinds']; note?: OfficerTextField; requestId: string },
): Promise<ImposeProvincialPenaltyResult> {
  return updateCase(deps, a, imposeProvincialPenaltyUpdate, [{ officer: a.officer, kinds: a.kinds, note: a.note }], a.requestId);
}
