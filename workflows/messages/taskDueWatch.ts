/**
 * The contract of a worked task's due-date watch (issue 20 item 3): its input, its id, and the signal
 * the API sends when the task's owner, due date or status changes. Ids and kinds only.
 */
import { defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import { TaskKind } from '../../domain/workedTask';

export const TaskDueWatchInput = z.object({
  kind: TaskKind,
  campaignId: z.string().min(1).max(120),
  taskId: z.number().int().positive(),
  /** The reminder comes this many days before the due date (end of that day, Asia/Shanghai). */
  remindDaysBefore: z.number().int().min(1).default(2),
  /** After the due date passes, the overdue alert repeats every this many hours until the task closes. */
  overdueRepeatHours: z.number().int().min(1).default(24),
  /** Carried over a continue-as-new: which date was reminded and how many overdue alerts went out. */
  carry: z.object({ dueDate: z.string().nullable(), reminded: z.boolean(), overdue: z.number().int().min(0) }).optional(),
});
export type TaskDueWatchInput = z.input<typeof TaskDueWatchInput>;

export const taskDueWatchId = (t: { campaignId: string; kind: TaskKind; taskId: number }) => `task-due/${t.campaignId}/${t.kind}/${t.taskId}`;

/** The task changed (owner and due date set, closed): the watch reads it again. */
export const taskChangedSignal = defineSignal('taskChanged');
