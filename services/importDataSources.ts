/** A launch's data: the files and provider URLs of its configuration imported into one snapshot. */
import type { Pool } from 'pg';
import { importFromProvider } from '../dataImport/httpProvider';
import { importFile } from '../dataImport/importFile';
import { createSnapshot } from '../dataImport/snapshot';
import type { CampaignConfig, SourceName } from '../domain/campaignConfig';

export interface ImportSummary {
  snapshotId: number;
  batches: { source: SourceName; origin: string; batchId: number; accepted: number; rejected: number; warned: number }[];
}

/** Imports every configured file and provider, then snapshots the batches. Unusable input throws. */
export async function importDataSources(
  pool: Pool,
  config: Pick<CampaignConfig, 'id' | 'dataSources'>,
  importedBy: string,
  log: (line: string) => void = () => undefined,
): Promise<ImportSummary> {
  const { files, providers } = config.dataSources;
  const batches: ImportSummary['batches'] = [];
  for (const [source, paths] of Object.entries(files) as [SourceName, string[]][]) {
    for (const filePath of paths) {
      const r = await importFile(pool, { source, filePath, importedBy });
      batches.push({ source, origin: r.fileName, batchId: r.batchId, accepted: r.rowsAccepted, rejected: r.rowsRejected, warned: r.rowsWarned });
      log(`imported ${source} from ${r.fileName}: ${r.rowsAccepted} rows, ${r.rowsRejected} rejected, ${r.rowsWarned} warnings`);
    }
  }
  for (const [source, baseUrl] of Object.entries(providers) as [SourceName, string][]) {
    const r = await importFromProvider(pool, { source, baseUrl, importedBy, resumeKey: `campaign/${config.id}/${source}` });
    batches.push({ source, origin: r.fileName, batchId: r.batchId, accepted: r.rowsAccepted, rejected: r.rowsRejected, warned: r.rowsWarned });
    log(`imported ${source} from ${r.fileName}: ${r.rowsAccepted} rows, ${r.rowsRejected} rejected`);
  }
  const snapshotId = await createSnapshot(pool, `campaign ${config.id}`, batches.map((b) => b.batchId));
  return { snapshotId, batches };
}
