/**
 * The services every bench needs, started the same way: PostgreSQL (DATABASE_URL's server, else an
 * embedded one in a temporary directory) with a throw-away database on it, and Temporal
 * (TEMPORAL_ADDRESS, else a dev server of the bench's own, in memory or with its state in a SQLite
 * file). `stop()` removes everything the bench started; `kill()` does it synchronously, for Ctrl-C
 * and SIGTERM, where there is no time to await (see `stopOnSignals`).
 */
import { existsSync, mkdtempSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '../../platform/embeddedPostgres';
import { freePort } from '../../platform/ports';
import { startTemporalDevServer, type RunningTemporal } from '../../platform/temporalDevServer';
import { temporalCliPath } from '../../scripts/tools';

export interface BenchServices {
  /** The throw-away database's URL. */
  databaseUrl: string;
  temporalAddress: string;
  /** A temporary directory of the run, removed by stop() and kill(). */
  tmpDir: string;
  /** The embedded postmaster's pid (undefined with DATABASE_URL: another host's processes). */
  postgresPid: () => number | undefined;
  /** The dev server's pid (undefined with TEMPORAL_ADDRESS). */
  temporalPid: () => number | undefined;
  stop: () => Promise<void>;
  kill: () => void;
}

export async function startBenchServices(opts: {
  /** Part of the database name: letters and digits. */
  tag: string;
  /** Keep the dev server's state in a SQLite file (as `npm start` does) instead of memory. */
  temporalDbFile?: boolean;
  /** PostgreSQL only: no Temporal (temporalAddress is then ''). */
  withoutTemporal?: boolean;
  log?: (line: string) => void;
}): Promise<BenchServices> {
  const log = opts.log ?? (() => undefined);
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'gz-bench-'));
  chmodSync(tmpDir, 0o755); // as root the embedded server runs as the user postgres, who must enter it
  const pgDataDir = path.join(tmpDir, 'postgres');
  const name = `gz_bench_${opts.tag.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  let pg: RunningPostgres | undefined;
  let temporal: RunningTemporal | undefined;
  let serverUrl = process.env.DATABASE_URL;

  const postgresPid = () => {
    const file = path.join(pgDataDir, 'postmaster.pid');
    return pg && existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
  };
  const temporalPid = () => temporal?.process.pid;
  const kill = () => {
    const tpid = temporalPid();
    if (tpid) {
      try {
        process.kill(-tpid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    // An immediate shutdown: the postmaster stops its backends at once.
    const ppid = postgresPid();
    if (ppid) {
      try {
        process.kill(ppid, 'SIGQUIT');
      } catch {
        /* gone */
      }
    }
    try {
      rmSync(tmpDir, { recursive: true, force: true });
    } catch {
      /* a file still held: best effort */
    }
  };
  const stop = async () => {
    await temporal?.stop().catch(() => undefined);
    if (serverUrl && !pg) {
      const c = new PgClient({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
    await pg?.stop().catch(() => undefined);
    rmSync(tmpDir, { recursive: true, force: true });
  };

  try {
    if (!serverUrl) {
      pg = await startEmbeddedPostgres({ dataDir: pgDataDir, port: await freePort() });
      serverUrl = pg.url;
      log(`PostgreSQL: embedded, in ${pgDataDir}`);
    } else {
      log('PostgreSQL: DATABASE_URL (a throw-away database on it)');
    }
    const admin = new PgClient({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;

    let temporalAddress = opts.withoutTemporal ? '' : (process.env.TEMPORAL_ADDRESS ?? '');
    if (opts.withoutTemporal) {
      log('Temporal: not needed');
    } else if (!temporalAddress) {
      const dbFile = opts.temporalDbFile ? path.join(tmpDir, 'temporal.db') : undefined;
      temporal = await startTemporalDevServer({ cli: temporalCliPath(), port: await freePort(), ...(dbFile ? { dbFile } : {}) });
      temporalAddress = temporal.address;
      log(`Temporal: dev server on ${temporalAddress}${dbFile ? ` (state in ${dbFile})` : ''}`);
    } else {
      log(`Temporal: ${temporalAddress}`);
    }
    return { databaseUrl: u.toString(), temporalAddress, tmpDir, postgresPid, temporalPid, stop, kill };
  } catch (err) {
    kill();
    await stop().catch(() => undefined);
    throw err;
  }
}

/**
 * SIGINT/SIGTERM: kill the services synchronously and exit, so a bench stopped by hand or by a
 * timeout leaves no dev server or PostgreSQL behind (node's default action skips 'exit' hooks).
 */
export function stopOnSignals(kill: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      kill();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}
