/**
 * Reports as the API serves them, from the read model (readModel/reports.ts): the list shows each
 * report once (its full version); a download gives readers who may not see every row's personal
 * data the masked copy produced beside it, never the full file.
 */
import type { Pool } from 'pg';
import { MaskedCopyMissingError, reportForRole } from '../../readModel/reportForRole';
import type { ReportKind } from '../../domain/reportKind';
import { listReports, type ReportMeta, type StoredReport } from '../../readModel/reports';
import { Problem } from '../http/problem';

export interface ReportStore {
  list(filter: { campaignId?: string; cityCode?: string; kind?: ReportKind }): Promise<ReportMeta[]>;
  /** Undefined when there is no such report; `fullFileFor` decides, from its metadata, between the file and its masked copy. */
  open(reportId: string, opts: { fullFileFor: (meta: ReportMeta) => boolean }): Promise<StoredReport | undefined>;
}

export function createReportStore(pool: Pool): ReportStore {
  return {
    list: (f) => listReports(pool, { campaignId: f.campaignId, cityCode: f.cityCode, kind: f.kind, withProvince: true, limit: 1000 }),
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
