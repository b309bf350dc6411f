import type { Pool } from 'pg';
import type { AppConfig } from '../../platform/config';
import { importDataFile, type ImportDataFileInput } from './importDataFile';
import { importProviderData, type ImportProviderDataInput } from './importProviderData';
import { markImportFailed, type MarkImportFailedInput } from './markImportFailed';
import { snapshotImports, type SnapshotImportsInput } from './snapshotImports';

/** Data-import activities bound to the pool (registered by activities/index.ts). */
export function createDataImportActivities(deps: { pool: Pool; config: Pick<AppConfig, 'GZ_PROVIDER_HOSTS'> }) {
  const { pool } = deps;
  return {
    importDataFile: (i: ImportDataFileInput) => importDataFile(pool, i),
    importProviderData: (i: ImportProviderDataInput) => importProviderData(pool, i, deps.config.GZ_PROVIDER_HOSTS ?? []),
    markImportFailed: (i: MarkImportFailedInput) => markImportFailed(pool, i),
    snapshotImports: (i: SnapshotImportsInput) => snapshotImports(pool, i),
  };
}
