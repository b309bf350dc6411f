/** The lifecycle of an import_batch row: running → completed | failed. */
import type { Pool, PoolClient } from 'pg';
import type { AnySource, SourceName } from '../domain/sources';
import { inTransaction } from '../platform/transactions';
import { dedupeBatch } from './dedupe';
import type { TextEncoding } from './textEncoding';

export interface BatchStats {
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
}

export interface FinishedBatch extends BatchStats {
  rowsWarned: number;
  rowsDuplicate: number;
}

/** How a file was read: its format and, for CSV, the detected text encoding (null for XLSX). */
export interface FileRead {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
}

/** Committed on its own, so a running import is visible (and a failed one stays on record). */
export async function createBatch(
  pool: Pool,
  b: { source: SourceName; origin: 'file' | 'http'; fileName: string; importedBy: string; importId?: string; read?: FileRead },
): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO import_batch (source, origin, file_name, checksum, imported_by, import_id, file_format, encoding)
     VALUES ($1, $2, $3, '', $4, $5, $6, $7) RETURNING id`,
    [b.source, b.origin, b.fileName, b.importedBy, b.importId ?? null, b.read?.format ?? null, b.read?.encoding ?? null],
  );
  return Number(rows[0].id);
}

/**
 * Inside the caller's transaction: drops repeated rows, counts warnings, marks
 * the batch completed. Committing that transaction publishes rows and status together.
 */
export async function finishBatch(
  client: PoolClient,
  b: { batchId: number; source: AnySource; file: string; checksum: string; stats: BatchStats },
): Promise<FinishedBatch> {
  const rowsDuplicate = await dedupeBatch(client, b.source, b.batchId, b.file);
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT line FROM import_issue WHERE batch_id = $1 GROUP BY line
       HAVING bool_or(severity = 'warning') AND NOT bool_or(severity = 'rejected')) w`,
    [b.batchId],
  );
  const done: FinishedBatch = {
    rowsTotal: b.stats.rowsTotal,
    rowsAccepted: b.stats.rowsAccepted - rowsDuplicate,
    rowsRejected: b.stats.rowsRejected,
    rowsWarned: rows[0].n,
    rowsDuplicate,
  };
  await client.query(
    `UPDATE import_batch SET status = 'completed', finished_at = now(), checksum = $2,
       rows_total = $3, rows_accepted = $4, rows_rejected = $5, rows_warned = $6
     WHERE id = $1`,
    [b.batchId, b.checksum, done.rowsTotal, done.rowsAccepted, done.rowsRejected, done.rowsWarned],
  );
  return done;
}

/**
 * Marks the batch failed and removes anything it stored, in one transaction,
 * so a failed import never leaves rows behind (a retry starts a new batch).
 */
export async function failBatch(pool: Pool, source: AnySource, batchId: number, error: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(`DELETE FROM ${source.table} WHERE batch_id = $1`, [batchId]);
    await client.query('DELETE FROM import_issue WHERE batch_id = $1', [batchId]);
    await client.query(`UPDATE import_batch SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [batchId, error.slice(0, 2000)]);
  });
}

/**
 * An import often fails because PostgreSQL went away, so the server may still be down when we mark the
 * batch failed: keep trying for about half a minute, so the batch does not stay 'running' for good.
 */
export async function failBatchPersistently(pool: Pool, source: AnySource, batchId: number, error: string, attempts = 6): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await failBatch(pool, source, batchId, error);
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}
