/**
 * Identical rows within a batch are stored once. Done in SQL after the rows are stored, so memory
 * stays flat however large the file: the first copy is kept, each later one is deleted and reported
 * as a warning naming the line it repeats.
 *
 * Sorting millions of rows on every column (a window over all columns) cost more than the import's
 * own INSERT, and a file rarely repeats more than a few rows. So rows are first grouped by a 64-bit
 * hash of the whole row (no sort, no collation); only rows whose hash occurs more than once are then
 * compared column by column, which keeps the result exact when two different rows share a hash.
 */
import type { PoolClient } from 'pg';
import type { AnySource } from '../domain/sources';

export async function dedupeBatch(client: PoolClient, source: AnySource, batchId: number, file: string): Promise<number> {
  // Identifiers come from the source definitions in code, never from input.
  const cols = source.dbColumns.join(', ');
  // Equal rows hash equal (NULLs included); unequal rows that collide are told apart by the window.
  const hash = `hash_record_extended(ROW(${cols}), 0)`;
  // The two passes over the batch are read-only statements, so PostgreSQL may scan in parallel
  // (it never does for a statement that writes); most files repeat nothing and stop after the first.
  const repeated = await client.query<{ hs: string[] | null }>(
    `SELECT array_agg(h) AS hs FROM (SELECT ${hash} AS h FROM ${source.table} WHERE batch_id = $1 GROUP BY 1 HAVING count(*) > 1) r`,
    [batchId],
  );
  const hashes = repeated.rows[0].hs ?? [];
  if (hashes.length === 0) return 0;
  const later = await client.query<{ rid: string; line: number; first_line: number }>(
    `SELECT rid::text AS rid, line, first_line
     FROM (SELECT ctid AS rid, line, min(line) OVER (PARTITION BY ${cols}) AS first_line
           FROM ${source.table} WHERE batch_id = $1 AND ${hash} = ANY ($2::bigint[])) r
     WHERE line > first_line`,
    [batchId, hashes],
  );
  if (later.rows.length === 0) return 0;
  // ctids are stable here: the batch's rows are this transaction's own, and nothing else writes them.
  const { rowCount } = await client.query(
    `WITH gone AS (
       DELETE FROM ${source.table} WHERE batch_id = $1 AND ctid = ANY ($3::tid[]) RETURNING ctid AS rid
     )
     INSERT INTO import_issue (batch_id, file, line, col, value, reason, severity)
     SELECT $1, $2, d.line, '', '',
            '与第' || d.first_line || '行重复，未重复保存 (duplicate of line ' || d.first_line || ', not stored twice)',
            'warning'
     FROM unnest($3::tid[], $4::int[], $5::int[]) AS d(rid, line, first_line)
     JOIN gone USING (rid)`,
    [batchId, file, later.rows.map((r) => r.rid), later.rows.map((r) => r.line), later.rows.map((r) => r.first_line)],
  );
  return rowCount ?? 0;
}
