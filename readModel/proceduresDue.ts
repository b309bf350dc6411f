/**
 * The penalty procedures a caller works on (待办程序), nearest deadline first: a city officer's are
 * their city's city-level procedures, the province coordinator's the province's; supervisors and
 * auditors read every one. An escalated intermediary order's procedure (no case: its party the
 * intermediary, docs/intermediaries.md) is listed only when asked (`intermediaries`, for those who
 * handle intermediaries), with the intermediary's name and ids where a case's number stands. Each row says the step, what is awaited (by whom), the nearest deadline
 * still running with its working days left, and art. 60's time limit. `approvals` keeps the ones
 * waiting for the responsible person; `status` open (default), closed or all.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { PROCEDURE_STEP_LABELS, ProcedureLevel, ProcedureStep } from '../domain/penaltyProcedure';
import type { WorkingCalendar } from '../domain/workingDays';
import {
  APPROVAL_ACTIONS,
  AwaitedAction,
  awaitedActions,
  intermediaryOf,
  PROCEDURE_COLUMNS,
  PROCEDURE_FROM,
  ProcedureIntermediary,
  ProcedureRow,
} from './procedureRow';
import { campaignTodays, deadlinesOf, nextDeadline, ProcedureDeadline } from './procedureDeadlines';
import { DateText, parseRows } from './sqlTypes';
import { loadWorkingCalendar } from './workingCalendar';

export const ProcedureStatusFilter = z.enum(['open', 'closed', 'all']);
/** A case's procedures, or an intermediary order's. */
export const ProcedurePartyFilter = z.enum(['case', 'intermediary']);

export interface ProceduresDueQuery {
  campaignId?: string;
  /** A city officer's city: only that city's procedures. */
  cityCode?: string;
  level?: ProcedureLevel;
  step?: ProcedureStep;
  /** Only those waiting for the responsible person's approval. */
  approvals?: boolean;
  status: z.infer<typeof ProcedureStatusFilter>;
  /** Whether intermediary orders' procedures are listed beside the cases' (false: cases' only, as before them). */
  intermediaries?: boolean;
  /** Only a case's or only an order's procedures. */
  party?: z.infer<typeof ProcedurePartyFilter>;
  page: number;
  pageSize: number;
}

export const ProcedureDueItem = z.object({
  procedureId: z.string(),
  /** The case's id and number; null for an intermediary order's procedure. */
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  /** An escalated intermediary order's procedure: the order, the intermediary and its name (null for a case's). */
  intermediary: ProcedureIntermediary.nullable(),
  campaignId: z.string(),
  cityCode: z.string(),
  level: ProcedureLevel,
  step: ProcedureStep,
  stepLabel: z.string(),
  awaiting: z.array(AwaitedAction),
  /** The nearest deadline still running (null when closed). */
  next: ProcedureDeadline.nullable(),
  timeLimitOn: DateText,
  overdue: z.boolean().describe("art. 60's time limit passed before a decision was served"),
  effectiveOn: DateText.nullable(),
  ministry: z.object({ revoked: z.boolean().nullable(), answeredOn: DateText.nullable(), ministryDocumentNumber: z.string().nullable() }).nullable(),
  closedOn: DateText.nullable(),
});
export type ProcedureDueItem = z.infer<typeof ProcedureDueItem>;

export const ProceduresDue = z.object({
  items: z.array(ProcedureDueItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Procedures waiting for the responsible person, among those the filters keep (a badge on the menu). */
  approvalsWaiting: z.number().int(),
});
export type ProceduresDue = z.infer<typeof ProceduresDue>;

const APPROVALS = `p.awaiting && ARRAY[${APPROVAL_ACTIONS.map((a) => `'${a}'`).join(', ')}]::text[]`;

export async function proceduresDue(pool: Pool, q: ProceduresDueQuery, opts: { now?: number; calendar?: WorkingCalendar } = {}): Promise<ProceduresDue> {
  const where = ['TRUE'];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.campaignId) add((n) => `p.campaign_id = ${n}`, q.campaignId);
  if (q.cityCode) add((n) => `p.city_code = ${n}`, q.cityCode);
  if (q.level) add((n) => `p.level = ${n}`, q.level);
  if (q.step) add((n) => `p.step = ${n}`, q.step);
  if (q.status === 'open') where.push('p.closed_on IS NULL');
  if (q.status === 'closed') where.push('p.closed_on IS NOT NULL');
  if (!q.intermediaries || q.party === 'case') where.push('p.case_id IS NOT NULL');
  if (q.party === 'intermediary') where.push('p.intermediary_order_id IS NOT NULL');
  const [result, cal] = await Promise.all([
    pool.query(`SELECT ${PROCEDURE_COLUMNS}, (${APPROVALS}) AS approval FROM ${PROCEDURE_FROM} WHERE ${where.join(' AND ')}`, params),
    opts.calendar ?? loadWorkingCalendar(pool),
  ]);
  const rows = parseRows(ProcedureRow.extend({ approval: z.boolean() }), result.rows);
  const todays = await campaignTodays(
    pool,
    rows.map((r) => r.campaign_id),
    opts.now,
  );
  const fallbackToday = new Date(opts.now ?? Date.now()).toISOString().slice(0, 10);
  const approvalsWaiting = rows.filter((r) => r.approval && r.closed_on === null).length;
  const kept = q.approvals ? rows.filter((r) => r.approval && r.closed_on === null) : rows;
  const items = kept.map((p): ProcedureDueItem => {
    const deadlines = deadlinesOf(p, cal, todays.get(p.campaign_id) ?? fallbackToday);
    const timeLimit = deadlines.find((x) => x.key === 'time_limit')!;
    return {
      procedureId: p.procedure_id,
      caseId: p.case_id,
      caseNo: p.case_no,
      intermediary: intermediaryOf(p),
      campaignId: p.campaign_id,
      cityCode: p.city_code,
      level: p.level,
      step: p.step,
      stepLabel: PROCEDURE_STEP_LABELS[p.step],
      awaiting: awaitedActions(p, deadlines),
      next: p.closed_on ? null : nextDeadline(deadlines),
      timeLimitOn: p.time_limit_on,
      overdue: timeLimit.running && timeLimit.passed,
      effectiveOn: p.effective_on,
      ministry:
        p.ministry_document_id === null
          ? null
          : { revoked: p.ministry_revoked, answeredOn: p.ministry_answered_on, ministryDocumentNumber: p.ministry_document_number },
      closedOn: p.closed_on,
    };
  });
  // Nearest running deadline first; closed ones (no deadline) last, newest closing first.
  items.sort(
    (a, b) =>
      (a.next?.dueOn ?? '9999').localeCompare(b.next?.dueOn ?? '9999') ||
      (b.closedOn ?? '').localeCompare(a.closedOn ?? '') ||
      (a.caseNo ?? a.intermediary?.name ?? '').localeCompare(b.caseNo ?? b.intermediary?.name ?? '') ||
      a.level.localeCompare(b.level),
  );
  const start = (q.page - 1) * q.pageSize;
  return { items: items.slice(start, start + q.pageSize), total: items.length, page: q.page, pageSize: q.pageSize, approvalsWaiting };
}
