/** The import's visible end when its activity gave up: status failed, the reason, no uploaded bytes left. */
import type { Pool } from 'pg';
import { failImport } from '../../dataImport/importRecords';

export interface MarkImportFailedInput {
  importId: string;
  /** Chinese, naming the file and column; never a cell's content. */
  reason: string;
}

export async function markImportFailed(pool: Pool, input: MarkImportFailedInput): Promise<void> {
  await failImport(pool, input.importId, input.reason);
}
