/**
 * Reports as the API serves them, over the report store of issue 5 (activities/reports): the list
 * shows each report once (its full version); a download gives roles that may not see full ID
 * numbers the masked copy produced beside it, never the full file.
 */
import type { Pool } from 'pg';
import { MaskedCopyMissingError, reportForRole } from '../../activities/reports/reportForRole';
import { listReports, type ReportMeta } from '../../activities/reports/reportStore';
import { Problem } from '../http/problem';

export type ReportSummary = Omit<ReportMeta, 'checksum'> & { checksum?: string };

export interface ReportFile {
  meta: ReportMeta;
  content: Buffer;
}

export interface ReportStore {
  list(filter: { campaignId?: string; cityCode?: string }): Promise<ReportSummary[]>;
  /** Undefined when there is no such report. */
  open(reportId: string, opts: { maskIds: boolean }): Promise<ReportFile | undefined>;
}

export function createReportStore(pool: Pool): ReportStore {
  return {
    list: (f) => listReports(pool, { campaignId: f.campaignId, cityCode: f.cityCode, withProvince: true, limit: 1000 }),
    async open(reportId, opts) {
      try {
        return await reportForRole(pool, reportId, opts);
      } catch (err) {
        if (err instanceof MaskedCopyMissingError) throw new Problem('conflict', 'this report has no masked copy yet: ask a coordinator to produce it again');
        throw err;
      }
    },
  };
}
