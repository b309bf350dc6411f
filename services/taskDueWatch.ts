/**
 * Starts or wakes a worked task's due-date watch (workflows/taskDueWatch.ts) after the task changed
 * (owner and due date set, closed): signal-with-start by the task's id, so the first change starts
 * it and later ones make it read the task again. Ids only cross Temporal.
 */
import type { Client } from '@temporalio/client';
import type { TaskKind } from '../domain/workedTask';
import { taskChangedSignal, taskDueWatchId, type TaskDueWatchInput } from '../workflows/messages/taskDueWatch';

export async function wakeTaskDueWatch(client: Client, taskQueue: string, t: { kind: TaskKind; campaignId: string; taskId: number }): Promise<void> {
  const args: TaskDueWatchInput = { kind: t.kind, campaignId: t.campaignId, taskId: t.taskId };
  await client.workflow.signalWithStart('taskDueWatchWorkflow', {
    workflowId: taskDueWatchId(t),
    taskQueue,
    args: [args],
    signal: taskChangedSignal,
    signalArgs: [],
  });
}
