/**
 * The report table (migration 007): every produced file with its metadata. Reads for the API
 * (listReports, readReport) and the writes produceReport makes.
 */
import type { ClientBase, Pool } from 'pg';
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import { ReportKind, type ReportPhase } from '../../domain/reportKind';
import { CONTENT_TYPES } from './reportKinds';

export interface ReportMeta {
  reportId: string;
  campaignId: string;
  /** null: the province's report. */
  cityCode: string | null;
  kind: ReportKind;
  phase: ReportPhase;
  version: number;
  format: 'xlsx' | 'docx';
  contentType: string;
  /** Chinese, e.g. 长春市-排查汇总表-v2.xlsx; a masked copy ends -脱敏. */
  fileName: string;
  createdAt: string;
  createdBy: string;
  /** The campaign calendar's date the figures stand for. */
  asOfDate: string;
  /** sha256 of the content, hex. */
  checksum: string;
  byteSize: number;
  /** A copy with ID numbers masked (220102********1234), and the full report it copies. */
  masked: boolean;
  maskedFrom: string | null;
  /** Whether the file shows full ID numbers (only a summary table's full copy does). */
  hasIdNumbers: boolean;
}

export interface StoredReport {
  meta: ReportMeta;
  content: Buffer;
}

const META_COLUMNS = `report_id::text, campaign_id, city_code::text, kind, phase, version, format, file_name, created_at, created_by,
  to_char(as_of_date, 'YYYY-MM-DD') AS as_of_date, checksum, byte_size, masked, masked_from::text, has_id_numbers`;

interface MetaRow {
  report_id: string; campaign_id: string; city_code: string | null; kind: ReportKind; phase: ReportPhase; version: number;
  format: 'xlsx' | 'docx'; file_name: string; created_at: Date; created_by: string; as_of_date: string; checksum: string;
  byte_size: number; masked: boolean; masked_from: string | null; has_id_numbers: boolean;
}

function toMeta(r: MetaRow): ReportMeta {
  return {
    reportId: r.report_id, campaignId: r.campaign_id, cityCode: r.city_code, kind: r.kind, phase: r.phase, version: r.version,
    format: r.format, contentType: CONTENT_TYPES[r.format], fileName: r.file_name, createdAt: r.created_at.toISOString(),
    createdBy: r.created_by, asOfDate: r.as_of_date, checksum: r.checksum, byteSize: r.byte_size, masked: r.masked,
    maskedFrom: r.masked_from, hasIdNumbers: r.has_id_numbers,
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
  const { rows } = await pool.query<MetaRow>(
    `SELECT ${META_COLUMNS} FROM report
     WHERE ($1::text IS NULL OR campaign_id = $1)
       AND ($2::text IS NULL OR city_code = $2::bpchar OR ($3 AND city_code IS NULL))
       AND ($4::text IS NULL OR kind = $4)
       AND ($5 OR NOT masked)
     ORDER BY created_at DESC, report_id DESC LIMIT $6`,
    [f.campaignId ?? null, f.cityCode ?? null, f.withProvince, f.kind ?? null, f.includeMasked, f.limit],
  );
  return rows.map(toMeta);
}

/** The metadata of one report, without its content; undefined when there is none. */
export async function reportMeta(db: Pool | ClientBase, reportId: string): Promise<ReportMeta | undefined> {
  if (!/^\d{1,18}$/.test(reportId)) return undefined;
  const { rows } = await db.query<MetaRow>(`SELECT ${META_COLUMNS} FROM report WHERE report_id = $1`, [reportId]);
  return rows[0] ? toMeta(rows[0]) : undefined;
}

/**
 * One stored file, exactly as produced. It may show full ID numbers: the API serves it only to
 * roles allowed to see them, and calls reportForRole otherwise.
 */
export async function readReport(pool: Pool | ClientBase, reportId: string): Promise<StoredReport | undefined> {
  if (!/^\d{1,18}$/.test(reportId)) return undefined;
  const { rows } = await pool.query<MetaRow & { content: Buffer }>(`SELECT ${META_COLUMNS}, content FROM report WHERE report_id = $1`, [reportId]);
  return rows[0] ? { meta: toMeta(rows[0]), content: rows[0].content } : undefined;
}

export async function findReport(
  db: Pool | ClientBase,
  by: { requestId: string } | { campaignId: string; cityCode: string | null; kind: ReportKind; version: number; masked: boolean },
): Promise<ReportMeta | undefined> {
  const { rows } = 'requestId' in by
    ? await db.query<MetaRow>(`SELECT ${META_COLUMNS} FROM report WHERE request_id = $1`, [by.requestId])
    : await db.query<MetaRow>(
      `SELECT ${META_COLUMNS} FROM report WHERE campaign_id = $1 AND coalesce(city_code, '') = coalesce($2::bpchar, '')
         AND kind = $3 AND version = $4 AND masked = $5`,
      [by.campaignId, by.cityCode, by.kind, by.version, by.masked],
    );
  return rows[0] ? toMeta(rows[0]) : undefined;
}

export interface NewReport {
  campaignId: string;
  cityCode: string | null;
  kind: ReportKind;
  phase: ReportPhase;
  version: number;
  format: 'xlsx' | 'docx';
  fileName: string;
  createdAt: string;
  createdBy: string;
  requestId: string | null;
  asOfDate: string;
  checksum: string;
  content: Buffer;
  masked: boolean;
  hasIdNumbers: boolean;
  maskedFrom: string | null;
  figures: unknown;
  layout: unknown;
}

export async function insertReport(client: ClientBase, r: NewReport): Promise<ReportMeta> {
  const { rows } = await client.query<MetaRow>(
    `INSERT INTO report (campaign_id, city_code, kind, phase, version, format, file_name, created_at, created_by, request_id, as_of_date,
                         checksum, byte_size, content, masked, has_id_numbers, masked_from, figures, layout)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     RETURNING ${META_COLUMNS}`,
    [r.campaignId, r.cityCode, r.kind, r.phase, r.version, r.format, r.fileName, r.createdAt, r.createdBy, r.requestId, r.asOfDate,
      r.checksum, r.content.length, r.content, r.masked, r.hasIdNumbers, r.maskedFrom, JSON.stringify(r.figures), JSON.stringify(r.layout)],
  );
  return toMeta(rows[0]);
}

/** The next version of (campaign, city or province, kind); call under reportVersionLock. */
export async function nextVersion(client: ClientBase, campaignId: string, cityCode: string | null, kind: ReportKind): Promise<number> {
  const { rows } = await client.query<{ v: number }>(
    `SELECT coalesce(max(version), 0) + 1 AS v FROM report
     WHERE campaign_id = $1 AND coalesce(city_code, '') = coalesce($2::bpchar, '') AND kind = $3`,
    [campaignId, cityCode, kind],
  );
  return rows[0].v;
}

/** Serialises version numbering of one (campaign, city or province, kind) (transaction-scoped). */
export async function reportVersionLock(client: ClientBase, campaignId: string, cityCode: string | null, kind: ReportKind): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('report_version:' || $1 || ':' || $2 || ':' || $3))`, [campaignId, cityCode ?? 'province', kind]);
}
