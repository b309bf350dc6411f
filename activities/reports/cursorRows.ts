/**
 * Streams a query's rows in batches through a server-side cursor (DECLARE ... CURSOR + FETCH),
 * so a 100,000-row table never sits in memory at once. The next batch is requested before the
 * current one is handed out: PostgreSQL produces it while the caller writes the current one.
 */
import type { ClientBase, PoolClient, Pool } from 'pg';

export const FETCH_SIZE = 2_000;

/** Batches of rows as arrays of column values. The client must be inside a transaction. */
export async function* fetchInBatches(
  client: ClientBase,
  sql: string,
  params: unknown[],
  cursorName: string,
  batchSize = FETCH_SIZE,
): AsyncGenerator<unknown[][]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(cursorName)) throw new Error(`bad cursor name ${cursorName}`);
  await client.query(`DECLARE ${cursorName} NO SCROLL CURSOR FOR ${sql}`, params);
  const fetch = () => client.query<unknown[]>({ text: `FETCH ${batchSize} FROM ${cursorName}`, rowMode: 'array' });
  let next = fetch();
  try {
    for (;;) {
      const { rows } = await next;
      if (rows.length === 0) break;
      next = rows.length < batchSize ? Promise.resolve({ rows: [] as unknown[][] } as Awaited<ReturnType<typeof fetch>>) : fetch();
      yield rows;
    }
  } finally {
    // An abandoned iteration still has a fetch in flight: let it settle before the cursor goes.
    await next.catch(() => undefined);
    await client.query(`CLOSE ${cursorName}`).catch(() => undefined);
  }
}

/**
 * Runs fn in a REPEATABLE READ, READ ONLY transaction on its own connection: the figures and the
 * rows of one report are read from the same snapshot, however long the writing takes.
 */
export async function inReportSnapshot<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Sorting 100,000 wide rows in memory beats spilling them to disk.
    await client.query(`SET LOCAL work_mem = '64MB'`);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
