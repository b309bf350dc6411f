/**
 * A procedure's deadlines as officials count them (issue 19): each with its date, whether it has
 * passed, and the working days left (行政处罚法 art. 85: the law's days are working days; the
 * calendar is chinese-days with the province's overrides, readModel/workingCalendar.ts), counted
 * from the campaign's today (its clock: a demo's compressed days too). The detail and the list of
 * steps due both use these, so a deadline reads the same on every page.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignCalendar } from '../domain/calendar';
import { calendarDateAt, CampaignClock } from '../domain/campaignClock';
import { redressPeriodEnd, type ProcedureAction } from '../domain/penaltyProcedure';
import { CalendarYearUnknownError, workingDaysBetween, type WorkingCalendar } from '../domain/workingDays';
import { DateText } from './sqlTypes';

export const DeadlineKey = z.enum(['statement', 'hearing_request', 'hearing', 'time_limit', 'redress']);
export type DeadlineKey = z.infer<typeof DeadlineKey>;

export const DEADLINE_LABELS: Record<DeadlineKey, string> = {
  statement: '陈述申辩期限',
  hearing_request: '听证申请期限',
  hearing: '听证日期',
  time_limit: '办案期限（行政处罚法第六十条）',
  redress: '复议诉讼期限届满',
};

export const ProcedureDeadline = z.object({
  key: DeadlineKey,
  label: z.string(),
  dueOn: DateText,
  /** The deadline still governs the procedure (a statement window after a waiver, say, no longer does). */
  running: z.boolean(),
  passed: z.boolean().describe('dueOn is before the campaign’s today'),
  /** Working days after today up to and including dueOn (negative: working days since it passed); null when the calendar does not know the year. */
  workingDaysLeft: z.number().int().nullable(),
  calendarDaysLeft: z.number().int(),
});
export type ProcedureDeadline = z.infer<typeof ProcedureDeadline>;

/** The columns of penalty_procedure the deadlines come from. */
export interface DeadlineColumns {
  step: string;
  closed_on: string | null;
  statement_deadline: string | null;
  hearing_request_deadline: string | null;
  hearing_requested_on: string | null;
  rights_waived_on: string | null;
  hearing_date: string | null;
  hearing_held_on: string | null;
  time_limit_on: string;
  decision_served_on: string | null;
  redress_filed_on: string | null;
}

/** The deadline an awaited action is due by, when it has one. */
export const DUE_OF_ACTION: Partial<Record<ProcedureAction, DeadlineKey>> = {
  await_statement: 'statement',
  record_hearing: 'hearing',
  await_redress: 'redress',
};

const dayMs = 86_400_000;
const calendarDaysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

function workingDaysLeft(cal: WorkingCalendar, today: string, dueOn: string): number | null {
  try {
    return dueOn >= today ? workingDaysBetween(cal, today, dueOn) : -workingDaysBetween(cal, dueOn, today);
  } catch (err) {
    if (err instanceof CalendarYearUnknownError) return null;
    throw err;
  }
}

function deadline(cal: WorkingCalendar, today: string, key: DeadlineKey, dueOn: string, running: boolean): ProcedureDeadline {
  return {
    key,
    label: DEADLINE_LABELS[key],
    dueOn,
    running,
    passed: dueOn < today,
    workingDaysLeft: workingDaysLeft(cal, today, dueOn),
    calendarDaysLeft: calendarDaysBetween(today, dueOn),
  };
}

/** Every deadline the procedure has had so far, in date order; the time limit always. */
export function deadlinesOf(p: DeadlineColumns, cal: WorkingCalendar, today: string): ProcedureDeadline[] {
  const open = p.closed_on === null;
  const out: ProcedureDeadline[] = [];
  const inStatement = open && p.step === 'statement' && p.rights_waived_on === null;
  if (p.statement_deadline) out.push(deadline(cal, today, 'statement', p.statement_deadline, inStatement));
  if (p.hearing_request_deadline) out.push(deadline(cal, today, 'hearing_request', p.hearing_request_deadline, inStatement && p.hearing_requested_on === null));
  if (p.hearing_date) out.push(deadline(cal, today, 'hearing', p.hearing_date, open && p.hearing_held_on === null));
  // art. 60 governs until the decision is made (served); an extension moved time_limit_on already.
  out.push(deadline(cal, today, 'time_limit', p.time_limit_on, open && p.decision_served_on === null && p.step !== 'redress'));
  if (p.decision_served_on) out.push(deadline(cal, today, 'redress', redressPeriodEnd(p.decision_served_on), open && p.redress_filed_on === null));
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** The nearest deadline still running (what a list of steps due sorts by). */
export function nextDeadline(deadlines: readonly ProcedureDeadline[]): ProcedureDeadline | null {
  return deadlines.find((d) => d.running) ?? null;
}

const CampaignClockRow = z.object({ id: z.string(), clock: CampaignClock.nullable(), calendar: CampaignCalendar });

/** Each campaign's today (Asia/Shanghai, on its clock). */
export async function campaignTodays(pool: Pool, campaignIds: readonly string[], now = Date.now()): Promise<Map<string, string>> {
  if (campaignIds.length === 0) return new Map();
  const { rows } = await pool.query(`SELECT id, config->'clock' AS clock, calendar FROM campaign WHERE id = ANY($1::text[])`, [[...new Set(campaignIds)]]);
  return new Map(
    rows.map((raw) => {
      const r = CampaignClockRow.parse(raw);
      return [r.id, calendarDateAt({ clock: r.clock ?? { kind: 'calendar' }, calendar: r.calendar }, now)];
    }),
  );
}
