/**
 * Starts a child workflow that outlives its parent (ParentClosePolicy.ABANDON) and is started once per id:
 * a start that meets the id already running (a retried activation, a second liable decision, a reopened
 * case's earlier run) leaves that one as it is.
 */
import { WorkflowExecutionAlreadyStartedError, type SearchAttributePair } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';

export async function startAbandonedChild(
  workflowType: string,
  options: { workflowId: string; args: unknown[]; typedSearchAttributes: SearchAttributePair[] },
): Promise<void> {
  try {
    await startChild(workflowType, { ...options, parentClosePolicy: ParentClosePolicy.ABANDON });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
