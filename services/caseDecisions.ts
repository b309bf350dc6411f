/**
 * A city officer's decision on a case, for in-process callers (the rehearsal): its free text stored
 * first (officer_text ids cross Temporal, never the text), then the case workflow's update with the
 * caller's request id as update id, so a repeated request is answered once. The API sends the same
 * update from api/commands/temporalCommands.ts with its own answers to a missing workflow.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { DomainError } from '../domain/errors';
import type { Officer } from '../domain/officer';
import type { CaseDecisionInput } from '../domain/outcomes';
import { caseWorkflowId, decideCaseUpdate, type DecideCaseResult } from '../workflows/messages/case';
import { asDomainError } from './caseCorrections';
import { officerTexts } from './officerTexts';

export interface CaseRef {
  campaignId: string;
  cityCode: string;
  caseId: string;
}

/** Thrown when the case's workflow is not running (its shard has not started it, or it ended). */
export class CaseWorkflowNotRunningError extends DomainError {
  constructor(caseId: string) {
    super('CaseNotDecided', `案件 ${caseId} 的工作流尚未启动或已结束 (the case workflow is not running)`);
  }
}

export async function decideCase(
  deps: { client: Client; pool: Pool },
  ref: CaseRef,
  a: { decision: CaseDecisionInput; officer: Officer; requestId: string },
): Promise<DecideCaseResult> {
  const stored = await officerTexts(deps.pool, a.officer.userId).decision(a.decision);
  try {
    return await deps.client.workflow.getHandle(caseWorkflowId(ref.campaignId, ref.cityCode, ref.caseId)).executeUpdate(decideCaseUpdate, {
      args: [{ decision: stored, officer: a.officer }],
      updateId: a.requestId,
    });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new CaseWorkflowNotRunningError(ref.caseId);
    throw asDomainError(err);
  }
}
