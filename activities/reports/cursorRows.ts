/**
 * Reading a report's data: one consistent snapshot, streamed through a server-side cursor
 * (DECLARE ... CURSOR + FETCH) so a 100,000-row table never sits in memory at once.
 */
import type { ClientBase, Pool, PoolClient } from 'pg';

export const FETCH_SIZE = 2_000;

/**
 * Batches of rows as arrays of column values; the client must be inside a transaction. The next
 * batch is requested before the current one is handed out, so PostgreSQL produces it meanwhile.
 */
export async function* fetchInBatches(
  client: ClientBase,
  sql: string,
  params: unknown[],
  cursorName: string,
  batchSize = FETCH_SIZE,
): AsyncGenerator<unknown[][]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(cursorName)) throw new Error(`bad cursor name ${cursorName}`);
  await client.query(`DECLARE ${cursorName} NO SCROLL CURSOR FOR ${sql}`, params);
  const fetch = async () => (await client.query<unknown[]>({ text: `FETCH ${batchSize} FROM ${cursorName}`, rowMode: 'array' })).rows;
  let next = fetch();
  try {
    for (;;) {
      const rows = await next;
      if (rows.length === 0) break;
      next = rows.length < batchSize ? Promise.resolve([]) : fetch();
      yield rows;
    }
  } finally {
    // An abandoned iteration may still have a fetch in flight: let it settle before the cursor goes.
    await next.catch(() => undefined);
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

/** Runs fn in a REPEATABLE READ, READ ONLY snapshot: a report's figures and rows agree however long it takes. */
export async function inReportSnapshot<T>(pool: Pool, fn: (snapshot: ReportSnapshot) => Promise<T>): Promise<T> {
  const main = await pool.connect();
  let side: PoolClient | undefined;
  let sideOpening: Promise<PoolClient> | undefined;
  try {
    await main.query(BEGIN);
    // Sorting a city's wide rows in memory beats spilling them to disk.
    await main.query(`SET LOCAL work_mem = '64MB'`);
    // Exported up front: once the cursor streams, `main` is busy until the last row.
    const exported = (await main.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id;
    const openSide = async () => {
      const client = await pool.connect();
      side = client;
      await client.query(BEGIN);
      await client.query(`SET TRANSACTION SNAPSHOT '${exported.replace(/'/g, '')}'`);
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
