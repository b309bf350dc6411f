/** A snapshot names the set of completed batches one screening reads. */
import type { Pool } from 'pg';
import { inTransaction } from '../platform/transactions';
import { SnapshotRefusedError } from './errors';

export async function createSnapshot(pool: Pool, label: string, batchIds: number[]): Promise<number> {
  const ids = [...new Set(batchIds)];
  if (ids.length === 0) throw new SnapshotRefusedError('a snapshot needs at least one batch');
  return inTransaction(pool, async (client) => {
    // Lock the batches so none changes status between the check and the insert.
    const { rows } = await client.query<{ id: string; status: string }>('SELECT id, status FROM import_batch WHERE id = ANY($1::bigint[]) FOR SHARE', [ids]);
    const found = new Map(rows.map((r) => [Number(r.id), r.status]));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw new SnapshotRefusedError(`unknown import batch ${unknown.join(', ')}`);
    const unfinished = ids.filter((id) => found.get(id) !== 'completed');
    if (unfinished.length > 0) throw new SnapshotRefusedError(`import batch ${unfinished.join(', ')} is not completed`);
    const snap = await client.query<{ id: string }>('INSERT INTO data_snapshot (label) VALUES ($1) RETURNING id', [label]);
    const snapshotId = Number(snap.rows[0].id);
    await client.query('INSERT INTO data_snapshot_batch (snapshot_id, batch_id) SELECT $1, unnest($2::bigint[])', [snapshotId, ids]);
    return snapshotId;
  });
}
