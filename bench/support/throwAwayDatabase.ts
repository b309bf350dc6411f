/**
 * A migrated database that exists for one bench run: on DATABASE_URL's server, else on an embedded
 * PostgreSQL under GZ_DATA_DIR (data/<name>-postgres), created fresh and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client, type Pool } from 'pg';
import { migrate } from '../../db/migrate';
import { createPool } from '../../platform/db';
import { startEmbeddedPostgres } from '../../platform/embeddedPostgres';
import { freePort } from '../../platform/ports';

export async function withThrowAwayDatabase<T>(name: string, fn: (pool: Pool, url: string) => Promise<T>): Promise<T> {
  let stopPg: (() => Promise<void>) | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.resolve(process.env.GZ_DATA_DIR ?? 'data', `${name}-postgres`), port: await freePort() });
    serverUrl = pg.url;
    stopPg = () => pg.stop();
  }
  const dbName = `gz_${name.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const pool = createPool(url.toString());
  try {
    await migrate(pool);
    return await fn(pool, url.toString());
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await stopPg?.();
  }
}
