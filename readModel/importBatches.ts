/** Import batches as coordinators follow them: newest first, or one batch's status and counts. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { SourceName } from '../domain/sourceName';
import { BigintColumn, Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';

const BatchRow = z.object({
  id: BigintColumn,
  source: SourceName,
  origin: z.enum(['file', 'http']),
  file_name: z.string(),
  checksum: z.string(),
  imported_by: z.string(),
  import_id: z.string().nullable(),
  started_at: TimestampColumn,
  finished_at: TimestampColumn.nullable(),
  status: z.enum(['running', 'completed', 'failed']),
  rows_total: z.number().int(),
  rows_accepted: z.number().int(),
  rows_rejected: z.number().int(),
  rows_warned: z.number().int(),
  error: z.string().nullable(),
  file_format: z.enum(['csv', 'xlsx']).nullable(),
  encoding: z.enum(['utf-8', 'gb18030']).nullable(),
});

export const ImportBatch = z.object({
  batchId: z.number().int(),
  source: SourceName,
  origin: z.enum(['file', 'http']),
  fileName: z.string().describe("the file's name, or the provider's URL for a pull"),
  checksum: z.string().describe('sha256 of the bytes, hex'),
  importedBy: z.string(),
  importId: z.string().uuid().nullable().describe('the import (GET /imports/jobs/{importId}) this batch belongs to'),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
  status: z.enum(['running', 'completed', 'failed']),
  rowsTotal: z.number().int(),
  rowsAccepted: z.number().int(),
  rowsRejected: z.number().int(),
  rowsWarned: z.number().int(),
  error: z.string().nullable(),
  format: z.enum(['csv', 'xlsx']).nullable().describe('how the file was read; null for a provider pull'),
  encoding: z.enum(['utf-8', 'gb18030']).nullable().describe("a CSV file's detected text encoding; null for XLSX and pulls"),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

const COLUMNS = `id, source, origin, file_name, checksum, imported_by, import_id::text, started_at, finished_at, status, rows_total, rows_accepted, rows_rejected,
  rows_warned, error, file_format, encoding`;

function toBatch(r: z.infer<typeof BatchRow>): ImportBatch {
  return {
    batchId: r.id,
    source: r.source,
    origin: r.origin,
    fileName: r.file_name,
    checksum: r.checksum,
    importedBy: r.imported_by,
    importId: r.import_id,
    startedAt: instant(r.started_at),
    finishedAt: instantOrNull(r.finished_at),
    status: r.status,
    rowsTotal: r.rows_total,
    rowsAccepted: r.rows_accepted,
    rowsRejected: r.rows_rejected,
    rowsWarned: r.rows_warned,
    error: r.error,
    format: r.file_format,
    encoding: r.encoding,
  };
}

export async function listImportBatches(pool: Pool, f: { source: SourceName | null; page: number; pageSize: number }): Promise<ImportBatch[]> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM import_batch WHERE ($1::text IS NULL OR source = $1) ORDER BY id DESC LIMIT $2 OFFSET $3`, [
    f.source,
    f.pageSize,
    (f.page - 1) * f.pageSize,
  ]);
  return parseRows(BatchRow, rows).map(toBatch);
}

/** Undefined when there is no such batch. */
export async function findImportBatch(pool: Pool, batchId: number): Promise<ImportBatch | undefined> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM import_batch WHERE id = $1`, [batchId]);
  return rows[0] ? toBatch(BatchRow.parse(rows[0])) : undefined;
}
