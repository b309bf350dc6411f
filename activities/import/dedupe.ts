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
import type { AnySource } from '../../domain/sources';

export async function dedupeBatch(client: PoolClient, source: AnySource, batchId: number, file: string): Promise<number> {
  // Identifiers come from the source definitions in code, never from input.
  const cols = source.dbColumns.join(', ');
  // Equal rows hash equal (NULLs included); unequal rows that collide are told apart by the window.
  const hash = `hash_record_extended(ROW(${cols}), 0)`;
  const { rowCount } = await client.query(
    `WITH repeated AS (
       SELECT ${hash} AS h FROM ${source.table} WHERE batch_id = $1 GROUP BY 1 HAVING count(*) > 1
     ), ranked AS (
       SELECT ctid AS rid, line, min(line) OVER (PARTITION BY ${cols}) AS first_line
       FROM ${source.table} WHERE batch_id = $1 AND ${hash} IN (SELECT h FROM repeated)
     ), removed AS (
       DELETE FROM ${source.table} t USING ranked r
       WHERE t.batch_id = $1 AND t.ctid = r.rid AND r.line > r.first_line
       RETURNING r.line, r.first_line
     )
     INSERT INTO import_issue (batch_id, file, line, col, value, reason, severity)
     SELECT $1, $2, line, '', '',
            '与第' || first_line || '行重复，未重复保存 (duplicate of line ' || first_line || ', not stored twice)',
            'warning'
     FROM removed`,
    [batchId, file],
  );
  return rowCount ?? 0;
}
