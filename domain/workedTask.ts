/**
 * Worked tasks (issue 20): a supervision task (现场调研督办) of the province for a city the 通报
 * found lagging, and an on-site check (到岗履职排查) of a city for a unit with pronounced hanging.
 * Both go registered → in_progress (an owner works it) → closed (with its result).
 */
import { z } from 'zod';

export const TaskKind = z.enum(['supervision', 'onsite']);
export type TaskKind = z.infer<typeof TaskKind>;

export const TaskStatus = z.enum(['registered', 'in_progress', 'closed']);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  supervision: '现场调研督办',
  onsite: '到岗履职现场核查',
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  registered: '待分派',
  in_progress: '办理中',
  closed: '已办结',
};

/** Who may own a task of a kind: the province's coordinators, or the officers of the task's city. */
export const TASK_OWNER_ROLE: Record<TaskKind, 'province_coordinator' | 'city_officer'> = {
  supervision: 'province_coordinator',
  onsite: 'city_officer',
};
