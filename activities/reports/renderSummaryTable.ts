/**
 * Renders a summary table (汇总表) from the read model: one snapshot, the detail rows streamed on
 * one connection while reportFigures counts the same relation on a second one (the per-city
 * sheet), then a check that every city printed exactly as many rows as its figures count.
 */
import { cityName } from '../../domain/cities';
import { campaignDate, type CampaignInfo } from './campaignInfo';
import { inReportSnapshot } from './cursorRows';
import { streamDetailRows } from './detailRows';
import { reportFigures, type ReportFigures } from './reportFigures';
import { REPORT_KINDS } from './reportKinds';
import { PHASE_LABELS, submitterOf, type SummaryHeading } from './summaryLayout';
import { writeSummaryTable, type CitySummary, type SummaryOutput } from './writeSummaryTable';
import { DEPARTMENT_LABELS } from '../../domain/department';
import { signoffLines } from './signoffLines';

export type SummaryTableKind = keyof typeof PHASE_LABELS;

export interface RenderSummaryInput {
  campaign: CampaignInfo;
  kind: SummaryTableKind;
  /** Required for a city's table; absent for the province's. */
  cityCode?: string;
  /** The instant the table stands for (ISO). */
  at: string;
  /** The full file, and optionally its masked copy, written in one pass. */
  outputs: SummaryOutput[];
}

export interface RenderedSummary {
  figures: ReportFigures;
  heading: SummaryHeading;
  detailRows: number;
}

export async function renderSummaryTable(pool: import('pg').Pool, input: RenderSummaryInput): Promise<RenderedSummary> {
  const info = REPORT_KINDS[input.kind];
  const province = info.scope === 'province';
  const cities = province ? input.campaign.cities : [input.cityCode!];
  const heading: SummaryHeading = {
    submitter: submitterOf(province ? null : cityName(input.cityCode!)),
    phaseLabel: PHASE_LABELS[input.kind],
    date: campaignDate(input.campaign, input.at),
    createdAt: input.at,
    signoffs: await signoffLines(pool, input.campaign, input.kind, cities, province),
    // The province's table goes to both ministries: one copy with both addressees (docs/reports.md).
    ...(province ? { addressees: `${DEPARTMENT_LABELS.housing.ministry}、${DEPARTMENT_LABELS.hr.ministry}` } : {}),
  };
  return inReportSnapshot(pool, async (snapshot) => {
    const figuresP = snapshot
      .side()
      .then((side) => reportFigures(side, { campaignId: input.campaign.id, cityCode: province ? undefined : input.cityCode, phase: info.phase, at: input.at }));
    const summaryP: Promise<CitySummary> = figuresP.then((f) => ({ cities: f.cities, totals: f.totals }));
    // Awaited below; until then a failure must not surface as an unhandled rejection.
    summaryP.catch(() => undefined);
    const printed = new Map<string, number>();
    const { detailRows } = await writeSummaryTable(input.outputs, {
      heading,
      summary: summaryP,
      withIntermediaries: info.rowSet === 'investigation',
      rows: streamDetailRows(snapshot.main, {
        campaignId: input.campaign.id,
        cityCodes: cities,
        rowSet: info.rowSet,
        withCity: province,
        onCityDone: (city, n) => printed.set(city, n),
      }),
    });
    const figures = await figuresP;
    for (const c of figures.cities) {
      if (printed.get(c.cityCode) !== c.rows) {
        throw new Error(`summary table of ${c.cityCode}: ${printed.get(c.cityCode)} rows printed, the figures count ${c.rows}`);
      }
    }
    return { figures, heading, detailRows };
  });
}
