/**
 * produceReport: renders one report from the read model and stores it as the next version.
 * Idempotent per (campaign, city, kind, version): with a requestId (a workflow id + step, or the
 * API's Idempotency-Key) or an explicit version, a retry returns the stored report instead of
 * making another; without either, each call is a regeneration on demand and makes a new version.
 * A summary table is stored twice from one pass over its rows: the full file and its masked copy.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { failure } from '../domainFailure';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import { cityName } from '../../domain/cities';
import { inTransaction } from '../../platform/transactions';
import { keepHeartbeating } from '../keepHeartbeating';
import { campaignDate, loadCampaign, type CampaignInfo } from './campaignInfo';
import { inReportSnapshot } from './cursorRows';
import { renderProgressNotice } from './progressNoticeDocx';
import { reportFigures } from './reportFigures';
import { ReportKind } from '../../domain/reportKind';
import { PROVINCE_NAME, REPORT_KINDS, reportFileName } from './reportKinds';
import { findReport, type ReportMeta } from '../../readModel/reports';
import { insertReport, nextVersion, reportVersionLock } from './reportStore';
import { renderSummaryTable, type SummaryTableKind } from './renderSummaryTable';
import { renderWorkReport } from './workReportDocx';
import { signoffLines } from './signoffLines';

export const ProduceReportInput = z
  .object({
    campaignId: CampaignId,
    cityCode: CityCode.optional(),
    kind: ReportKind,
    requestedBy: z.string().trim().min(1).max(100),
    /** Idempotency key: a second call with it returns the report the first made. */
    requestId: z.string().trim().min(1).max(200).optional(),
    /** Make exactly this version (returned as stored when it exists). */
    version: z.number().int().min(1).optional(),
    /** The instant the report stands for (workflow time); default now. */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((i, ctx) => {
    const scope = REPORT_KINDS[i.kind].scope;
    if (scope === 'city' && !i.cityCode) ctx.addIssue({ code: 'custom', path: ['cityCode'], message: `${i.kind} is a city's report: cityCode is required` });
    if (scope === 'province' && i.cityCode) ctx.addIssue({ code: 'custom', path: ['cityCode'], message: `${i.kind} is the province's report: no cityCode` });
  });
export type ProduceReportInput = z.input<typeof ProduceReportInput>;

export interface ProduceReportResult {
  report: ReportMeta;
  /** The masked copy of a summary table (null for the .docx reports, which show no ID numbers). */
  maskedReportId: string | null;
  /** False when an earlier call had made it (a retry). */
  created: boolean;
}

interface Rendered {
  content: Buffer;
  checksum: string;
  masked: boolean;
  hasIdNumbers: boolean;
}

interface Rendering {
  files: Rendered[];
  asOfDate: string;
  figures: unknown;
  layout: unknown;
}

/** Collects a stream into memory, hashing as it goes (a 100,000-row table is about 12 MB). */
function collector() {
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      hash.update(chunk);
      cb();
    },
  });
  return {
    out,
    done: (masked: boolean, hasIdNumbers: boolean): Rendered => ({ content: Buffer.concat(chunks), checksum: hash.digest('hex'), masked, hasIdNumbers }),
  };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function render(pool: Pool, campaign: CampaignInfo, kind: ReportKind, cityCode: string | undefined, at: string): Promise<Rendering> {
  const info = REPORT_KINDS[kind];
  if (info.format === 'xlsx') {
    const full = collector();
    const masked = collector();
    const r = await renderSummaryTable(pool, {
      campaign,
      kind: kind as SummaryTableKind,
      cityCode,
      at,
      outputs: [
        { out: full.out, maskIds: false },
        { out: masked.out, maskIds: true },
      ],
    });
    return { files: [full.done(false, true), masked.done(true, false)], asOfDate: r.heading.date, figures: r.figures, layout: r.heading };
  }
  return inReportSnapshot(pool, async ({ main }) => {
    const figures = (phase: 'selfCheck' | 'progressNotice' | 'investigation' | 'provincialVerification') =>
      reportFigures(main, { campaignId: campaign.id, cityCode, phase, at });
    let content: Buffer;
    let stored: unknown;
    if (kind === 'progress_notice') {
      const f = await figures('progressNotice');
      const notice = (
        await main.query<{ content: { title?: string; cities?: { cityCode: string; lagging: boolean; lagReasons: string[] }[] } }>(
          'SELECT content FROM progress_notice WHERE campaign_id = $1',
          [campaign.id],
        )
      ).rows[0]?.content;
      const lagging = notice?.cities ? new Map(notice.cities.filter((c) => c.lagging).map((c) => [c.cityCode, c.lagReasons])) : undefined;
      content = await renderProgressNotice({ figures: f, lagging, title: notice?.title });
      stored = { notice: f, lagging: lagging ? Object.fromEntries(lagging) : null };
    } else {
      const investigation = await figures(info.phase);
      const selfCheck = await figures('selfCheck');
      const signoffs = await signoffLines(main, campaign, kind, cityCode ? [cityCode] : campaign.cities, !cityCode);
      content = await renderWorkReport({ cityName: cityCode ? cityName(cityCode) : undefined, investigation, selfCheck, signoffs });
      stored = { investigation, selfCheck, signoffs };
    }
    return {
      files: [{ content, checksum: sha256(content), masked: false, hasIdNumbers: false }],
      asOfDate: campaignDate(campaign, at),
      figures: stored,
      layout: {},
    };
  });
}

export async function produceReport(pool: Pool, raw: ProduceReportInput): Promise<ProduceReportResult> {
  const input = ProduceReportInput.parse(raw);
  const city = input.cityCode ?? null;
  const existing = input.requestId
    ? await findReport(pool, { requestId: input.requestId })
    : input.version
      ? await findReport(pool, { campaignId: input.campaignId, cityCode: city, kind: input.kind, version: input.version, masked: false })
      : undefined;
  if (existing) return { report: existing, maskedReportId: await maskedIdOf(pool, existing), created: false };

  const campaign = await loadCampaign(pool, input.campaignId);
  if (city && !campaign.cities.includes(city)) {
    throw failure('CityNotInCampaign', `city ${city} is not in campaign ${campaign.id}`);
  }
  const at = input.at ?? new Date().toISOString();
  const rendering: Rendering = await keepHeartbeating(() => render(pool, campaign, input.kind, input.cityCode, at));

  return inTransaction(pool, async (client) => {
    await reportVersionLock(client, campaign.id, city, input.kind);
    // A concurrent call with the same key (or version) may have stored while we rendered.
    const taken = input.requestId
      ? await findReport(client, { requestId: input.requestId })
      : input.version
        ? await findReport(client, { campaignId: campaign.id, cityCode: city, kind: input.kind, version: input.version, masked: false })
        : undefined;
    if (taken) return { report: taken, maskedReportId: await maskedIdOf(pool, taken), created: false };
    const version = input.version ?? (await nextVersion(client, campaign.id, city, input.kind));
    const place = city ? cityName(city) : PROVINCE_NAME;
    let full: ReportMeta | undefined;
    let maskedId: string | null = null;
    for (const f of rendering.files) {
      const meta = await insertReport(client, {
        campaignId: campaign.id,
        cityCode: city,
        kind: input.kind,
        phase: REPORT_KINDS[input.kind].phase,
        version,
        format: REPORT_KINDS[input.kind].format,
        fileName: reportFileName(input.kind, place, version, f.masked),
        createdAt: at,
        createdBy: input.requestedBy,
        requestId: f.masked ? null : (input.requestId ?? null),
        asOfDate: rendering.asOfDate,
        checksum: f.checksum,
        content: f.content,
        masked: f.masked,
        hasIdNumbers: f.hasIdNumbers,
        maskedFrom: f.masked ? full!.reportId : null,
        figures: rendering.figures,
        layout: rendering.layout,
      });
      if (f.masked) maskedId = meta.reportId;
      else full = meta;
    }
    return { report: full!, maskedReportId: maskedId, created: true };
  });
}

async function maskedIdOf(pool: Pool, full: ReportMeta): Promise<string | null> {
  if (!full.hasIdNumbers) return null;
  const m = await findReport(pool, { campaignId: full.campaignId, cityCode: full.cityCode, kind: full.kind, version: full.version, masked: true });
  return m?.reportId ?? null;
}
