/**
 * Reading a report's data: one consistent snapshot, streamed through a server-side cursor
 * (DECLARE ... CURSOR + FETCH) so a 100,000-row table never sits in memory at once.
 */
import type { ClientBase, Pool, PoolClient } from 'pg';

// Large enough that PostgreSQL works a good stretch ahead of the writer; about 5 MB a batch.
export const FETCH_SIZE = 5_000;
/**
 * Fetches start small and double: the writer starts as soon as the first rows exist, and each
 * batch PostgreSQL prepares ahead is about what it can make while the writer writes the last.
 */
const FIRST_FETCH = 250;

export interface FetchOptions {
  batchSize?: number;
  /**
   * Request the next batch before handing out the current one, so PostgreSQL produces it while
   * the caller writes (default). Off when the caller uses the connection between batches.
   */
  prefetch?: boolean;
}

/** Batches of rows as arrays of column values; the client must be inside a transaction. */
export async function* fetchInBatches(
  client: ClientBase,
  sql: string,
  params: unknown[],
  cursorName: string,
  opts: FetchOptions = {},
): AsyncGenerator<unknown[][]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(cursorName)) throw new Error(`bad cursor name ${cursorName}`);
  const batchSize = opts.batchSize ?? FETCH_SIZE;
  await client.query(`DECLARE ${cursorName} NO SCROLL CURSOR FOR ${sql}`, params);
  const fetch = async (n: number) => (await client.query<unknown[]>({ text: `FETCH ${n} FROM ${cursorName}`, rowMode: 'array' })).rows;
  let size = Math.min(FIRST_FETCH, batchSize);
  let pending: Promise<unknown[][]> | undefined = fetch(size);
  try {
    while (pending !== undefined) {
      const rows = await pending;
      pending = undefined;
      const last = rows.length < size;
      size = Math.min(size * 2, batchSize);
      if (!last && opts.prefetch !== false) pending = fetch(size);
      if (rows.length > 0) yield rows;
      if (last) break;
      pending ??= fetch(size);
    }
  } finally {
    // An abandoned iteration may still have a fetch in flight: let it settle before the cursor goes.
    await pending?.catch(() => undefined);
    await client.query(`CLOSE ${cursorName}`).catch(() => undefined);
  }
}

export interface ReportSnapshot {
  /** The connection the detail cursor reads. */
  main: PoolClient;
  /**
   * A second connection reading the very same snapshot (pg_export_snapshot), so the figures are
   * counted while the rows stream instead of before them.
   */
  side(): Promise<PoolClient>;
}

const BEGIN = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
// Sorts in memory, not spilled to disk; dates print as YYYY-MM-DD whatever the server's default.
const SETTINGS = `SET LOCAL work_mem = '64MB'; SET LOCAL datestyle = 'ISO, YMD'`;

/** Runs fn in a REPEATABLE READ, READ ONLY snapshot: a report's figures and rows agree however long it takes. */
export async function inReportSnapshot<T>(pool: Pool, fn: (snapshot: ReportSnapshot) => Promise<T>): Promise<T> {
  // Not inTransaction: two connections share one exported snapshot, and the cursor streams across it.
  const main = await pool.connect();
  let side: PoolClient | undefined;
  let sideOpening: Promise<PoolClient> | undefined;
  try {
    await main.query(BEGIN);
    await main.query(SETTINGS);
    // Exported up front: once the cursor streams, `main` is busy until the last row.
    const exported = (await main.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id;
    const openSide = async () => {
      const client = await pool.connect();
      side = client;
      await client.query(BEGIN);
      await client.query(`SET TRANSACTION SNAPSHOT '${exported.replace(/'/g, '')}'`);
      await client.query(SETTINGS);
      return client;
    };
    const result = await fn({ main, side: () => (sideOpening ??= openSide()) });
    await main.query('COMMIT');
    return result;
  } catch (err) {
    await main.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    if (sideOpening) await sideOpening.catch(() => undefined);
    if (side) {
      await side.query('ROLLBACK').catch(() => undefined);
      side.release();
    }
    main.release();
  }
}
