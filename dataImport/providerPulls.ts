/** The provider_pull row (migration 002): how far a resumable provider pull got. */
import type { Pool, PoolClient } from 'pg';
import type { SourceName } from '../domain/sources';
import { createBatch } from './batches';
import type { ImportResult } from './importFile';

export interface PullState {
  resumeKey?: string;
  batchId: number;
  nextCursor: string | null;
  pagingDone: boolean;
  pages: number;
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  checksum: string;
}

interface PullRow {
  source: string;
  base_url: string;
  batch_id: string;
  status: 'running' | 'completed';
  next_cursor: string | null;
  paging_done: boolean;
  pages: number;
  rows_total: number;
  rows_accepted: number;
  rows_rejected: number;
  checksum: string;
}

/**
 * Serialises pulls of one key across processes for the life of the session;
 * a second runner fails fast instead of interleaving pages.
 */
export async function lockPull(client: PoolClient, resumeKey: string): Promise<void> {
  const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [resumeKey]);
  if (!rows[0].ok) throw new Error(`provider pull ${resumeKey} is already running elsewhere`);
}

export async function unlockPull(client: PoolClient, resumeKey: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [resumeKey]);
}

export type Claimed = { completed: ImportResult } | { state: PullState };

/** Resumes the key's pull, returns its result when it already completed, or starts a new batch. */
export async function claimPull(pool: Pool, p: { resumeKey?: string; source: SourceName; baseUrl: string; importedBy: string }): Promise<Claimed> {
  if (p.resumeKey) {
    const { rows } = await pool.query<PullRow>('SELECT * FROM provider_pull WHERE resume_key = $1', [p.resumeKey]);
    const row = rows[0];
    if (row) {
      if (row.source !== p.source || row.base_url !== p.baseUrl) {
        throw new Error(`resume key ${p.resumeKey} belongs to a pull of ${row.source} from another provider`);
      }
      const batchId = Number(row.batch_id);
      if (row.status === 'completed') return { completed: await batchResult(pool, batchId) };
      return {
        state: {
          resumeKey: p.resumeKey,
          batchId,
          nextCursor: row.next_cursor,
          pagingDone: row.paging_done,
          pages: row.pages,
          rowsTotal: row.rows_total,
          rowsAccepted: row.rows_accepted,
          rowsRejected: row.rows_rejected,
          checksum: row.checksum,
        },
      };
    }
  }
  const batchId = await createBatch(pool, { source: p.source, origin: 'http', fileName: p.baseUrl, importedBy: p.importedBy });
  if (p.resumeKey) {
    await pool.query('INSERT INTO provider_pull (resume_key, source, base_url, batch_id) VALUES ($1, $2, $3, $4)', [p.resumeKey, p.source, p.baseUrl, batchId]);
  }
  return {
    state: { resumeKey: p.resumeKey, batchId, nextCursor: null, pagingDone: false, pages: 0, rowsTotal: 0, rowsAccepted: 0, rowsRejected: 0, checksum: '' },
  };
}

/** Inside the page's transaction, so the cursor moves exactly when the page's rows commit. */
export async function savePage(client: PoolClient, s: PullState): Promise<void> {
  if (!s.resumeKey) return;
  await client.query(
    `UPDATE provider_pull SET next_cursor = $2, paging_done = $3, pages = $4, rows_total = $5, rows_accepted = $6,
       rows_rejected = $7, checksum = $8, last_error = NULL, updated_at = now()
     WHERE resume_key = $1`,
    [s.resumeKey, s.nextCursor, s.pagingDone, s.pages, s.rowsTotal, s.rowsAccepted, s.rowsRejected, s.checksum],
  );
}

export async function completePull(client: PoolClient, resumeKey: string | undefined): Promise<void> {
  if (!resumeKey) return;
  await client.query(`UPDATE provider_pull SET status = 'completed', updated_at = now() WHERE resume_key = $1`, [resumeKey]);
}

export async function recordPullError(pool: Pool, resumeKey: string, error: string): Promise<void> {
  await pool.query('UPDATE provider_pull SET last_error = $2, updated_at = now() WHERE resume_key = $1', [resumeKey, error.slice(0, 2000)]);
}

export async function batchResult(pool: Pool, batchId: number): Promise<ImportResult> {
  const { rows } = await pool.query('SELECT * FROM import_batch WHERE id = $1', [batchId]);
  const b = rows[0];
  return {
    batchId,
    source: b.source,
    fileName: b.file_name,
    rowsTotal: b.rows_total,
    rowsAccepted: b.rows_accepted,
    rowsRejected: b.rows_rejected,
    rowsWarned: b.rows_warned,
    // Every row is stored, rejected or a repeated copy.
    rowsDuplicate: b.rows_total - b.rows_accepted - b.rows_rejected,
    read: b.file_format === null ? null : { format: b.file_format, encoding: b.encoding },
  };
}
