/**
 * The set-based import of a large CSV file (docs/data-import.md, "Large CSV files"): node reads the
 * header only and pipes the rest of the file, unchanged, into a temporary staging table with COPY;
 * each column's distinct values are checked once, in node, with the source's own cell checks; one
 * INSERT … SELECT then stores every row whose cells all pass. Rows with any problem go back through
 * checkRow in file order, so every reason and warning still comes from one implementation.
 *
 * Whenever PostgreSQL might read the body differently from csv-parse (stray quotes, ragged rows,
 * blank lines, quoted line breaks, bytes that are not UTF-8), staging stops with StagedFallback
 * and the caller imports the file with the streaming path instead, in a fresh transaction.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createHash, type Hash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Bad } from '../domain/sources/fields';
import { textRefusal } from '../domain/text';
import type { AnySource, StagedSpec } from '../domain/sources';
import type { BatchStats } from './batches';
import { copyRecords, type RecordIn } from './copyRecords';
import { copyLine } from './copyText';
import { BodyScan, NotCopyable, QuoteScanner, type LineCounter } from './csvScan';
import { cleanCell, resolveHeader, toRawRecord, type ColumnMap } from './header';
import { phaseTimer } from './importSettings';
import type { TextEncoding } from './textEncoding';

/** The file cannot take the staged path; `reason` names the cause, never cell content. */
export class StagedFallback extends Error {
  override readonly name = 'StagedFallback';
}

export interface CsvHeader {
  map: ColumnMap;
  /** Cells in the header record: the width every row must have. */
  width: number;
  /** Byte offset of the first data row. */
  bodyStart: number;
  /** The file's text encoding: COPY decodes the body from it. */
  encoding: TextEncoding;
}

// A header longer than this is not a header a person wrote; the streaming path handles the oddity.
const HEADER_PROBE_BYTES = 256 * 1024;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const FETCH_ROWS = 10_000;

/**
 * The header, when the file starts with it: resolveHeader's errors (missing or repeated columns) are
 * thrown as on the streaming path, which reads the same first record. undefined when the first
 * line is blank, has a stray or multi-line quote, or is not followed by a body.
 */
export async function probeCsvHeader(filePath: string, source: AnySource, fileName: string, encoding: TextEncoding = 'utf-8'): Promise<CsvHeader | undefined> {
  const fh = await open(filePath, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(HEADER_PROBE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const start = encoding === 'utf-8' && head.subarray(0, 3).equals(BOM) ? 3 : 0;
  const nl = head.indexOf(0x0a, start);
  if (nl < 0) return undefined;
  const line = head.subarray(start, nl);
  const quotes = new QuoteScanner();
  if (!quotes.scan(line) || !quotes.end()) return undefined;
  let text: string;
  try {
    // A GB18030 byte-order mark (rare) is dropped by the decoder, like UTF-8's above.
    text = new TextDecoder(encoding, { fatal: true }).decode(line).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
  // The options of csvReader.ts, so the cells are the ones the streaming path would see.
  let records: string[][];
  try {
    records = parse(text.replace(/\r$/, ''), { relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch {
    return undefined;
  }
  if (records.length !== 1) return undefined;
  const cells = records[0];
  // Blank rows above the header shift every line number: the streaming path counts them.
  if (!cells.some((c) => c.trim() !== '')) return undefined;
  const map = resolveHeader(source, cells, fileName);
  return { map, width: cells.length, bodyStart: nl + 1, encoding };
}

export interface StagedArgs {
  source: AnySource;
  spec: StagedSpec;
  header: CsvHeader;
  filePath: string;
  batchId: number;
  file: string;
  /** Rows (lines) staged so far and bytes read, while the body is piped. */
  onProgress?: (rows: number, bytesRead: number) => void;
}

export interface StagedResult {
  stats: BatchStats;
  checksum: string;
}

/**
 * Temp tables live in session-local buffers, 8 MB by default: the staged rows of a large file
 * (hundreds of MB) would go out to disk and back at every pass over them.
 */
export const STAGING_TEMP_BUFFERS = '256MB';

/**
 * Raises the session's temp buffers for staging. PostgreSQL refuses once the session has used a
 * temp table; the import then runs with what it has. True when raised: the caller closes the
 * session afterwards instead of returning it, large buffers and all, to the pool.
 */
export async function useLargeTempBuffers(client: PoolClient): Promise<boolean> {
  try {
    await client.query(`SET temp_buffers = '${STAGING_TEMP_BUFFERS}'`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs inside the caller's transaction. Throws StagedFallback before anything is written to the
 * source's table or import_issue; the caller then rolls back and takes the streaming path.
 */

export async function importStagedCsv(client: PoolClient, args: StagedArgs): Promise<StagedResult> {
  const { source, spec, header, batchId } = args;
  const phase = phaseTimer(source.name);
  // The lookups of ID numbers and unit names are hashed in memory; 4 MB (the default) spills them to disk.
  await client.query(`SET LOCAL work_mem = '64MB'`);
  const K = header.width;
  const cells = Array.from({ length: K }, (_, i) => `c${i + 1}`);
  await client.query(`CREATE TEMP TABLE gz_stage (rn bigint GENERATED ALWAYS AS IDENTITY, ${cells.map((c) => `${c} text`).join(', ')}) ON COMMIT DROP`);
  const hash = createHash('sha256');
  const staged = await stageBody(client, args, cells, hash);
  const checksum = hash.digest('hex');
  phase('stage');
  await client.query('ANALYZE gz_stage');
  const types = await columnTypes(client, source.table);
  const lookups = await buildLookups(client, source, spec, header.map, types);
  phase('lookups');

  // Checked values per column and derived property, typed in the lookups; the casts below are no-ops
  // for them and cover a column no lookup types.
  const selects: string[] = ['s.rn'];
  const joins: string[] = [];
  const goods: string[] = [];
  lookups.forEach((l, i) => {
    const a = `l${i}`;
    joins.push(`JOIN gz_lk_${i} ${a} ON ${a}.raw = ${l.expr}`);
    goods.push(`${a}.good`);
    selects.push(`${a}.v AS ${l.column}`);
    l.derived.forEach((d, j) => selects.push(`${a}.d${j} AS ${d}`));
  });
  const guard = spec.rowGuard ? `coalesce((${spec.rowGuard.sql}), false)` : 'true';
  const dbCols = source.dbColumns;
  const values = dbCols.map((c) => `${c}::${types.get(c) ?? 'text'}`).join(', ');
  await client.query(`CREATE TEMP TABLE gz_bad (rn bigint) ON COMMIT DROP`);
  // Two passes over the staged rows rather than one statement with a shared CTE: the CTE would be
  // materialised (every row written once more), which measured slower than joining twice.
  const from = `FROM (SELECT ${selects.join(', ')}, ${goods.join(' AND ')} AS cells_good FROM gz_stage s ${joins.join(' ')}) v`;
  const ins = await client.query(
    `INSERT INTO ${source.table} (batch_id, line, ${dbCols.join(', ')})
     SELECT $1::bigint, (1 + rn)::int, ${values} ${from} WHERE cells_good AND ${guard}`,
    [batchId],
  );
  phase('insert');
  // The rows left out: a cell among its column's few failing values (a hashed IN, no join), or,
  // for a source with a row rule, a failed rule (joining only the columns the rule names).
  const badCell = lookups.map((l, i) => `${l.expr} IN (SELECT raw FROM gz_lk_${i} WHERE NOT good)`);
  if (spec.rowGuard) {
    const named = lookups.map((l, i) => ({ l, i })).filter(({ l }) => new RegExp(`\\b${l.column}\\b`).test(spec.rowGuard!.sql));
    const guardSelects = named.map(({ l, i }) => `l${i}.v AS ${l.column}`);
    const guardJoins = named.map(({ l, i }) => `JOIN gz_lk_${i} l${i} ON l${i}.raw = ${l.expr}`);
    await client.query(
      `INSERT INTO gz_bad (rn) SELECT rn FROM (SELECT s.rn, ${[...badCell.map((b, i) => `(${b}) AS b${i}`), ...guardSelects].join(', ')}
         FROM gz_stage s ${guardJoins.join(' ')}) v
       WHERE ${badCell.map((_, i) => `b${i}`).join(' OR ')} OR NOT ${guard}`,
    );
  } else {
    await client.query(`INSERT INTO gz_bad (rn) SELECT s.rn FROM gz_stage s WHERE ${badCell.join(' OR ')}`);
  }
  const inserted = ins.rowCount ?? 0;
  phase('left-out');
  const rest = await checkRestInNode(client, args, cells);
  phase('rest');
  const stats: BatchStats = {
    rowsTotal: inserted + rest.rowsTotal,
    rowsAccepted: inserted + rest.rowsAccepted,
    rowsRejected: rest.rowsRejected,
  };
  // Every staged row was either stored or looked at in node.
  if (inserted + rest.seen !== staged) throw new Error(`staged import of ${args.file}: ${staged} rows staged, ${inserted + rest.seen} handled`);
  return { stats, checksum };
}

async function stageBody(client: PoolClient, args: StagedArgs, cells: string[], hash: Hash): Promise<number> {
  await client.query('SAVEPOINT gz_stage_copy');
  const headerBytes = await readBytes(args.filePath, 0, args.header.bodyStart);
  hash.update(headerBytes);
  let lastReport = 0;
  const scan = new BodyScan(hash, (lines: LineCounter) => {
    if (!args.onProgress) return;
    const now = Date.now();
    if (now - lastReport < 200) return;
    lastReport = now;
    args.onProgress(lines.rows, args.header.bodyStart + lines.bytes);
  });
  // No byte of a GB18030 multi-byte character is a quote, comma, CR or LF, so the quote scanner and
  // the line count hold for it too; PostgreSQL decodes it (a byte sequence it reads otherwise than
  // iconv-lite fails COPY, and the file falls back to the streaming path).
  const encoding = args.header.encoding === 'gb18030' ? ", ENCODING 'GB18030'" : '';
  const copy = client.query(copyFrom(`COPY gz_stage (${cells.join(', ')}) FROM STDIN WITH (FORMAT csv${encoding})`));
  try {
    await pipeline(createReadStream(args.filePath, { start: args.header.bodyStart }), scan, copy);
  } catch (err) {
    // A ragged row, a blank line or bytes that are not UTF-8 make COPY fail (a database error with
    // a SQLSTATE): all are cases the streaming path reports row by row, or refuses with its own
    // message. Anything else (a failing progress callback, a read error) fails the import.
    const notCopyable = err instanceof NotCopyable;
    if (!notCopyable && !isDatabaseError(err)) throw err;
    await client.query('ROLLBACK TO SAVEPOINT gz_stage_copy');
    throw new StagedFallback(notCopyable ? err.message : `COPY refused the body (${pgCode(err)})`);
  }
  const rows = Number(copy.rowCount);
  if (rows !== scan.lines.rows) throw new StagedFallback(`${rows} records on ${scan.lines.rows} lines (quoted line break)`);
  await client.query('RELEASE SAVEPOINT gz_stage_copy');
  return rows;
}

interface Lookup {
  column: string;
  /** The cell's raw text in gz_stage, '' when the file lacks the column. */
  expr: string;
  derived: string[];
}

/**
 * One temp table per column of the source: each distinct raw cell, whether it passes (its check
 * gives a value and its warn nothing), the checked value and the properties derived from it, typed
 * as the table's columns (each distinct value is converted once, not once per row). The distinct
 * cells of every file column come from one scan of the staged rows (a grouping set per column).
 */
async function buildLookups(client: PoolClient, source: AnySource, spec: StagedSpec, map: ColumnMap, types: Map<string, string>): Promise<Lookup[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gz-lookup-'));
  const streams: WriteStream[] = [];
  try {
    const tables = source.columns.map((col, i) => {
      const check = spec.checks[col.name];
      if (!check) throw new Error(`source ${source.name}: no staged check for column ${col.name}`);
      const derived = Object.entries(spec.derived).filter(([, d]) => d.from === col.name);
      const file = path.join(dir, `lk${i}.copy`);
      const out = createWriteStream(file);
      streams.push(out);
      return { i, col, check, derived, idx: map.indexes[i], file, out, buf: '' };
    });
    type Table = (typeof tables)[number];
    const add = async (t: Table, raw: string) => {
      const clean = cleanCell(raw);
      const r = t.check(clean);
      const good = !(r instanceof Bad) && !t.col.warn?.(clean) && textRefusal(clean) === undefined;
      const vals: unknown[] = [raw, good, good ? r : null];
      for (const [, d] of t.derived) vals.push(good ? (d.fn as (v: unknown) => unknown)(r) : null);
      t.buf += copyLine(vals);
      if (t.buf.length >= 64 * 1024) {
        const ok = t.out.write(t.buf);
        t.buf = '';
        if (!ok) await once(t.out, 'drain');
      }
    };

    // A column the file lacks has one cell value: ''.
    for (const t of tables) if (t.idx < 0) await add(t, '');
    const fileColumns = [...new Set(tables.filter((t) => t.idx >= 0).map((t) => t.idx))];
    if (fileColumns.length > 0) {
      const exprs = fileColumns.map((k) => `coalesce(c${k + 1}, '')`);
      const readers = fileColumns.map((k) => tables.filter((t) => t.idx === k));
      // In each output row exactly one column is set: the grouped one (never NULL, by coalesce).
      await client.query(
        `DECLARE gz_distinct NO SCROLL CURSOR FOR
           SELECT ${exprs.join(', ')} FROM gz_stage GROUP BY GROUPING SETS (${exprs.map((e) => `(${e})`).join(', ')})`,
      );
      for (;;) {
        const { rows } = await client.query<Array<string | null>>({ text: `FETCH ${FETCH_ROWS} FROM gz_distinct`, rowMode: 'array' });
        for (const r of rows) {
          const j = r.findIndex((v) => v !== null);
          for (const t of readers[j]) await add(t, r[j]!);
        }
        if (rows.length < FETCH_ROWS) break;
      }
      await client.query('CLOSE gz_distinct');
    }

    const typeOf = (column: string) => types.get(column) ?? 'text';
    const lookups: Lookup[] = [];
    for (const t of tables) {
      const dcols = t.derived.map(([name], j) => `, d${j} ${typeOf(name)}`).join('');
      await client.query(`CREATE TEMP TABLE gz_lk_${t.i} (raw text, good boolean, v ${typeOf(t.col.name)}${dcols}) ON COMMIT DROP`);
      t.out.end(t.buf);
      await once(t.out, 'finish');
      await pipeline(createReadStream(t.file), client.query(copyFrom(`COPY gz_lk_${t.i} FROM STDIN`)));
      await client.query(`ANALYZE gz_lk_${t.i}`);
      lookups.push({ column: t.col.name, expr: t.idx < 0 ? `''` : `coalesce(s.c${t.idx + 1}, '')`, derived: t.derived.map(([name]) => name) });
    }
    return lookups;
  } finally {
    for (const out of streams) out.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The rows that did not pass in SQL, in file order, through checkRow and the streaming COPY. */
async function checkRestInNode(client: PoolClient, args: StagedArgs, cells: string[]): Promise<BatchStats & { seen: number }> {
  const total: BatchStats & { seen: number } = { rowsTotal: 0, rowsAccepted: 0, rowsRejected: 0, seen: 0 };
  await client.query(
    `DECLARE gz_rest NO SCROLL CURSOR FOR
       SELECT s.rn, ${cells.map((c) => `s.${c}`).join(', ')} FROM gz_stage s JOIN gz_bad b USING (rn) ORDER BY s.rn`,
  );
  for (;;) {
    const { rows } = await client.query<unknown[]>({ text: `FETCH ${FETCH_ROWS} FROM gz_rest`, rowMode: 'array' });
    total.seen += rows.length;
    const records: RecordIn[] = [];
    for (const r of rows) {
      // COPY reads an empty unquoted cell as NULL; csv-parse gives ''.
      const rowCells = r.slice(1).map((c) => (c === null ? '' : (c as string)));
      const raw = toRawRecord(args.header.map, rowCells);
      // A blank row is layout, not a record (as on the streaming path).
      if (raw) records.push({ line: 1 + Number(r[0]), raw });
    }
    if (records.length > 0) {
      const s = await copyRecords(client, { source: args.source, batchId: args.batchId, file: args.file, records: fromArray(records) });
      total.rowsTotal += s.rowsTotal;
      total.rowsAccepted += s.rowsAccepted;
      total.rowsRejected += s.rowsRejected;
    }
    if (rows.length < FETCH_ROWS) break;
  }
  await client.query('CLOSE gz_rest');
  return total;
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function columnTypes(client: PoolClient, table: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [table],
  );
  return new Map(rows.map((r) => [r.name, r.type]));
}

async function readBytes(filePath: string, start: number, length: number): Promise<Buffer> {
  const fh = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(length);
    await fh.read(buf, 0, length, start);
    return buf;
  } finally {
    await fh.close();
  }
}

function isDatabaseError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  // SQLSTATEs are five characters; Node's own errors carry codes like ERR_STREAM_PREMATURE_CLOSE.
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

function pgCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `SQLSTATE ${code}` : 'error';
}
