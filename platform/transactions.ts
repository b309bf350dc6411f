import type { Pool, PoolClient } from 'pg';

/**
 * Runs fn in a transaction on a connection of its own: committed when fn resolves, rolled back when
 * it throws. Temp tables created ON COMMIT DROP go with it. A connection whose ROLLBACK fails is
 * closed rather than handed back to the pool, where it would poison the next caller.
 */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackFailed: Error) => {
      broken = rollbackFailed;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
