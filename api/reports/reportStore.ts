/**
 * The seam for issue 5 (reports): the API lists and downloads rows of a `report` table that the
 * reports work creates. Until that table exists the list is empty and every download is 404.
 * Expected columns: report_id, campaign_id, city_code (NULL = province), kind, title, format,
 * file_path or content (bytea), produced_at. Issue 5 may replace this store wholesale.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Pool } from 'pg';

export interface ReportSummary {
  reportId: string;
  campaignId: string;
  cityCode: string | null;
  kind: string;
  title: string;
  format: string;
  producedAt: string;
}

export interface ReportFile {
  summary: ReportSummary;
  contentType: string;
  fileName: string;
  body: Readable | Buffer;
}

export interface ReportStore {
  list(filter: { campaignId?: string; cityCode?: string }): Promise<ReportSummary[]>;
  /** Undefined when there is no such report. */
  open(reportId: string): Promise<ReportFile | undefined>;
}

const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json',
};

export function createReportStore(pool: Pool): ReportStore {
  const columns = async (): Promise<Set<string>> => {
    const { rows } = await pool.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'report'`,
    );
    return new Set(rows.map((r) => r.column_name));
  };
  const summary = (r: Record<string, unknown>): ReportSummary => ({
    reportId: String(r.report_id),
    campaignId: String(r.campaign_id),
    cityCode: (r.city_code as string | null) ?? null,
    kind: String(r.kind ?? ''),
    title: String(r.title ?? r.kind ?? ''),
    format: String(r.format ?? ''),
    producedAt: r.produced_at instanceof Date ? r.produced_at.toISOString() : String(r.produced_at ?? ''),
  });
  return {
    async list(filter) {
      const cols = await columns();
      if (!cols.has('report_id')) return [];
      const { rows } = await pool.query(
        `SELECT * FROM report WHERE ($1::text IS NULL OR campaign_id = $1) AND ($2::text IS NULL OR city_code = $2 OR city_code IS NULL)
         ORDER BY produced_at DESC LIMIT 500`,
        [filter.campaignId ?? null, filter.cityCode ?? null],
      );
      return rows.map(summary);
    },
    async open(reportId) {
      const cols = await columns();
      if (!cols.has('report_id')) return undefined;
      const { rows } = await pool.query('SELECT * FROM report WHERE report_id::text = $1', [reportId]);
      const r = rows[0] as Record<string, unknown> | undefined;
      if (!r) return undefined;
      const s = summary(r);
      const ext = s.format || 'bin';
      const body = r.content instanceof Buffer ? r.content : typeof r.file_path === 'string' ? createReadStream(r.file_path) : undefined;
      if (!body) return undefined;
      return { summary: s, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream', fileName: `${s.kind || 'report'}-${s.reportId}.${ext}`, body };
    },
  };
}
