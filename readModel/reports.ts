/**
 * The report table (migration 007) as it is read: the listing, one report's metadata, one stored
 * file. The worker's produceReport writes the rows (activities/reports/reportStore.ts) and reads
 * them back through toReportMeta, so both sides agree on one row schema.
 */
import type { ClientBase, Pool } from 'pg';
import { z } from 'zod';
import { CampaignId, CityCode } from '../domain/campaignConfig';
import { CONTENT_TYPES, ReportKind, ReportPhase } from '../domain/reportKind';
import { DateText, Instant, TimestampColumn } from './sqlTypes';

const ReportFormat = z.enum(['xlsx', 'docx']);
/** The media types a report file is served as. */
export const REPORT_CONTENT_TYPES: readonly string[] = Object.values(CONTENT_TYPES);

export const ReportMeta = z.object({
  reportId: z.string(),
  campaignId: z.string(),
  cityCode: z.string().nullable().describe("null: the province's report"),
  kind: ReportKind,
  phase: ReportPhase,
  version: z.number().int(),
  format: ReportFormat,
  contentType: z.string(),
  fileName: z.string().describe('Chinese, e.g. 长春市-排查汇总表-v2.xlsx; a masked copy ends -脱敏'),
  createdAt: Instant,
  createdBy: z.string(),
  asOfDate: DateText.describe("the campaign calendar's date the figures stand for"),
  checksum: z.string().describe('sha256 of the content, hex'),
  byteSize: z.number().int(),
  masked: z.boolean().describe('a copy with ID numbers masked (220102********1234)'),
  maskedFrom: z.string().nullable().describe('the full report a masked copy copies'),
  hasIdNumbers: z.boolean().describe("whether the file shows full ID numbers (only a summary table's full copy does)"),
});
export type ReportMeta = z.infer<typeof ReportMeta>;

export interface StoredReport {
  meta: ReportMeta;
  content: Buffer;
}

export const REPORT_META_COLUMNS = `report_id::text, campaign_id, city_code::text, kind, phase, version, format, file_name, created_at, created_by,
  to_char(as_of_date, 'YYYY-MM-DD') AS as_of_date, checksum, byte_size, masked, masked_from::text, has_id_numbers`;

const MetaRow = z.object({
  report_id: z.string(),
  campaign_id: z.string(),
  city_code: z.string().nullable(),
  kind: ReportKind,
  phase: ReportPhase,
  version: z.number().int(),
  format: ReportFormat,
  file_name: z.string(),
  created_at: TimestampColumn,
  created_by: z.string(),
  as_of_date: z.string(),
  checksum: z.string(),
  byte_size: z.number().int(),
  masked: z.boolean(),
  masked_from: z.string().nullable(),
  has_id_numbers: z.boolean(),
});

/** A row selected with REPORT_META_COLUMNS as the report's metadata. */
export function toReportMeta(row: unknown): ReportMeta {
  const r = MetaRow.parse(row);
  return {
    reportId: r.report_id,
    campaignId: r.campaign_id,
    cityCode: r.city_code,
    kind: r.kind,
    phase: r.phase,
    version: r.version,
    format: r.format,
    contentType: CONTENT_TYPES[r.format],
    fileName: r.file_name,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    asOfDate: r.as_of_date,
    checksum: r.checksum,
    byteSize: r.byte_size,
    masked: r.masked,
    maskedFrom: r.masked_from,
    hasIdNumbers: r.has_id_numbers,
  };
}

export const ListReportsFilter = z.object({
  campaignId: CampaignId.optional(),
  /** One city's reports; with `withProvince`, the province's reports too. */
  cityCode: CityCode.optional(),
  withProvince: z.boolean().default(true),
  kind: ReportKind.optional(),
  /** Masked copies are listed only when asked for (the full report is the listing's unit). */
  includeMasked: z.boolean().default(false),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type ListReportsFilter = z.input<typeof ListReportsFilter>;

/** Newest first: by campaign, then scope, kind and version. */
export async function listReports(pool: Pool | ClientBase, raw: ListReportsFilter = {}): Promise<ReportMeta[]> {
  const f = ListReportsFilter.parse(raw);
  const { rows } = await pool.query(
    `SELECT ${REPORT_META_COLUMNS} FROM report
     WHERE ($1::text IS NULL OR campaign_id = $1)
       AND ($2::text IS NULL OR city_code = $2::bpchar OR ($3 AND city_code IS NULL))
       AND ($4::text IS NULL OR kind = $4)
       AND ($5 OR NOT masked)
     ORDER BY created_at DESC, report_id DESC LIMIT $6`,
    [f.campaignId ?? null, f.cityCode ?? null, f.withProvince, f.kind ?? null, f.includeMasked, f.limit],
  );
  return rows.map(toReportMeta);
}

/** The metadata of one report, without its content; undefined when there is none. */
export async function reportMeta(db: Pool | ClientBase, reportId: string): Promise<ReportMeta | undefined> {
  if (!/^\d{1,18}$/.test(reportId)) return undefined;
  const { rows } = await db.query(`SELECT ${REPORT_META_COLUMNS} FROM report WHERE report_id = $1`, [reportId]);
  return rows[0] ? toReportMeta(rows[0]) : undefined;
}

/**
 * One stored file, exactly as produced. It may show full ID numbers: the API serves it only to
 * roles allowed to see them, and calls reportForRole otherwise.
 */
export async function readReport(pool: Pool | ClientBase, reportId: string): Promise<StoredReport | undefined> {
  if (!/^\d{1,18}$/.test(reportId)) return undefined;
  const { rows } = await pool.query(`SELECT ${REPORT_META_COLUMNS}, content FROM report WHERE report_id = $1`, [reportId]);
  return rows[0] ? { meta: toReportMeta(rows[0]), content: z.instanceof(Buffer).parse(rows[0].content) } : undefined;
}

export async function findReport(
  db: Pool | ClientBase,
  by: { requestId: string } | { campaignId: string; cityCode: string | null; kind: ReportKind; version: number; masked: boolean },
): Promise<ReportMeta | undefined> {
  const { rows } =
    'requestId' in by
      ? await db.query(`SELECT ${REPORT_META_COLUMNS} FROM report WHERE request_id = $1`, [by.requestId])
      : await db.query(
          `SELECT ${REPORT_META_COLUMNS} FROM report WHERE campaign_id = $1 AND coalesce(city_code, '') = coalesce($2::bpchar, '')
         AND kind = $3 AND version = $4 AND masked = $5`,
          [by.campaignId, by.cityCode, by.kind, by.version, by.masked],
        );
  return rows[0] ? toReportMeta(rows[0]) : undefined;
}
