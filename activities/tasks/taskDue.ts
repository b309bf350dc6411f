/**
 * A worked task's time limit (issue 20 item 3): what its watch reads (status and due date) and the
 * alerts it raises, a reminder before the due date and an overdue alert (repeated) after it, keyed
 * `campaign/<c>/task/<kind>/<id>/…` so closing the task resolves them all. Messages name the task's
 * kind, number and city only.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { cityName } from '../../domain/cities';
import { TASK_KIND_LABELS, TaskKind, TaskStatus } from '../../domain/workedTask';
import { raiseAlert } from '../alerts/raiseAlert';
import { resolveAlerts } from '../alerts/resolveAlert';

export const TaskDueRef = z.object({ kind: TaskKind, campaignId: z.string().min(1), taskId: z.number().int().positive() });
export type TaskDueRef = z.infer<typeof TaskDueRef>;

const TABLE: Record<TaskKind, string> = { supervision: 'supervision_task', onsite: 'onsite_check_task' };

export interface TaskDueState {
  status: TaskStatus | null;
  dueDate: string | null;
}

export const taskAlertPrefix = (t: TaskDueRef) => `campaign/${t.campaignId}/task/${t.kind}/${t.taskId}/`;

export async function taskDueState(pool: Pool, raw: TaskDueRef): Promise<TaskDueState> {
  const t = TaskDueRef.parse(raw);
  const { rows } = await pool.query<{ status: TaskStatus; due_date: string | null }>(
    `SELECT status, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM ${TABLE[t.kind]} WHERE campaign_id = $1 AND id = $2`,
    [t.campaignId, t.taskId],
  );
  return rows[0] ? { status: rows[0].status, dueDate: rows[0].due_date } : { status: null, dueDate: null };
}

export const AlertTaskDueInput = TaskDueRef.extend({
  stage: z.enum(['due_soon', 'overdue']),
  dueDate: z.string(),
  /** Days left (due_soon) or the overdue repetition (1 = first). */
  n: z.number().int().min(1),
  at: z.iso.datetime({ offset: true }),
});
export type AlertTaskDueInput = z.input<typeof AlertTaskDueInput>;

export async function alertTaskDue(pool: Pool, raw: AlertTaskDueInput): Promise<void> {
  const a = AlertTaskDueInput.parse(raw);
  const { rows } = await pool.query<{ city_code: string }>(`SELECT city_code::text FROM ${TABLE[a.kind]} WHERE campaign_id = $1 AND id = $2`, [
    a.campaignId,
    a.taskId,
  ]);
  const city = rows[0]?.city_code;
  const what = `${TASK_KIND_LABELS[a.kind]}任务第${a.taskId}号${city ? `（${cityName(city)}）` : ''}`;
  const base = { campaignId: a.campaignId, ...(city ? { cityCode: city } : {}), phase: 'tasks', raisedAt: a.at };
  if (a.stage === 'due_soon') {
    await raiseAlert(pool, {
      ...base,
      alertKey: `${taskAlertPrefix(a)}due-soon/${a.dueDate}`,
      kind: 'task_due_soon',
      level: 'warning',
      message: `${what}的办理期限为${a.dueDate}，还剩${a.n}天，尚未办结`,
    });
  } else {
    await raiseAlert(pool, {
      ...base,
      alertKey: `${taskAlertPrefix(a)}overdue/${a.dueDate}`,
      kind: 'task_overdue',
      level: 'critical',
      occurrence: a.n,
      message: `${what}未在办理期限${a.dueDate}前办结，已逾期${a.n > 1 ? `（第${a.n}次提醒）` : ''}`,
    });
  }
}

/** The task closed or its date moved: its earlier reminders and overdue alerts are resolved. */
export async function resolveTaskDueAlerts(pool: Pool, raw: TaskDueRef & { at: string; exceptDueDate?: string | null }): Promise<number> {
  const t = TaskDueRef.parse(raw);
  if (!raw.exceptDueDate) return resolveAlerts(pool, { keyPrefix: taskAlertPrefix(t), resolvedAt: raw.at });
  // A new due date: the alerts of every other date are over.
  const r = await pool.query(`UPDATE alert SET resolved_at = $3 WHERE starts_with(alert_key, $1) AND NOT alert_key LIKE '%/' || $2 AND resolved_at IS NULL`, [
    taskAlertPrefix(t),
    raw.exceptDueDate,
    raw.at,
  ]);
  return r.rowCount ?? 0;
}

export function createTaskActivities(deps: { pool: Pool }) {
  return {
    taskDueState: (t: TaskDueRef) => taskDueState(deps.pool, t),
    alertTaskDue: (a: AlertTaskDueInput) => alertTaskDue(deps.pool, a),
    resolveTaskDueAlerts: (a: TaskDueRef & { at: string; exceptDueDate?: string | null }) => resolveTaskDueAlerts(deps.pool, a),
  };
}
