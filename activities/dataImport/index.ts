import type { Pool } from 'pg';
import { importDataFile, type ImportDataFileInput } from './importDataFile';
import { importProviderData, type ImportProviderDataInput } from './importProviderData';
import { markImportFailed, type MarkImportFailedInput } from './markImportFailed';
import { snapshotImports, type SnapshotImportsInput } from './snapshotImports';

/** Data-import activities bound to the pool (registered by activities/index.ts). */
export function createDataImportActivities(deps: { pool: Pool }) {
  const { pool } = deps;
  return {
    importDataFile: (i: ImportDataFileInput) => importDataFile(pool, i),
    importProviderData: (i: ImportProviderDataInput) => importProviderData(pool, i),
    markImportFailed: (i: MarkImportFailedInput) => markImportFailed(pool, i),
    snapshotImports: (i: SnapshotImportsInput) => snapshotImports(pool, i),
  };
}
