/** The rejects report of the DATA-CONTRACT: file, line, column, value, reason, severity. */
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { copyCsvToFile } from './copyCsv';

export interface ImportIssueRow {
  file: string;
  line: number;
  column: string;
  value: string;
  reason: string;
  severity: 'rejected' | 'warning';
}

/** COPY cannot take parameters; ids are checked to be integers before they enter the SQL. */
function issuesQuery(batchIds: readonly number[], header: boolean): string {
  for (const id of batchIds) if (!Number.isSafeInteger(id)) throw new Error('batch ids must be integers');
  const ids = batchIds.length > 0 ? batchIds.join(',') : 'NULL';
  // Within a line, rejections first, then by column, so the report reads in a stable order.
  return `COPY (SELECT file, line, col AS "column", value, reason, severity FROM import_issue
    WHERE batch_id IN (${ids}) ORDER BY file, line, severity, col, reason)
    TO STDOUT WITH (FORMAT csv${header ? ', HEADER' : ''})`;
}

/**
 * Writes the issues of the batches to a UTF-8 CSV (header
 * file,line,column,value,reason,severity; sorted by file, line) streamed
 * from the database, each text cell neutralised against formula injection (copyCsv.ts). Returns the
 * number of issues written.
 * `bom` adds a byte-order mark, which Excel needs to show Chinese text correctly.
 */
export async function writeIssuesCsv(pool: Pool, batchIds: number[], outPath: string, opts: { bom?: boolean } = {}): Promise<number> {
  const client = await pool.connect();
  try {
    return await copyCsvToFile(client, issuesQuery(batchIds, true), outPath, opts);
  } finally {
    client.release();
  }
}

/** The same issues as objects, streamed (the report can be large). */
export async function* issuesStream(pool: Pool, batchIds: number[]): AsyncIterable<ImportIssueRow> {
  const client = await pool.connect();
  const copy = client.query(copyTo(issuesQuery(batchIds, false)));
  const parser = parse({ relax_column_count: false });
  const done = pipeline(copy, parser).catch((err: Error) => err);
  let failed = false;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      const [file, line, column, value, reason, severity] = rec;
      yield { file, line: Number(line), column, value, reason, severity: severity as ImportIssueRow['severity'] };
    }
    const err = await done;
    if (err) throw err;
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // A consumer that stops early leaves the COPY unfinished: that connection cannot be reused.
    if (!copy.readableEnded) failed = true;
    copy.destroy();
    client.release(failed);
  }
}
