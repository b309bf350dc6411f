/** How a procedure's deadlines and actors read: 剩余 N 个工作日, 已逾期 N 个工作日, who acts. */
import { Tag, type FormRule } from 'antd';
import { ApiError } from '../../api/http';
import type { ProcedureDetail } from '../../api/procedures';
import { formatDate } from '../../format';
import { tr } from '../../labels';

type Deadline = ProcedureDetail['deadlines'][number];

/** 剩余 N 个工作日 / 今日到期 / 已逾期 N 个工作日 (working days from the campaign's today). */
export function workingDaysText(d: Pick<Deadline, 'workingDaysLeft' | 'passed' | 'calendarDaysLeft'>): string {
  if (d.workingDaysLeft === null) return tr(`剩余 ${d.calendarDaysLeft} 天（日历未知）`, `${d.calendarDaysLeft} days left (calendar unknown)`);
  if (d.passed) return tr(`已逾期 ${Math.abs(d.workingDaysLeft)} 个工作日`, `${Math.abs(d.workingDaysLeft)} working days overdue`);
  if (d.calendarDaysLeft === 0) return tr('今日到期', 'Due today');
  return tr(`剩余 ${d.workingDaysLeft} 个工作日`, `${d.workingDaysLeft} working days left`);
}

export function DeadlineTag({ deadline }: { deadline: Pick<Deadline, 'workingDaysLeft' | 'passed' | 'calendarDaysLeft' | 'dueOn'> }) {
  const color = deadline.passed ? 'red' : (deadline.workingDaysLeft ?? deadline.calendarDaysLeft) <= 2 ? 'orange' : 'blue';
  return (
    <Tag color={color} data-testid="deadline-left" title={formatDate(deadline.dueOn)}>
      {workingDaysText(deadline)}
    </Tag>
  );
}

const ACTOR_WORDS: Record<ProcedureDetail['awaiting'][number]['actor'], [string, string]> = {
  officer: ['经办人', 'officer'],
  responsible: ['负责人', 'responsible person'],
  party: ['当事人', 'the party'],
  province: ['省住房和城乡建设厅', 'the province'],
};

export function actorText(actor: ProcedureDetail['awaiting'][number]['actor']): string {
  const [zh, en] = ACTOR_WORDS[actor];
  return tr(zh, en);
}

/**
 * A field that must be given, whatever its value's type (a choice, a date, a number, a list): the
 * city forms' `required` checks text only (its whitespace rule refuses anything but a string).
 */
export function mustGive(label: string, verb: 'fill' | 'choose', type?: 'array' | 'number' | 'boolean'): FormRule {
  return {
    required: true,
    ...(type ? { type } : {}),
    message: verb === 'choose' ? tr(`请选择${label}`, `Choose the ${label}`) : tr(`请填写${label}`, `Fill in the ${label}`),
  };
}

/** 12,345 元 */
export function yuan(n: number | null): string {
  return n === null ? '' : tr(`${n.toLocaleString('zh-CN')} 元`, `${n.toLocaleString('en-GB')} yuan`);
}

/**
 * Whether a command was answered with a refusal (a 4xx problem): nothing of it was applied, so the
 * corrected form goes with a new Idempotency-Key (the API binds a key to its first body, and refuses
 * another body under it). A 5xx, a lost connection or a first request still running (409
 * idempotency_in_progress) keeps the key: the same request retried applies once.
 */
export const refusedOutright = (err: unknown): boolean => err instanceof ApiError && err.status < 500 && err.problem.code !== 'idempotency_in_progress';
