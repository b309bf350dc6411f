/**
 * The snapshot of a launch's batches. Idempotent: a retried attempt whose first one committed finds
 * the snapshot of the same label and exactly the same batches and returns it.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { SnapshotRefusedError } from '../../dataImport/errors';
import { createSnapshot } from '../../dataImport/snapshot';

export interface SnapshotImportsInput {
  label: string;
  batchIds: number[];
}

export async function snapshotImports(pool: Pool, input: SnapshotImportsInput): Promise<{ snapshotId: number }> {
  const ids = [...new Set(input.batchIds)].sort((a, b) => a - b);
  const { rows } = await pool.query<{ id: string }>(
    `SELECT s.id FROM data_snapshot s
     WHERE s.label = $1
       AND (SELECT array_agg(batch_id ORDER BY batch_id) FROM data_snapshot_batch WHERE snapshot_id = s.id) = $2::bigint[]
     ORDER BY s.id LIMIT 1`,
    [input.label, ids],
  );
  if (rows[0]) return { snapshotId: Number(rows[0].id) };
  try {
    return { snapshotId: await createSnapshot(pool, input.label, ids) };
  } catch (err) {
    if (err instanceof SnapshotRefusedError) throw ApplicationFailure.nonRetryable(err.message, err.name);
    throw err;
  }
}
