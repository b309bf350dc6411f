/**
 * The file a role may see. Roles allowed full ID numbers get the report as produced; the others
 * get its masked copy (220102********1234), which produceReport wrote from the same rows in the
 * same pass, so the two never differ in anything but the masking. Which roles see full numbers is
 * the API's decision: it passes maskIds.
 */
import type { ClientBase, Pool } from 'pg';
import { findReport, readReport, reportMeta, type StoredReport } from './reports';

export class MaskedCopyMissingError extends Error {}

/** Undefined when there is no such report. */
export async function reportForRole(pool: Pool | ClientBase, reportId: string, opts: { maskIds: boolean }): Promise<StoredReport | undefined> {
  const meta = await reportMeta(pool, reportId);
  if (!meta) return undefined;
  if (!opts.maskIds || !meta.hasIdNumbers) return readReport(pool, reportId);
  const masked = await findReport(pool, { campaignId: meta.campaignId, cityCode: meta.cityCode, kind: meta.kind, version: meta.version, masked: true });
  // Never fall back to the full file: a missing copy is an error, not a reason to show the numbers.
  if (!masked) throw new MaskedCopyMissingError(`report ${reportId} has no masked copy`);
  return readReport(pool, masked.reportId);
}
