/**
 * The project's database for a one-off process (the CLI, the benches): DATABASE_URL when set, else the
 * embedded PostgreSQL under GZ_DATA_DIR, the same one `npm start` runs.
 */
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from './config';
import { startEmbeddedPostgres } from './embeddedPostgres';

export interface OpenDatabase {
  url: string;
  /** Stops the embedded server when this process started it; otherwise nothing. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set. Otherwise the embedded PostgreSQL under GZ_DATA_DIR on GZ_PG_PORT: reused
 * when that port already serves it (e.g. `npm start` is running), else started here and stopped after.
 */
export async function openDatabase(): Promise<OpenDatabase> {
  const config = loadConfig();
  if (config.DATABASE_URL) return { url: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL, stop: async () => undefined };
  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${config.GZ_PG_PORT}/postgres`;
  if (await serves(serverUrl)) return { url: await ensureDatabase(serverUrl, 'guazheng'), stop: async () => undefined };
  const pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres'), port: config.GZ_PG_PORT });
  try {
    return { url: await ensureDatabase(pg.url, 'guazheng'), stop: () => pg.stop() };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}

async function serves(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') return false;
    throw new Error(`port ${new URL(url).port} is in use but does not accept the embedded PostgreSQL's login: set GZ_PG_PORT or DATABASE_URL`, { cause: err });
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The embedded server hosts the project's own database, created on first use; its URL. */
async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
