/**
 * Late cities (逾期市（州）): each city report deadline (self-check summary, investigation report)
 * that passed unmet, how many calendar days late it is on the campaign's clock, the state of the
 * city's report and its overdue cases. Days count on the campaign's calendar: a deadline of
 * 2024-10-31 is 1 day late on 2024-11-01 (whatever the hour), and not late on 2024-10-31 itself; a
 * compressed clock's days count as its calendar days. A report submitted late meets its deadline,
 * so the city is no longer listed for it (the submission is marked late).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignCalendar, calendarDaysBetween } from '../domain/calendar';
import { calendarDateAt, CampaignClock } from '../domain/campaignClock';
import { cityName } from '../domain/cities';
import { CityDeadlinePhase } from '../domain/deadlinePhase';
import { SubmissionKind } from '../domain/submissionKind';
import { DateText, Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

const ClockRow = z.object({ clock: CampaignClock.nullable(), calendar: CampaignCalendar });
const SubmissionStatus = z
  .enum(['signing', 'submitted', 'approved', 'returned'])
  .describe("'signing': 住建 submitted, 人社's signature awaited (the deadline is not met yet)");
const DeadlineRow = z.object({
  deadline_key: z.string(),
  phase: CityDeadlinePhase,
  city_code: z.string(),
  due_date: z.string(),
  due_at: TimestampColumn,
  extended_from: z.string().nullable(),
});
const SubmissionRow = z.object({ city_code: z.string(), kind: SubmissionKind, version: z.number().int(), status: SubmissionStatus, late: z.boolean() });
const OverdueRow = z.object({ city_code: z.string(), n: z.number().int() });

const SUBMISSION_OF: Record<CityDeadlinePhase, SubmissionKind> = { selfCheck: 'self_check', investigation: 'investigation' };

export const LateCity = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  phase: CityDeadlinePhase,
  deadlineKey: z.string(),
  dueDate: DateText.describe('the last day of the deadline (after any extension)'),
  dueAt: Instant.describe('when it passed: 00:00 +08:00 the day after dueDate, on the campaign clock'),
  extendedFrom: DateText.nullable(),
  daysLate: z.number().int().min(1).describe("calendar days from dueDate to the campaign's today: 1 on the day after the deadline"),
  submission: z
    .object({ kind: SubmissionKind, version: z.number().int(), status: SubmissionStatus, late: z.boolean() })
    .nullable()
    .describe("the latest version of the phase's report, null when none was submitted"),
  casesOverdue: z.number().int().describe("the city's open cases past their time limit"),
});
export type LateCity = z.infer<typeof LateCity>;

export const LateCities = z.object({
  campaignId: z.string(),
  asOfDate: DateText.describe("the campaign's today (Asia/Shanghai, on its clock) the days are counted to"),
  asOf: Instant,
  items: z.array(LateCity).describe('most days late first; empty when no city is late'),
});
export type LateCities = z.infer<typeof LateCities>;

/** Undefined when there is no such campaign; `cityCode` restricts the answer to one city (an officer's own). */
export async function lateCities(pool: Pool, campaignId: string, opts: { cityCode: string | null; now?: number }): Promise<LateCities | undefined> {
  const c = await pool.query(`SELECT config->'clock' AS clock, calendar FROM campaign WHERE id = $1`, [campaignId]);
  if (!c.rows[0]) return undefined;
  const { clock, calendar } = ClockRow.parse(c.rows[0]);
  const now = opts.now ?? Date.now();
  const today = calendarDateAt({ clock: clock ?? { kind: 'calendar' }, calendar }, now);
  const params = [campaignId, opts.cityCode];
  const [deadlines, submissions, overdue] = await Promise.all([
    pool.query(
      `SELECT deadline_key, phase, city_code::text, to_char(due_date, 'YYYY-MM-DD') AS due_date, due_at, to_char(extended_from, 'YYYY-MM-DD') AS extended_from
         FROM deadline
        WHERE campaign_id = $1 AND city_code IS NOT NULL AND met_at IS NULL AND ($2::text IS NULL OR city_code = $2)`,
      params,
    ),
    pool.query(
      `SELECT DISTINCT ON (city_code, kind) city_code::text, kind, version, status, late FROM submission
        WHERE campaign_id = $1 AND ($2::text IS NULL OR city_code = $2) ORDER BY city_code, kind, version DESC`,
      params,
    ),
    pool.query(
      `SELECT city_code::text, count(*)::int AS n FROM case_file
        WHERE campaign_id = $1 AND ($2::text IS NULL OR city_code = $2) AND status = 'open' AND due_at < $3 GROUP BY city_code`,
      [...params, new Date(now)],
    ),
  ]);
  const latest = parseRows(SubmissionRow, submissions.rows);
  const overdueBy = new Map(parseRows(OverdueRow, overdue.rows).map((r) => [r.city_code, r.n]));
  const items = parseRows(DeadlineRow, deadlines.rows)
    .filter((d) => d.due_date < today)
    .map((d): LateCity => {
      const sub = latest.find((s) => s.city_code === d.city_code && s.kind === SUBMISSION_OF[d.phase]);
      return {
        cityCode: d.city_code,
        cityName: cityName(d.city_code),
        phase: d.phase,
        deadlineKey: d.deadline_key,
        dueDate: d.due_date,
        dueAt: instant(d.due_at),
        extendedFrom: d.extended_from,
        daysLate: calendarDaysBetween(d.due_date, today),
        submission: sub ? { kind: sub.kind, version: sub.version, status: sub.status, late: sub.late } : null,
        casesOverdue: overdueBy.get(d.city_code) ?? 0,
      };
    })
    .sort((a, b) => b.daysLate - a.daysLate || a.cityCode.localeCompare(b.cityCode) || a.phase.localeCompare(b.phase));
  return { campaignId, asOfDate: today, asOf: new Date(now).toISOString(), items };
}
