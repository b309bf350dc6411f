/**
 * reportFigures: every number a report prints, per city and in total. The per-row counts are
 * aggregates of the detail relation the summary table lists (detailSql), so the per-city sheet,
 * the work reports and the notice always agree with the rows. Read in one snapshot when given a
 * client inside a REPEATABLE READ transaction (produceReport does).
 */
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import { cityName } from '../../domain/cities';
import { PenaltyKind } from '../../domain/penalties';
import { campaignDate, loadCampaign, type Db } from './campaignInfo';
import { detailCountsSql } from './detailSql';
import { deadlineStatuses, onsiteUnits, openItems, type DeadlineStatus, type OnsiteUnit, type OpenItem } from './figureExtras';
import { ReportPhase } from '../../domain/reportKind';
import type { RowSet } from './reportKinds';

export const ReportFiguresInput = z.object({
  campaignId: CampaignId,
  cityCode: CityCode.optional(),
  phase: ReportPhase,
  /** The instant the figures stand for (lateness is judged at it); default now. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type ReportFiguresInput = z.input<typeof ReportFiguresInput>;

/** The per-city summary's columns, in print order: the .xlsx sheet and the .docx tables use these. */
export const SUMMARY_FIELDS = [
  ['screened', '比对人数'],
  ['flagged', '信息不一致人数'],
  ['verified', '已核查'],
  ['confirmedHanging', '确认挂证'],
  ['selfCorrected', '自查自纠整改'],
  ['deregistered', '注销注册'],
  ['revoked', '撤销注册'],
  ['badConduct', '不良行为记录'],
  ['otherPenalties', '其他处理'],
  ['stillOpen', '尚未办结'],
] as const;
export type SummaryKey = (typeof SUMMARY_FIELDS)[number][0];
export type SummaryCounts = Record<SummaryKey, number>;

export type PenaltyCounts = Record<PenaltyKind, { city: number; province: number }>;

export interface CityFigures extends SummaryCounts {
  cityCode: string;
  cityName: string;
  /** Rows of the detail sheet: cases plus self-check subjects (persons, and units declaring alone). */
  rows: number;
  cases: number;
  selfCheckRows: number;
  carriedOver: number;
  deregistrationsPending: number;
  fromComplaints: number;
  /** Rows marked 是 in 是否自查自纠期间整改. */
  inSelfCheck: number;
  penaltiesByKind: PenaltyCounts;
  lateness: { selfCheck: DeadlineStatus; investigation: DeadlineStatus };
  onsiteUnits: OnsiteUnit[];
  openItems: OpenItem[];
}

export interface ReportFigures {
  campaignId: string;
  campaignName: string;
  phase: ReportPhase;
  rowSet: RowSet;
  at: string;
  /** The campaign calendar's date at `at`. */
  asOfDate: string;
  cities: CityFigures[];
  totals: SummaryCounts &
    Pick<CityFigures, 'rows' | 'cases' | 'selfCheckRows' | 'carriedOver' | 'deregistrationsPending' | 'fromComplaints' | 'inSelfCheck' | 'penaltiesByKind'> & {
      onsiteUnits: number;
    };
  province: DeadlineStatus;
}

const rowSetOf = (phase: ReportPhase): RowSet => (phase === 'selfCheck' || phase === 'progressNotice' ? 'selfCheck' : 'investigation');

const both = (c: { city: number; province: number }) => c.city + c.province;

/** The summary's three penalty columns, from the counts by kind (every penalty belongs to a listed case). */
function penaltyTotals(p: PenaltyCounts): Pick<SummaryCounts, 'revoked' | 'badConduct' | 'otherPenalties'> {
  const all = PenaltyKind.options.reduce((n, k) => n + both(p[k]), 0);
  const revoked = both(p.REVOKE_REGISTRATION);
  const badConduct = both(p.BAD_CONDUCT_PERSON) + both(p.BAD_CONDUCT_UNIT);
  return { revoked, badConduct, otherPenalties: all - revoked - badConduct };
}

export function emptyPenaltyCounts(): PenaltyCounts {
  return Object.fromEntries(PenaltyKind.options.map((k) => [k, { city: 0, province: 0 }])) as PenaltyCounts;
}

export async function reportFigures(db: Db, raw: ReportFiguresInput): Promise<ReportFigures> {
  const input = ReportFiguresInput.parse(raw);
  const at = input.at ?? new Date().toISOString();
  const campaign = await loadCampaign(db, input.campaignId);
  const cities = input.cityCode ? [input.cityCode] : campaign.cities;
  const rowSet = rowSetOf(input.phase);

  // One query at a time: `db` may be a single client inside the report's snapshot transaction.
  const counts = await db.query(detailCountsSql(rowSet), [input.campaignId, cities]);
  const progress = await db.query<{ city_code: string; screened: number | null; flagged: number | null }>(
    `SELECT city_code::text, persons_screened AS screened, persons_flagged AS flagged FROM city_progress
     WHERE campaign_id = $1 AND city_code = ANY ($2::bpchar[])`,
    [input.campaignId, cities],
  );
  // Penalties belong to cases, so only the investigation row set carries them.
  const penalties =
    rowSet === 'investigation'
      ? await db.query<{ city_code: string; kind: PenaltyKind; level: 'city' | 'province'; n: number }>(
          `SELECT c.city_code::text, p.kind, p.level, count(*)::int AS n FROM penalty p JOIN case_file c ON c.case_id = p.case_id
         WHERE c.campaign_id = $1 AND c.city_code = ANY ($2::bpchar[]) GROUP BY 1, 2, 3`,
          [input.campaignId, cities],
        )
      : { rows: [] };
  const deadlines = await deadlineStatuses(db, campaign, cities, at);
  const units = await onsiteUnits(db, input.campaignId, cities);
  const byCity =
    <T extends { city_code: string }>(rows: T[]) =>
    (code: string) =>
      rows.filter((r) => r.city_code === code);
  const countsOf = byCity(counts.rows as ({ city_code: string } & Record<string, number>)[]);
  const progressOf = byCity(progress.rows);
  const penaltiesOf = byCity(penalties.rows);

  const cityFigures: CityFigures[] = [];
  for (const code of cities) {
    const c = countsOf(code)[0] ?? {};
    const p = progressOf(code)[0];
    const n = (k: string) => Number(c[k] ?? 0);
    const penaltiesByKind = emptyPenaltyCounts();
    for (const r of penaltiesOf(code)) penaltiesByKind[r.kind][r.level] += r.n;
    const figures: Omit<CityFigures, 'openItems'> = {
      cityCode: code,
      cityName: cityName(code),
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
      penaltiesByKind,
      lateness: { selfCheck: deadlines.city(code, 'selfCheck'), investigation: deadlines.city(code, 'investigation') },
      onsiteUnits: units.filter((u) => u.cityCode === code),
    };
    cityFigures.push({ ...figures, openItems: await openItems(db, input.campaignId, figures, rowSet) });
  }
  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    phase: input.phase,
    rowSet,
    at,
    asOfDate: campaignDate(campaign, at),
    cities: cityFigures,
    totals: sumFigures(cityFigures),
    province: deadlines.province,
  };
}

function sumFigures(cities: CityFigures[]): ReportFigures['totals'] {
  const sum = (k: keyof CityFigures) => cities.reduce((a, c) => a + (c[k] as number), 0);
  const penaltiesByKind = emptyPenaltyCounts();
  for (const c of cities) {
    for (const k of PenaltyKind.options) {
      penaltiesByKind[k].city += c.penaltiesByKind[k].city;
      penaltiesByKind[k].province += c.penaltiesByKind[k].province;
    }
  }
  const counts = Object.fromEntries(SUMMARY_FIELDS.map(([k]) => [k, sum(k)])) as SummaryCounts;
  return {
    ...counts,
    rows: sum('rows'),
    cases: sum('cases'),
    selfCheckRows: sum('selfCheckRows'),
    carriedOver: sum('carriedOver'),
    deregistrationsPending: sum('deregistrationsPending'),
    fromComplaints: sum('fromComplaints'),
    inSelfCheck: sum('inSelfCheck'),
    penaltiesByKind,
    onsiteUnits: cities.reduce((a, c) => a + c.onsiteUnits.length, 0),
  };
}
