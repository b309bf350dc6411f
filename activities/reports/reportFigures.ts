/**
 * reportFigures: every number a report prints, per city and in total. The counts are the read
 * model's (readModel/cityFigures.ts: aggregates of the detail relation the summary table lists),
 * the same the console shows, so the per-city sheet, the work reports, the notice and the console
 * always agree with the rows. Read in one snapshot when given a client inside a REPEATABLE READ
 * transaction (produceReport does).
 */
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import { cityName } from '../../domain/cities';
import { countCities, sumCounts, type CityCounts } from '../../readModel/cityFigures';
import { campaignDate, loadCampaign, type Db } from './campaignInfo';
import {
  deadlineStatuses,
  onsiteUnits,
  openItems,
  supervisionLines,
  type DeadlineStatus,
  type OnsiteUnit,
  type OpenItem,
  type SupervisionLine,
} from './figureExtras';
import { ReportPhase } from '../../domain/reportKind';
import { carriedOverCases, type CarriedOverCase } from './carriedOverCases';
import type { RowSet } from './reportKinds';

export { SUMMARY_FIELDS, type SummaryCounts } from '../../domain/summaryFigures';

export const ReportFiguresInput = z.object({
  campaignId: CampaignId,
  cityCode: CityCode.optional(),
  phase: ReportPhase,
  /** The instant the figures stand for (lateness is judged at it); default now. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type ReportFiguresInput = z.input<typeof ReportFiguresInput>;

export interface CityFigures extends CityCounts {
  cityCode: string;
  cityName: string;
  lateness: { selfCheck: DeadlineStatus; investigation: DeadlineStatus };
  onsiteUnits: OnsiteUnit[];
  /** The city's supervision tasks (现场调研督办) and what they found. */
  supervision: SupervisionLine[];
  /** The open cases carried over (结转办理) with who, when and why. */
  carriedOverCases: CarriedOverCase[];
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
  totals: CityCounts & { onsiteUnits: number };
  province: DeadlineStatus;
}

const rowSetOf = (phase: ReportPhase): RowSet => (phase === 'selfCheck' || phase === 'progressNotice' ? 'selfCheck' : 'investigation');

export async function reportFigures(db: Db, raw: ReportFiguresInput): Promise<ReportFigures> {
  const input = ReportFiguresInput.parse(raw);
  const at = input.at ?? new Date().toISOString();
  const campaign = await loadCampaign(db, input.campaignId);
  const cities = input.cityCode ? [input.cityCode] : campaign.cities;
  const rowSet = rowSetOf(input.phase);

  // One query at a time: `db` may be a single client inside the report's snapshot transaction.
  const counts = await countCities(db, input.campaignId, cities, rowSet);
  const deadlines = await deadlineStatuses(db, campaign, cities, at);
  const units = await onsiteUnits(db, input.campaignId, cities);
  const supervision = await supervisionLines(db, input.campaignId, cities);
  const carried = await carriedOverCases(db, input.campaignId, cities);

  const cityFigures: CityFigures[] = [];
  for (const code of cities) {
    const figures: Omit<CityFigures, 'openItems'> = {
      cityCode: code,
      cityName: cityName(code),
      ...counts.get(code)!,
      lateness: { selfCheck: deadlines.city(code, 'selfCheck'), investigation: deadlines.city(code, 'investigation') },
      onsiteUnits: units.filter((u) => u.cityCode === code),
      supervision: supervision.filter((t) => t.cityCode === code),
      carriedOverCases: carried.filter((c) => c.cityCode === code),
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
    totals: { ...sumCounts(cityFigures), onsiteUnits: cityFigures.reduce((a, c) => a + c.onsiteUnits.length, 0) },
    province: deadlines.province,
  };
}
