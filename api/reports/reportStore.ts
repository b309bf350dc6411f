/**
 * Reports (issue 5 renders them into table `report`, migration 007): the API lists them and serves
 * their files. A file that shows full ID numbers (the detail sheet of a summary table) goes to
 * officers and coordinators only; the others get its masked variant.
 */
import type { Pool } from 'pg';

export interface ReportSummary {
  reportId: string;
  campaignId: string;
  cityCode: string | null;
  kind: string;
  phase: string;
  version: number;
  format: string;
  fileName: string;
  createdAt: string;
  asOfDate: string;
  masked: boolean;
  hasIdNumbers: boolean;
  byteSize: number;
  figures: unknown;
}

export interface ReportFile {
  summary: ReportSummary;
  contentType: string;
  body: Buffer;
}

export interface ReportStore {
  list(filter: { campaignId?: string; cityCode?: string; withIdNumbers: boolean }): Promise<ReportSummary[]>;
  /** Undefined when there is no such report. */
  open(reportId: string): Promise<ReportFile | undefined>;
}

const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const COLUMNS = `report_id, campaign_id, city_code, kind, phase, version, format, file_name, created_at,
  to_char(as_of_date, 'YYYY-MM-DD') AS as_of_date, masked, has_id_numbers, byte_size, figures`;

function summary(r: Record<string, unknown>): ReportSummary {
  return {
    reportId: String(r.report_id), campaignId: String(r.campaign_id), cityCode: (r.city_code as string | null) ?? null, kind: String(r.kind),
    phase: String(r.phase), version: Number(r.version), format: String(r.format), fileName: String(r.file_name),
    createdAt: (r.created_at as Date).toISOString(), asOfDate: String(r.as_of_date), masked: r.masked === true,
    hasIdNumbers: r.has_id_numbers === true, byteSize: Number(r.byte_size), figures: r.figures,
  };
}

export function createReportStore(pool: Pool): ReportStore {
  return {
    async list(f) {
      const { rows } = await pool.query(
        `SELECT ${COLUMNS} FROM report
         WHERE ($1::text IS NULL OR campaign_id = $1) AND ($2::text IS NULL OR city_code = $2 OR city_code IS NULL)
           AND ($3 OR NOT has_id_numbers)
         ORDER BY campaign_id, city_code NULLS FIRST, kind, version DESC, masked LIMIT 1000`,
        [f.campaignId ?? null, f.cityCode ?? null, f.withIdNumbers],
      );
      return rows.map(summary);
    },
    async open(reportId) {
      if (!/^\d{1,18}$/.test(reportId)) return undefined;
      const { rows } = await pool.query(`SELECT ${COLUMNS}, content FROM report WHERE report_id = $1`, [reportId]);
      const r = rows[0] as Record<string, unknown> | undefined;
      if (!r) return undefined;
      const s = summary(r);
      return { summary: s, contentType: CONTENT_TYPES[s.format] ?? 'application/octet-stream', body: r.content as Buffer };
    },
  };
}
