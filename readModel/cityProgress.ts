/**
 * One city's progress in a campaign: its deadlines, its submissions, its figures (counted as the
 * reports count them: readModel/cityFigures.ts), its cases by status and how many are overdue.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCounts, countCities } from './cityFigures';
import { DateText, Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';
import { listSubmissions, SubmissionSummary } from './submissions';

const CityDeadline = z.object({
  key: z.string(),
  phase: z.string(),
  dueDate: DateText,
  dueAt: Instant,
  metAt: Instant.nullable(),
});

export const CityState = z.object({
  campaignId: z.string(),
  cityCode: z.string(),
  phase: z.string(),
  status: z.enum(['active', 'completed']),
  personsScreened: z.number().int().nullable(),
  personsFlagged: z.number().int().nullable(),
  deadlines: z.array(CityDeadline),
  submissions: z.array(SubmissionSummary),
  figures: CityCounts.describe(
    "the city's figures as the investigation 汇总表 and the 工作报告 count them (cumulative: every case, then the self-check subjects without a case)",
  ),
  cases: z
    .record(z.string(), z.number().int())
    .describe('case count by workflow status (open, decided, closed, carried_over); the figures a report prints are in `figures`'),
  casesOverdue: z.number().int(),
});
export type CityState = z.infer<typeof CityState>;

const ProgressRow = z.object({
  phase: z.string(),
  status: z.enum(['active', 'completed']),
  persons_screened: z.number().int().nullable(),
  persons_flagged: z.number().int().nullable(),
});
const DeadlineRow = z.object({
  deadline_key: z.string(),
  phase: z.string(),
  due_date: z.string(),
  due_at: TimestampColumn,
  met_at: TimestampColumn.nullable(),
});
const CaseCountRow = z.object({ status: z.string(), n: z.number().int(), overdue: z.number().int() });

/** Undefined when the city is not in the campaign. */
export async function cityState(pool: Pool, campaignId: string, cityCode: string): Promise<CityState | undefined> {
  const p = await pool.query('SELECT phase, status, persons_screened, persons_flagged FROM city_progress WHERE campaign_id = $1 AND city_code = $2', [
    campaignId,
    cityCode,
  ]);
  if (!p.rows[0]) return undefined;
  const progress = ProgressRow.parse(p.rows[0]);
  const [deadlines, submissions, cases, figures] = await Promise.all([
    pool.query(
      `SELECT deadline_key, phase, to_char(due_date, 'YYYY-MM-DD') AS due_date, due_at, met_at FROM deadline
       WHERE campaign_id = $1 AND city_code = $2 ORDER BY due_at`,
      [campaignId, cityCode],
    ),
    listSubmissions(pool, campaignId, cityCode),
    pool.query(
      `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE due_at < now() AND status = 'open')::int AS overdue
       FROM case_file WHERE campaign_id = $1 AND city_code = $2 GROUP BY status`,
      [campaignId, cityCode],
    ),
    countCities(pool, campaignId, [cityCode], 'investigation'),
  ]);
  const counts = parseRows(CaseCountRow, cases.rows);
  return {
    campaignId,
    cityCode,
    phase: progress.phase,
    status: progress.status,
    personsScreened: progress.persons_screened,
    personsFlagged: progress.persons_flagged,
    deadlines: parseRows(DeadlineRow, deadlines.rows).map((d) => ({
      key: d.deadline_key,
      phase: d.phase,
      dueDate: d.due_date,
      dueAt: instant(d.due_at),
      metAt: instantOrNull(d.met_at),
    })),
    submissions: submissions.map((s) => SubmissionSummary.parse(s)),
    figures: figures.get(cityCode)!,
    cases: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    casesOverdue: counts.reduce((n, c) => n + c.overdue, 0),
  };
}
