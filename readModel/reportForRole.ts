/**
 * The file a reader may see. A reader allowed every row's personal data gets the report as
 * produced; any other reader gets its masked copy (ID numbers 220102********1234, names 张*), which
 * produceReport wrote from the same rows in the same pass, so the two never differ in anything but
 * the masking. Who may see which report in full is the API's decision (reportRoutes): it passes
 * `fullFileFor`, asked with the report's metadata before any content is read.
 */
import type { ClientBase, Pool } from 'pg';
import { findReport, readReport, reportMeta, type ReportMeta, type StoredReport } from './reports';

export class MaskedCopyMissingError extends Error {}

/** Undefined when there is no such report. `fullFileFor` may throw to refuse the report altogether. */
export async function reportForRole(
  pool: Pool | ClientBase,
  reportId: string,
  opts: { fullFileFor: (meta: ReportMeta) => boolean },
): Promise<StoredReport | undefined> {
  const meta = await reportMeta(pool, reportId);
  if (!meta) return undefined;
  // Asked for every report, so that a refusal (another city's report) holds for files without ID numbers too.
  const full = opts.fullFileFor(meta);
  if (full || !meta.hasIdNumbers) return readReport(pool, reportId);
  const masked = await findReport(pool, { campaignId: meta.campaignId, cityCode: meta.cityCode, kind: meta.kind, version: meta.version, masked: true });
  // Never fall back to the full file: a missing copy is an error, not a reason to show the numbers.
  if (!masked) throw new MaskedCopyMissingError(`report ${reportId} has no masked copy`);
  return readReport(pool, masked.reportId);
}
