/**
 * The lifecycle of a data_import row: queued → running → completed | failed. The row is the import's
 * identity across attempts: an attempt that finds it completed returns the stored result, one that
 * finds a batch of an earlier attempt still 'running' (its worker or database connection died, so
 * PostgreSQL rolled its rows back) marks that batch failed before importing again.
 */
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { SourceName } from '../domain/campaignConfig';
import { getSource } from '../domain/sources';
import { inTransaction } from '../platform/transactions';
import { failBatchPersistently } from './batches';
import type { ImportProgress, ImportResult } from './importFile';
import { batchResult } from './providerPulls';

const ImportOrigin = z.enum(['upload', 'file', 'http']);
type ImportOrigin = z.infer<typeof ImportOrigin>;

const ImportStatus = z.enum(['queued', 'running', 'completed', 'failed']);
type ImportStatus = z.infer<typeof ImportStatus>;

interface ImportRequest {
  importId: string;
  source: SourceName;
  origin: ImportOrigin;
  fileName: string;
  requestedBy: string;
}

/** What an import produced: its batch's counts, under the import's id. */
export interface ImportOutcome extends ImportResult {
  importId: string;
}

export const INTERRUPTED_ATTEMPT = '导入中断，本次未保存任何数据，已重新导入 (attempt interrupted; nothing was stored; imported again)';

/** Records the request; a repeated request with the same id changes nothing. */
export async function requestImport(db: Pool | PoolClient, r: ImportRequest): Promise<void> {
  await db.query(
    `INSERT INTO data_import (id, source, origin, file_name, requested_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING`,
    [r.importId, r.source, r.origin, r.fileName.slice(0, 500), r.requestedBy],
  );
}

/**
 * Starts an attempt. Returns the outcome when an earlier attempt already completed the import
 * (its batch committed, but the attempt ended before reporting it), so no file is read twice.
 */
export async function beginAttempt(pool: Pool, importId: string): Promise<ImportOutcome | undefined> {
  const { rows } = await pool.query<{ source: string; status: ImportStatus; batch_id: string | null }>(
    'SELECT source, status, batch_id FROM data_import WHERE id = $1',
    [importId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no data import ${importId}`);
  const completed = await pool.query<{ id: string }>(`SELECT id FROM import_batch WHERE import_id = $1 AND status = 'completed'`, [importId]);
  const batchId = row.batch_id ?? completed.rows[0]?.id;
  if (batchId !== undefined && batchId !== null) {
    const outcome = { importId, ...(await batchResult(pool, Number(batchId))) };
    if (row.status !== 'completed') await completeImport(pool, outcome);
    return outcome;
  }
  const source = getSource(SourceName.parse(row.source));
  const stale = await pool.query<{ id: string }>(`SELECT id FROM import_batch WHERE import_id = $1 AND status = 'running'`, [importId]);
  for (const b of stale.rows) await failBatchPersistently(pool, source, Number(b.id), INTERRUPTED_ATTEMPT);
  await pool.query(
    `UPDATE data_import SET status = 'running', attempts = attempts + 1, rows_read = 0, bytes_read = 0, error = NULL
     WHERE id = $1`,
    [importId],
  );
  return undefined;
}

export async function recordProgress(pool: Pool, importId: string, p: ImportProgress): Promise<void> {
  await pool.query(`UPDATE data_import SET rows_read = $2, bytes_read = $3, total_bytes = NULLIF($4, 0) WHERE id = $1 AND status = 'running'`, [
    importId,
    p.rows,
    p.bytesRead,
    p.totalBytes,
  ]);
}

/** Publishes the outcome and drops the uploaded bytes, together. */
export async function completeImport(pool: Pool, o: ImportOutcome): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(`UPDATE data_import SET status = 'completed', batch_id = $2, rows_read = $3, finished_at = now(), error = NULL WHERE id = $1`, [
      o.importId,
      o.batchId,
      o.rowsTotal,
    ]);
    await client.query('DELETE FROM data_import_upload WHERE import_id = $1', [o.importId]);
  });
}

/** A failed import keeps its reason (Chinese, no cell content) and loses its uploaded bytes. */
export async function failImport(pool: Pool, importId: string, reason: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(`UPDATE data_import SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status <> 'completed'`, [
      importId,
      reason.slice(0, 2000),
    ]);
    await client.query('DELETE FROM data_import_upload WHERE import_id = $1', [importId]);
  });
}

export const ImportRecord = z.object({
  importId: z.string().uuid(),
  source: SourceName,
  origin: ImportOrigin,
  fileName: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  status: ImportStatus,
  attempts: z.number().int(),
  progress: z.object({ rowsRead: z.number().int(), bytesRead: z.number().int(), totalBytes: z.number().int().nullable() }),
  result: z
    .object({
      batchId: z.number().int(),
      rowsTotal: z.number().int(),
      rowsAccepted: z.number().int(),
      rowsRejected: z.number().int(),
      rowsWarned: z.number().int(),
      format: z.enum(['csv', 'xlsx']).nullable().describe('how the file was read; null for a provider pull'),
      encoding: z.enum(['utf-8', 'gb18030']).nullable().describe("a CSV file's detected text encoding; null for XLSX and provider pulls"),
    })
    .nullable(),
  error: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

export async function findImport(pool: Pool, importId: string): Promise<ImportRecord | undefined> {
  const { rows } = await pool.query(
    `SELECT d.*, b.rows_total, b.rows_accepted, b.rows_rejected, b.rows_warned, b.file_format, b.encoding
     FROM data_import d LEFT JOIN import_batch b ON b.id = d.batch_id WHERE d.id = $1`,
    [importId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return ImportRecord.parse({
    importId: r.id,
    source: r.source,
    origin: r.origin,
    fileName: r.file_name,
    requestedBy: r.requested_by,
    requestedAt: (r.requested_at as Date).toISOString(),
    status: r.status,
    attempts: r.attempts,
    progress: { rowsRead: Number(r.rows_read), bytesRead: Number(r.bytes_read), totalBytes: r.total_bytes === null ? null : Number(r.total_bytes) },
    result:
      r.batch_id === null
        ? null
        : {
            batchId: Number(r.batch_id),
            rowsTotal: r.rows_total,
            rowsAccepted: r.rows_accepted,
            rowsRejected: r.rows_rejected,
            rowsWarned: r.rows_warned,
            format: r.file_format,
            encoding: r.encoding,
          },
    error: r.error,
    finishedAt: r.finished_at ? (r.finished_at as Date).toISOString() : null,
  });
}
