/**
 * Campaigns as the API shows them: the list, and one campaign's state with each city's progress and
 * the deadlines. A city's figures are the reports' (readModel/cityFigures.ts), counted the same way.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignCalendar } from '../domain/calendar';
import { CityCounts, countCities, sumCounts } from './cityFigures';
import { BigintColumn, DateText, Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';

const CampaignPhase = z.enum(['launched', 'selfCheck', 'investigation', 'provincialVerification', 'completed']);
const CampaignStatus = z.enum(['running', 'completed', 'failed', 'cancelled']);

const CampaignRow = z.object({
  id: z.string(),
  name: z.string(),
  phase: CampaignPhase,
  status: CampaignStatus,
  launched_at: TimestampColumn,
  launched_by: z.string(),
  snapshot_id: BigintColumn.nullable(),
  calendar: CampaignCalendar,
  cities: z.array(z.string()),
});
type CampaignRow = z.infer<typeof CampaignRow>;

export const CampaignSummary = z.object({
  id: z.string(),
  name: z.string(),
  phase: CampaignPhase,
  status: CampaignStatus,
  launchedAt: Instant,
  calendar: CampaignCalendar,
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

const CityProgress = z.object({
  cityCode: z.string(),
  phase: z.string(),
  status: z.enum(['active', 'completed']),
  personsScreened: z.number().int().nullable().describe('null until the city has been screened'),
  personsFlagged: z.number().int().nullable(),
  casesOpened: z.number().int().describe('the cases of the city (figures.cases)'),
  casesClosed: z.number().int().describe('cases with a verification decision (figures.verified)'),
  casesCarriedOver: z.number().int().describe('figures.carriedOver'),
  figures: CityCounts.describe(
    "the city's figures as the investigation 汇总表 and the 工作报告 count them (cumulative: every case, then the self-check subjects without a case)",
  ),
  updatedAt: Instant,
});
type CityProgress = z.infer<typeof CityProgress>;

const CampaignDeadline = z.object({
  key: z.string(),
  phase: z.string(),
  cityCode: z.string().nullable().describe("null: the province's deadline"),
  dueDate: DateText,
  dueAt: Instant,
  extendedFrom: DateText.nullable(),
  extensionReason: z.string().nullable(),
  metAt: Instant.nullable(),
});
type CampaignDeadline = z.infer<typeof CampaignDeadline>;

export const CampaignState = CampaignSummary.extend({
  launchedBy: z.string(),
  snapshotId: z.number().int().nullable(),
  cities: z.array(z.string()),
  cityProgress: z.array(CityProgress),
  totals: CityCounts.describe("the listed cities' figures added up (the 合计 line)"),
  deadlines: z.array(CampaignDeadline),
});
export type CampaignState = z.infer<typeof CampaignState>;

const CityProgressRow = z.object({
  city_code: z.string(),
  phase: z.string(),
  status: z.enum(['active', 'completed']),
  persons_screened: z.number().int().nullable(),
  persons_flagged: z.number().int().nullable(),
  updated_at: TimestampColumn,
});

const DeadlineRow = z.object({
  deadline_key: z.string(),
  phase: z.string(),
  city_code: z.string().nullable(),
  due_date: z.string(),
  due_at: TimestampColumn,
  extended_from: z.string().nullable(),
  extension_reason: z.string().nullable(),
  met_at: TimestampColumn.nullable(),
});

/** Newest first; with a city, only the campaigns that include it. */
export async function listCampaigns(pool: Pool, cityCode: string | null): Promise<CampaignSummary[]> {
  const { rows } = await pool.query(
    `SELECT id, name, phase, status, launched_at, launched_by, snapshot_id, calendar, config->'cities' AS cities FROM campaign
     WHERE $1::text IS NULL OR config->'cities' ? $1 ORDER BY launched_at DESC`,
    [cityCode],
  );
  return parseRows(CampaignRow, rows).map((r) => ({
    id: r.id,
    name: r.name,
    phase: r.phase,
    status: r.status,
    launchedAt: instant(r.launched_at),
    calendar: r.calendar,
  }));
}

export async function findCampaign(pool: Pool, campaignId: string): Promise<CampaignRow | undefined> {
  const { rows } = await pool.query(
    `SELECT id, name, phase, status, launched_at, launched_by, snapshot_id, calendar, config->'cities' AS cities FROM campaign WHERE id = $1`,
    [campaignId],
  );
  return rows[0] ? CampaignRow.parse(rows[0]) : undefined;
}

/** The campaign's state; with a city, that city's progress and deadlines (and the province's) only. */
export async function campaignState(pool: Pool, c: CampaignRow, cityCode: string | null): Promise<CampaignState> {
  const [cities, deadlines] = await Promise.all([
    pool.query(
      `SELECT city_code, phase, status, persons_screened, persons_flagged, updated_at
       FROM city_progress WHERE campaign_id = $1 AND ($2::text IS NULL OR city_code = $2) ORDER BY city_code`,
      [c.id, cityCode],
    ),
    pool.query(
      `SELECT deadline_key, phase, city_code, to_char(due_date, 'YYYY-MM-DD') AS due_date, due_at, to_char(extended_from, 'YYYY-MM-DD') AS extended_from,
              extension_reason, met_at
       FROM deadline WHERE campaign_id = $1 AND ($2::text IS NULL OR city_code IS NULL OR city_code = $2) ORDER BY due_at, deadline_key`,
      [c.id, cityCode],
    ),
  ]);
  const progress = parseRows(CityProgressRow, cities.rows);
  const counts = await countCities(
    pool,
    c.id,
    progress.map((r) => r.city_code),
    'investigation',
  );
  return {
    id: c.id,
    name: c.name,
    phase: c.phase,
    status: c.status,
    launchedAt: instant(c.launched_at),
    launchedBy: c.launched_by,
    snapshotId: c.snapshot_id,
    calendar: c.calendar,
    cities: c.cities,
    cityProgress: progress.map((r) => {
      const figures = counts.get(r.city_code)!;
      return {
        cityCode: r.city_code,
        phase: r.phase,
        status: r.status,
        personsScreened: r.persons_screened,
        personsFlagged: r.persons_flagged,
        casesOpened: figures.cases,
        casesClosed: figures.verified,
        casesCarriedOver: figures.carriedOver,
        figures,
        updatedAt: instant(r.updated_at),
      };
    }),
    totals: sumCounts([...counts.values()]),
    deadlines: parseRows(DeadlineRow, deadlines.rows).map((r) => ({
      key: r.deadline_key,
      phase: r.phase,
      cityCode: r.city_code,
      dueDate: r.due_date,
      dueAt: instant(r.due_at),
      extendedFrom: r.extended_from,
      extensionReason: r.extension_reason,
      metAt: instantOrNull(r.met_at),
    })),
  };
}
