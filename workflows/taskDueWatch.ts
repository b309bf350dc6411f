/**
 * A worked task's time limit watched (issue 20 item 3), like a phase deadline: a reminder
 * `remindDaysBefore` days before its due date, an overdue alert when the day passes, repeated every
 * `overdueRepeatHours` until the task closes; a new due date starts afresh (the old date's alerts
 * resolved), closing resolves them all and ends the watch. The task's rows are the truth: the watch
 * reads them before every alert, so a change the API could not signal is still seen in time.
 * One watch per task (taskDueWatchId), started by the API when an owner and due date are set.
 */
import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { deadlineInstant } from '../domain/calendar';
import { parseWorkflowInput } from './parseInput';
import { TaskDueWatchInput, taskChangedSignal } from './messages/taskDueWatch';

const acts = proxyActivities<Pick<Activities, 'taskDueState' | 'alertTaskDue' | 'resolveTaskDueAlerts'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export async function taskDueWatchWorkflow(raw: TaskDueWatchInput): Promise<{ closed: boolean; overdueAlerts: number }> {
  const input = parseWorkflowInput(TaskDueWatchInput, raw, 'task due watch');
  const ref = { kind: input.kind, campaignId: input.campaignId, taskId: input.taskId };
  const s = input.carry ?? { dueDate: null, reminded: false, overdue: 0 };
  let changes = 0;
  setHandler(taskChangedSignal, () => {
    changes++;
  });
  const now = () => new Date().toISOString();

  for (;;) {
    const seen = changes;
    const task = await acts.taskDueState(ref);
    if (task.status === null || task.status === 'closed') {
      await acts.resolveTaskDueAlerts({ ...ref, at: now() });
      return { closed: task.status === 'closed', overdueAlerts: s.overdue };
    }
    if (task.dueDate === null) {
      await condition(() => changes !== seen);
      continue;
    }
    if (task.dueDate !== s.dueDate) {
      if (s.dueDate !== null) await acts.resolveTaskDueAlerts({ ...ref, at: now(), exceptDueDate: task.dueDate });
      Object.assign(s, { dueDate: task.dueDate, reminded: false, overdue: 0 });
    }
    const dueDate = task.dueDate;
    const dueAt = deadlineInstant(dueDate).getTime();
    const remindAt = dueAt - input.remindDaysBefore * DAY_MS;
    let nextAt: number;
    let fire: () => Promise<void>;
    if (Date.now() < dueAt && !s.reminded) {
      nextAt = remindAt;
      fire = async () => {
        const left = Math.max(1, Math.ceil((dueAt - Date.now()) / DAY_MS));
        await acts.alertTaskDue({ ...ref, stage: 'due_soon', dueDate, n: left, at: now() });
        s.reminded = true;
      };
    } else if (Date.now() < dueAt) {
      nextAt = dueAt;
      fire = () => Promise.resolve();
    } else {
      nextAt = dueAt + s.overdue * input.overdueRepeatHours * HOUR_MS;
      fire = async () => {
        s.overdue++;
        await acts.alertTaskDue({ ...ref, stage: 'overdue', dueDate, n: s.overdue, at: now() });
      };
    }
    const wait = nextAt - Date.now();
    if (wait > 0 && (await condition(() => changes !== seen, wait))) continue;
    // The rows are the truth: a change that came without a signal is seen before the alert.
    const still = await acts.taskDueState(ref);
    if (still.status === 'closed' || still.status === null || still.dueDate !== dueDate) continue;
    await fire();
    if (workflowInfo().continueAsNewSuggested) return continueAsNew<typeof taskDueWatchWorkflow>({ ...input, carry: s });
  }
}
