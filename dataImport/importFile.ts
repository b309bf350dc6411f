/**
 * Imports one CSV or XLSX file of a DATA-CONTRACT source as one batch: the
 * batch is recorded as running, every row is validated and COPYed inside a
 * single transaction, and the batch is marked completed in that same
 * transaction. A failure rolls the rows back and marks the batch failed, so
 * a retry (a new batch) never duplicates rows.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import type { Pool } from 'pg';
import type { City } from '../domain/cities';
import { getSource, type AnySource, type SourceName } from '../domain/sources';
import { createBatch, failBatchPersistently, finishBatch, type BatchStats, type FileRead } from './batches';
import { ByteTap } from './byteTap';
import { copyRecords, type RecordIn } from './copyRecords';
import { readCsvRows } from './csvReader';
import { detectFormat, PROBLEMS } from './detectFormat';
import { UnusableFileError } from './errors';
import { resolveHeader, toRawRecord, type ColumnMap } from './header';
import type { SheetRow } from './sheetRow';
import { importEnv, phaseTimer } from './importSettings';
import { importStagedCsv, probeCsvHeader, StagedFallback, useLargeTempBuffers, type CsvHeader } from './stagedCsv';
import { readXlsxRows, type XlsxPosition } from './xlsxReader';

export type { SourceName } from '../domain/sources';
export { UnusableFileError } from './errors';

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportResult {
  batchId: number;
  source: SourceName;
  fileName: string;
  rowsTotal: number;
  /** Rows stored: rowsTotal minus rejected rows and repeated copies of an earlier row. */
  rowsAccepted: number;
  rowsRejected: number;
  /** Stored rows with at least one warning, plus repeated copies (each reported as a warning). */
  rowsWarned: number;
  /** Copies of an earlier identical row, reported and not stored again (included in rowsWarned). */
  rowsDuplicate: number;
  /** How the file was read (format, and a CSV file's detected encoding); null for a provider pull. */
  read: FileRead | null;
}

export interface ImportFileOptions {
  source: SourceName;
  filePath: string;
  importedBy: string;
  onProgress?: (p: ImportProgress) => void;
  /** The campaign's cities, where they differ from Jilin's default list. */
  cities?: readonly City[];
  /** A city's own upload (a 住房公积金管理中心's fund data): rows of another city are rejected. */
  ownCity?: City;
  /**
   * CSV files of at least this many bytes take the set-based path (stagedCsv.ts) when their source
   * supports it; Infinity: never. Default STAGED_MIN_BYTES, or GZ_IMPORT_STAGED_MIN_BYTES when set
   * (lets a test run put every file through the staged path).
   */
  stagedMinBytes?: number;
  /** The data_import this file belongs to (its batch is then the import's only completed one). */
  importId?: string;
  /** Which path imported the file, and why the staged path was left (for tests and timings). */
  onPath?: (path: 'staged' | 'streaming', fallbackReason?: string) => void;
}

/**
 * Below this size the per-file overhead of staging (temp tables, one query per column) outweighs
 * the per-row cost of the streaming path.
 */
export const STAGED_MIN_BYTES = 1024 * 1024;

const PROGRESS_EVERY_ROWS = 1000;
const PROGRESS_EVERY_MS = 200;

export async function importFile(pool: Pool, opts: ImportFileOptions): Promise<ImportResult> {
  const fileName = path.basename(opts.filePath);
  const source = getSource(opts.source, { cities: opts.cities, ownCity: opts.ownCity });
  const { format, size, encoding } = await detectFormat(opts.filePath);
  const read: FileRead = { format, encoding: encoding ?? null };

  const stageable = format === 'csv' && encoding !== undefined && source.staged && size >= stagedMinBytes(opts);
  const header = stageable ? await probeCsvHeader(opts.filePath, source, fileName, encoding) : undefined;
  if (!header) return importStreaming(pool, opts, source, read, size);
  const batchId = await createBatch(pool, { source: source.name, origin: 'file', fileName, importedBy: opts.importedBy, importId: opts.importId, read });
  const fallback = await importStaged(pool, opts, source, header, batchId, size, read);
  if (typeof fallback !== 'string') return fallback;
  opts.onPath?.('streaming', fallback);
  return importStreaming(pool, opts, source, read, size, batchId);
}

function stagedMinBytes(opts: ImportFileOptions): number {
  if (opts.stagedMinBytes !== undefined) return opts.stagedMinBytes;
  return importEnv().GZ_IMPORT_STAGED_MIN_BYTES ?? STAGED_MIN_BYTES;
}

/** The set-based path; the fallback reason when the file must take the streaming path instead. */
async function importStaged(
  pool: Pool,
  opts: ImportFileOptions,
  source: AnySource,
  header: CsvHeader,
  batchId: number,
  size: number,
  read: FileRead,
): Promise<ImportResult | string> {
  const fileName = path.basename(opts.filePath);
  // Not inTransaction: a refused staged read falls back only if its rollback succeeded; otherwise the batch is failed.
  const client = await pool.connect();
  // A session with raised temp buffers is closed afterwards, not returned to the pool.
  const largeBuffers = await useLargeTempBuffers(client);
  let broken = false;
  try {
    await client.query('BEGIN');
    const { stats, checksum } = await importStagedCsv(client, {
      source,
      spec: source.staged!,
      header,
      filePath: opts.filePath,
      batchId,
      file: fileName,
      onProgress: opts.onProgress && ((rows, bytesRead) => opts.onProgress!({ rows, bytesRead, totalBytes: size })),
    });
    const timed = phaseTimer(source.name);
    const done = await finishBatch(client, { batchId, source, file: fileName, checksum, stats });
    await client.query('COMMIT');
    timed('dedupe+commit');
    opts.onProgress?.({ rows: stats.rowsTotal, bytesRead: size, totalBytes: size });
    opts.onPath?.('staged');
    return { batchId, source: source.name, fileName, ...done, read };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    if (err instanceof StagedFallback && !broken) return err.message;
    await failBatchPersistently(pool, source, batchId, errorText(err)).catch(() => undefined);
    throw err;
  } finally {
    client.release(largeBuffers || broken);
  }
}

/** Today's row-by-row path: every format, and CSV files the staged path cannot read exactly. */
async function importStreaming(
  pool: Pool,
  opts: ImportFileOptions,
  source: AnySource,
  read: FileRead,
  size: number,
  existingBatchId?: number,
): Promise<ImportResult> {
  const fileName = path.basename(opts.filePath);
  const input = createReadStream(opts.filePath);
  const tap = new ByteTap();
  const xlsxAt: XlsxPosition = { bytesRead: 0 };
  let rows: AsyncGenerator<SheetRow>;
  if (read.format === 'csv') {
    pipeline(input, tap, () => undefined);
    rows = readCsvRows(tap, fileName, read.encoding ?? 'utf-8');
  } else {
    // The zip is read by random access (parts in any order); the checksum reads the file once more.
    input.destroy();
    rows = readXlsxRows(opts.filePath, fileName, xlsxAt);
  }
  const bytesRead = () => (read.format === 'csv' ? tap.bytesRead : xlsxAt.bytesRead);
  let batchId = existingBatchId;
  try {
    let map: ColumnMap;
    try {
      map = await readHeader(rows, source, fileName);
    } catch (err) {
      // A batch opened for the staged path must not stay 'running' when the file is then refused.
      if (batchId !== undefined) await failBatchPersistently(pool, source, batchId, errorText(err)).catch(() => undefined);
      throw err;
    }
    batchId ??= await createBatch(pool, { source: source.name, origin: 'file', fileName, importedBy: opts.importedBy, importId: opts.importId, read });

    let lastReport = 0;
    const report = (stats: BatchStats, force = false) => {
      if (!opts.onProgress) return;
      if (!force && stats.rowsTotal % PROGRESS_EVERY_ROWS !== 0) return;
      const now = Date.now();
      if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
      lastReport = now;
      opts.onProgress({ rows: stats.rowsTotal, bytesRead: force ? size : bytesRead(), totalBytes: size });
    };

    // Not inTransaction: the COPY stream's connection is discarded when its rollback fails, after which the batch is failed.
    const client = await pool.connect();
    let discard = false;
    try {
      await client.query('BEGIN');
      const stats = await copyRecords(client, { source, batchId, file: fileName, records: records(rows, map), onRecord: report });
      // The tap has seen every byte of a CSV file unless its reader stopped early.
      const checksum = read.format === 'csv' && tap.bytesRead === size ? tap.digest() : await sha256File(opts.filePath);
      const done = await finishBatch(client, { batchId, source, file: fileName, checksum, stats });
      await client.query('COMMIT');
      report(stats, true);
      if (existingBatchId === undefined) opts.onPath?.('streaming');
      return { batchId, source: source.name, fileName, ...done, read };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        discard = true;
      });
      await failBatchPersistently(pool, source, batchId, errorText(err)).catch(() => undefined);
      throw err;
    } finally {
      client.release(discard);
    }
  } finally {
    input.destroy();
  }
}

/** Skips blank rows above the header; the first row with content is the header. */
async function readHeader(rows: AsyncGenerator<SheetRow>, source: AnySource, fileName: string): Promise<ColumnMap> {
  for (;;) {
    const next = await rows.next();
    if (next.done) throw new UnusableFileError(fileName, PROBLEMS.noHeader);
    if (next.value.cells.some((c) => (typeof c === 'string' ? c.trim() !== '' : c !== null && c !== undefined))) {
      return resolveHeader(source, next.value.cells, fileName);
    }
  }
}

async function* records(rows: AsyncGenerator<SheetRow>, map: ColumnMap): AsyncGenerator<RecordIn> {
  for await (const r of rows) {
    const raw = toRawRecord(map, r.cells);
    // A blank row is layout, not a record; it still counts for the line numbers of later rows.
    if (raw) yield { line: r.line, raw };
  }
}

async function sha256File(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * For import_batch.error and failure messages. Our own messages name files and columns only; a
 * database message may quote a value, so quoted parts are blanked out.
 */
export function errorText(err: unknown): string {
  if (err instanceof UnusableFileError) return `${err.name}: ${err.message}`;
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/"[^"]*"/g, '"…"');
}
