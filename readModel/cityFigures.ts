/**
 * Each city's figures, counted ONE way for every reader: the summary tables, the work reports and
 * the progress notice (activities/reports/reportFigures.ts) and the console (GET /campaigns/{id},
 * GET …/cities/{code}) all call countCities. The per-row counts are aggregates of the detail
 * relation the summary table lists (detailRelation.ts); the penalty columns count the penalties of
 * those cases by kind; the screened and flagged persons are the city's screening (city_progress).
 * A case transferred to another city is counted there, not here (countedCaseSql).
 */
import type { ClientBase, Pool } from 'pg';
import { z } from 'zod';
import { PenaltyKind } from '../domain/penalties';
import { SUMMARY_FIELDS, type SummaryCounts } from '../domain/summaryFigures';
import { countedCaseSql, detailCountsSql, type RowSet } from './detailRelation';
import { countIntermediaries, emptyIntermediaryCounts, IntermediaryCounts } from './intermediaries';

type Db = Pool | ClientBase;

const Count = z.number().int().min(0);
const LevelCounts = z.object({ city: Count, province: Count });

export const PenaltyCounts = z.record(PenaltyKind, LevelCounts).describe('penalties by kind and imposing level (市（州） / 省级)');
export type PenaltyCounts = z.infer<typeof PenaltyCounts>;

const labelled = Object.fromEntries(SUMMARY_FIELDS.map(([key, label]) => [key, Count.describe(label)])) as Record<keyof SummaryCounts, typeof Count>;

/** One city's figures (or a sum of cities'): the summary's columns in print order, then the rest the reports use. */
export const CityCounts = z.object({
  ...labelled,
  rows: Count.describe('rows of the detail sheet: cases plus self-check subjects (persons, and units declaring alone)'),
  cases: Count.describe('案件数'),
  selfCheckRows: Count.describe('self-check subjects without a case'),
  carriedOver: Count.describe('经说明理由结转办理'),
  deregistrationsPending: Count.describe('注销申请尚未办结'),
  fromComplaints: Count.describe('投诉举报线索'),
  inSelfCheck: Count.describe('rows marked 是 in 是否自查自纠期间整改'),
  overriddenByProvince: Count.describe("经省级改变结论: cases whose outcome (and so every figure above) is the province's override"),
  reopened: Count.describe('经省级退回重新办理: cases the city reopened at the province’s return'),
  penaltiesByKind: PenaltyCounts,
  // The intermediaries (中介服务机构, docs/intermediaries.md): the registry, the cases linked, the orders and their results.
  ...IntermediaryCounts.shape,
});
export type CityCounts = z.infer<typeof CityCounts>;

export function emptyPenaltyCounts(): PenaltyCounts {
  return Object.fromEntries(PenaltyKind.options.map((k) => [k, { city: 0, province: 0 }])) as PenaltyCounts;
}

const both = (c: { city: number; province: number }) => c.city + c.province;

/** The summary's three penalty columns, from the counts by kind (every penalty belongs to a listed case). */
function penaltyTotals(p: PenaltyCounts): Pick<SummaryCounts, 'revoked' | 'badConduct' | 'otherPenalties'> {
  const all = PenaltyKind.options.reduce((n, k) => n + both(p[k]), 0);
  const revoked = both(p.REVOKE_REGISTRATION);
  const badConduct = both(p.BAD_CONDUCT_PERSON) + both(p.BAD_CONDUCT_UNIT);
  return { revoked, badConduct, otherPenalties: all - revoked - badConduct };
}

/**
 * The figures of each city in `cities` (every one present, zeros when nothing is counted), over
 * the row set a table lists: 'investigation' is cumulative (every case, then the self-check
 * subjects without a case), 'selfCheck' phase 1's subjects only. One query at a time: `db` may be
 * a single client inside a report's snapshot transaction.
 */
export async function countCities(db: Db, campaignId: string, cities: string[], rowSet: RowSet): Promise<Map<string, CityCounts>> {
  const counts = await db.query<{ city_code: string } & Record<string, number>>(detailCountsSql(rowSet), [campaignId, cities]);
  const progress = await db.query<{ city_code: string; screened: number | null; flagged: number | null }>(
    `SELECT city_code::text, persons_screened AS screened, persons_flagged AS flagged FROM city_progress
     WHERE campaign_id = $1 AND city_code = ANY ($2::bpchar[])`,
    [campaignId, cities],
  );
  // Penalties belong to cases, so only the investigation row set carries them.
  const penalties =
    rowSet === 'investigation'
      ? await db.query<{ city_code: string; kind: PenaltyKind; level: 'city' | 'province'; n: number }>(
          `SELECT c.city_code::text, p.kind, p.level, count(*)::int AS n FROM penalty p JOIN case_file c ON c.case_id = p.case_id
           WHERE c.campaign_id = $1 AND c.city_code = ANY ($2::bpchar[]) AND ${countedCaseSql('c')} GROUP BY 1, 2, 3`,
          [campaignId, cities],
        )
      : { rows: [] };
  // Corrections (issue 19): the figures above already count the corrected outcome; these say how many were corrected.
  const corrections =
    rowSet === 'investigation'
      ? await db.query<{ city_code: string; overridden: number; reopened: number }>(
          `SELECT city_code::text, count(*) FILTER (WHERE overridden)::int AS overridden, count(*) FILTER (WHERE reopenings > 0)::int AS reopened
           FROM case_file c WHERE campaign_id = $1 AND city_code = ANY ($2::bpchar[]) AND (overridden OR reopenings > 0) AND ${countedCaseSql('c')}
           GROUP BY 1`,
          [campaignId, cities],
        )
      : { rows: [] };
  // Intermediaries are investigation work: the self-check row set has none.
  const intermediaries = rowSet === 'investigation' ? await countIntermediaries(db, campaignId, cities) : new Map<string, IntermediaryCounts>();
  const out = new Map<string, CityCounts>();
  for (const code of cities) {
    const c = counts.rows.find((r) => r.city_code === code) ?? {};
    const p = progress.rows.find((r) => r.city_code === code);
    const n = (k: string) => Number((c as Record<string, unknown>)[k] ?? 0);
    const penaltiesByKind = emptyPenaltyCounts();
    for (const r of penalties.rows) if (r.city_code === code) penaltiesByKind[r.kind][r.level] += r.n;
    out.set(code, {
      screened: p?.screened ?? 0,
      flagged: p?.flagged ?? 0,
      verified: n('verified'),
      confirmedHanging: n('confirmed'),
      selfCorrected: n('self_corrected'),
      deregistered: n('deregistered'),
      ...penaltyTotals(penaltiesByKind),
      stillOpen: n('still_open'),
      rows: n('rows'),
      cases: n('cases'),
      selfCheckRows: n('self_check_rows'),
      carriedOver: n('carried_over'),
      deregistrationsPending: n('dereg_pending'),
      fromComplaints: n('from_complaints'),
      inSelfCheck: n('in_self_check'),
      overriddenByProvince: corrections.rows.find((r) => r.city_code === code)?.overridden ?? 0,
      reopened: corrections.rows.find((r) => r.city_code === code)?.reopened ?? 0,
      penaltiesByKind,
      ...(intermediaries.get(code) ?? emptyIntermediaryCounts()),
    });
  }
  return out;
}

/** Cities' figures added up (the province's line). */
export function sumCounts(cities: CityCounts[]): CityCounts {
  const penaltiesByKind = emptyPenaltyCounts();
  for (const c of cities) {
    for (const k of PenaltyKind.options) {
      penaltiesByKind[k].city += c.penaltiesByKind[k].city;
      penaltiesByKind[k].province += c.penaltiesByKind[k].province;
    }
  }
  const keys = Object.keys(CityCounts.shape).filter((k) => k !== 'penaltiesByKind') as Exclude<keyof CityCounts, 'penaltiesByKind'>[];
  const sums = Object.fromEntries(keys.map((k) => [k, cities.reduce((a, c) => a + c[k], 0)])) as Omit<CityCounts, 'penaltiesByKind'>;
  return { ...sums, penaltiesByKind };
}
