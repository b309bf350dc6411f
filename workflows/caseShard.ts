/**
 * A bounded batch of a city's cases (at most 500): starts one case workflow per case id, waits
 * until every case is decided and closed, and reports the outcomes. The city pages its case ids
 * from the read model and starts one shard per page, so no workflow holds a city's whole list.
 *
 * No continue-as-new: at 500 cases a shard's history stays near 3,000 events (start, started,
 * completed or a closure signal, and the workflow tasks between), under the 4,096 events where
 * Temporal suggests it and far under the 51,200 limit; carrying the in-flight children across a
 * new run would cost more than it saves.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { condition, getExternalWorkflowHandle, ParentClosePolicy, setHandler, startChild } from '@temporalio/workflow';
import type { CaseOutcome } from '../domain/outcomes';
import { caseWorkflow } from './case';
import { parseWorkflowInput } from './parseInput';
import { caseWorkflowId, CaseSearchAttributes as SA, ExtendCaseDueArgs, extendCaseDueSignal } from './messages/case';
import { caseClosedSignal, CaseShardInput, caseShardStateQuery, extendShardDueSignal, MAX_SHARD_CASES, type CaseShardResult } from './messages/caseShard';

/**
 * Case workflows open and not yet closed at any moment. Temporal allows 2,000 pending children
 * per run; a shard holds at most 500 cases, so the window never binds today. It is explicit so
 * that a larger shard setting slides instead of hitting the server's limit.
 */
export const MAX_PENDING_CHILDREN = MAX_SHARD_CASES;

export async function caseShardWorkflow(raw: CaseShardInput): Promise<CaseShardResult> {
  const input = parseWorkflowInput(CaseShardInput, raw, 'case shard');
  const { campaignId, cityCode, shardIndex, caseIds } = input;
  const mine = new Set(caseIds);
  const started = new Set<string>();
  const outcomes = new Map<string, CaseOutcome>();
  const failed = new Set<string>();
  const alreadyStarted = new Set<string>();
  let dueAt = input.dueAt;
  const settled = () => outcomes.size + failed.size + alreadyStarted.size;
  const byOutcome = () => {
    const tally: Partial<Record<CaseOutcome, number>> = {};
    for (const o of outcomes.values()) tally[o] = (tally[o] ?? 0) + 1;
    return tally;
  };

  setHandler(caseShardStateQuery, () => ({ shardIndex, cases: caseIds.length, started: started.size, closed: outcomes.size, byOutcome: byOutcome() }));
  setHandler(caseClosedSignal, ({ caseId, outcome }) => {
    if (mine.has(caseId)) outcomes.set(caseId, outcome);
  });
  setHandler(extendShardDueSignal, async (args) => {
    const r = ExtendCaseDueArgs.safeParse(args);
    if (!r.success) return;
    dueAt = r.data.dueAt;
    const open = [...started].filter((id) => !outcomes.has(id) && !failed.has(id));
    // All in one workflow task; a case that finished meanwhile cannot be signalled, and needs not be.
    await Promise.all(
      open.map((id) =>
        getExternalWorkflowHandle(caseWorkflowId(campaignId, cityCode, id))
          .signal(extendCaseDueSignal, { dueAt: r.data.dueAt })
          .catch(() => undefined),
      ),
    );
  });

  for (const caseId of caseIds) {
    if (started.size - settled() >= MAX_PENDING_CHILDREN) await condition(() => started.size - settled() < MAX_PENDING_CHILDREN);
    started.add(caseId);
    void runCase(caseId);
  }
  await condition(() => settled() >= caseIds.length);
  return { shardIndex, closed: outcomes.size, byOutcome: byOutcome(), alreadyStarted: alreadyStarted.size, failed: failed.size };

  async function runCase(caseId: string): Promise<void> {
    let handle;
    try {
      handle = await startChild(caseWorkflow, {
        workflowId: caseWorkflowId(campaignId, cityCode, caseId),
        args: [
          {
            campaignId,
            cityCode,
            caseId,
            settings: input.caseSettings,
            calendar: input.calendar,
            clock: input.clock,
            dueAt,
            // A shard's cases come from listCaseIds: screening cases, whose opening gathered the evidence.
            evidenceGathered: true,
            notifyParentOnClose: true,
          },
        ],
        // A liable case outlives its shard until phase 3 ends; a closed case is never reopened
        // by a re-run of the shard.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [
          { key: SA.campaignId, value: campaignId },
          { key: SA.cityCode, value: cityCode },
          { key: SA.phase, value: 'investigation' },
          { key: SA.caseStatus, value: 'open' },
        ],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) alreadyStarted.add(caseId);
      else failed.add(caseId);
      return;
    }
    try {
      const result = await handle.result();
      outcomes.set(caseId, result.outcome);
    } catch {
      if (!outcomes.has(caseId)) failed.add(caseId);
    }
  }
}
