/**
 * Pulls a source from an HTTP provider (contract: docs/providers.md): pages
 * of JSON records with the files' English field names, validated by the same
 * row schemas. Each page commits with its cursor, so an interrupted pull
 * started again with the same resumeKey continues after the last committed
 * page without duplicating rows; without a resumeKey a failure removes the
 * batch's rows, as for files.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import { getSource, type AnySource, type RawRecord, type SourceName } from '../domain/sources';
import { failBatchPersistently, finishBatch } from './batches';
import { copyRecords, type RecordIn } from './copyRecords';
import { cleanCell } from './header';
import { fetchPage, ProviderError, type RetryPolicy } from './httpFetch';
import type { ImportProgress, ImportResult } from './importFile';
import { claimPull, completePull, lockPull, recordPullError, savePage, unlockPull, type PullState } from './providerPulls';

export { ProviderError } from './httpFetch';

export interface ProviderImportOptions {
  source: SourceName;
  baseUrl: string;
  authToken?: string;
  /** Records per page (the `limit` parameter); default 1000. */
  pageSize?: number;
  /** Per request, including reading the body; default 30 s. */
  timeoutMs?: number;
  /** Retries of one page after its first attempt; default 5. */
  retries?: number;
  /** First retry delay, doubling each time; default 500 ms. */
  retryBaseMs?: number;
  importedBy: string;
  /** Names the pull across restarts: same key, same pull (e.g. a Temporal workflow id). */
  resumeKey?: string;
  onProgress?: (p: ImportProgress) => void;
}

const Page = z.object({
  records: z.array(z.unknown()),
  // Required, so a provider that forgets it is not mistaken for one with a single page.
  next_cursor: z.string().min(1).nullable(),
});

/** The provider URL as recorded and reported: no query, fragment or credentials. */
export function providerName(baseUrl: string): string {
  const u = new URL(baseUrl);
  u.search = '';
  u.hash = '';
  u.username = '';
  u.password = '';
  return u.toString();
}

function pageUrl(baseUrl: string, cursor: string | null, limit: number): string {
  const u = new URL(baseUrl);
  u.searchParams.set('limit', String(limit));
  if (cursor !== null) u.searchParams.set('cursor', cursor);
  return u.toString();
}

/** A JSON value as the cell text a file would hold. */
function jsonCell(v: unknown): string {
  if (typeof v === 'string') return cleanCell(v);
  if (typeof v === 'number' && Number.isFinite(v)) return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return '';
}

async function* toRecords(source: AnySource, records: readonly unknown[], firstLine: number): AsyncGenerator<RecordIn> {
  for (let i = 0; i < records.length; i++) {
    const rec = records[i] !== null && typeof records[i] === 'object' ? (records[i] as Record<string, unknown>) : {};
    const raw: RawRecord = {};
    for (const c of source.columns) raw[c.name] = jsonCell(rec[c.name]);
    yield { line: firstLine + i, raw };
  }
}

export async function importFromProvider(pool: Pool, opts: ProviderImportOptions): Promise<ImportResult> {
  const source = getSource(opts.source);
  const where = providerName(opts.baseUrl);
  const limit = opts.pageSize ?? 1000;
  const policy: RetryPolicy = { timeoutMs: opts.timeoutMs ?? 30_000, retries: opts.retries ?? 5, retryBaseMs: opts.retryBaseMs ?? 500, maxWaitMs: 60_000 };
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.authToken) headers.authorization = `Bearer ${opts.authToken}`;

  // Not inTransaction: one connection holds the pull's session lock across a transaction per page.
  const client = await pool.connect();
  let discard = false;
  let locked = false;
  try {
    if (opts.resumeKey) {
      await lockPull(client, opts.resumeKey);
      locked = true;
    }
    const claimed = await claimPull(pool, { resumeKey: opts.resumeKey, source: source.name, baseUrl: where, importedBy: opts.importedBy });
    if ('completed' in claimed) return claimed.completed;
    const state: PullState = claimed.state;
    let bytesRead = 0;
    try {
      while (!state.pagingDone) {
        const page = await fetchPage(pageUrl(opts.baseUrl, state.nextCursor, limit), where, headers, policy);
        const parsed = Page.safeParse(page.json);
        if (!parsed.success) throw new ProviderError(`${where}: 响应不符合约定 (response is not {records, next_cursor})`);
        const { records, next_cursor: next } = parsed.data;
        if (next !== null && next === state.nextCursor) throw new ProviderError(`${where}: 游标未前进 (next_cursor did not advance)`);
        bytesRead += Buffer.byteLength(page.body);

        await client.query('BEGIN');
        const stats = await copyRecords(client, { source, batchId: state.batchId, file: where, records: toRecords(source, records, state.rowsTotal + 1) });
        state.rowsTotal += stats.rowsTotal;
        state.rowsAccepted += stats.rowsAccepted;
        state.rowsRejected += stats.rowsRejected;
        state.nextCursor = next;
        state.pagingDone = next === null;
        state.pages += 1;
        // Chained, so a resumed pull's checksum still covers every page in order.
        state.checksum = createHash('sha256').update(state.checksum).update(page.body).digest('hex');
        await savePage(client, state);
        await client.query('COMMIT');
        opts.onProgress?.({ rows: state.rowsTotal, bytesRead, totalBytes: 0 });
      }
      await client.query('BEGIN');
      const stats = { rowsTotal: state.rowsTotal, rowsAccepted: state.rowsAccepted, rowsRejected: state.rowsRejected };
      const done = await finishBatch(client, { batchId: state.batchId, source, file: where, checksum: state.checksum, stats });
      await completePull(client, state.resumeKey);
      await client.query('COMMIT');
      return { batchId: state.batchId, source: source.name, fileName: where, ...done, read: null };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        discard = true;
      });
      const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      // With a key, committed pages stay (batch still running) for the resume; without one, nothing stays.
      if (state.resumeKey) await recordPullError(pool, state.resumeKey, text).catch(() => undefined);
      else await failBatchPersistently(pool, source, state.batchId, text).catch(() => undefined);
      throw err;
    }
  } finally {
    if (locked && !discard)
      await unlockPull(client, opts.resumeKey!).catch(() => {
        discard = true;
      });
    client.release(discard);
  }
}
