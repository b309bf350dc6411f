/**
 * The report table's writes (migration 007): what produceReport stores, version numbering and its
 * lock. The reads (listing, metadata, files) are the read model's: readModel/reports.ts.
 */
import type { ClientBase } from 'pg';
import { REPORT_META_COLUMNS, toReportMeta, type ReportMeta } from '../../readModel/reports';
import type { ReportKind, ReportPhase } from '../../domain/reportKind';

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
  const { rows } = await client.query(
    `INSERT INTO report (campaign_id, city_code, kind, phase, version, format, file_name, created_at, created_by, request_id, as_of_date,
                         checksum, byte_size, content, masked, has_id_numbers, masked_from, figures, layout)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     RETURNING ${REPORT_META_COLUMNS}`,
    [
      r.campaignId,
      r.cityCode,
      r.kind,
      r.phase,
      r.version,
      r.format,
      r.fileName,
      r.createdAt,
      r.createdBy,
      r.requestId,
      r.asOfDate,
      r.checksum,
      r.content.length,
      r.content,
      r.masked,
      r.hasIdNumbers,
      r.maskedFrom,
      JSON.stringify(r.figures),
      JSON.stringify(r.layout),
    ],
  );
  return toReportMeta(rows[0]);
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
