import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { waitForPort } from './ports';

/** Search attributes the project sets on its workflows, for operators in the Temporal UI. */
export const SEARCH_ATTRIBUTES = { CampaignId: 'Keyword', CityCode: 'Keyword', Phase: 'Keyword', CaseStatus: 'Keyword' } as const;

/** The persistent dev server's SQLite settings (see startTemporalDevServer). */
export const DEV_SERVER_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'] as const;

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `temporal server start-dev`: the whole Temporal server in one process. With dbFile its state
 * survives restarts (a SQLite file), without it the state lives in memory (tests).
 */
export async function startTemporalDevServer(opts: {
  cli: string;
  port: number;
  uiPort?: number;
  dbFile?: string;
  namespace?: string;
  log?: (line: string) => void;
}): Promise<RunningTemporal> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'error'];
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) {
    mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
    // SQLite's default rollback journal with a full sync on every commit made the server, not the
    // workers, the limit of a large campaign: at 200,000 persons it spent a whole core in system
    // calls and wrote 24 GB in 16 minutes while starting case workflows at 6 to 9 a second. A
    // write-ahead log synced at checkpoints keeps every committed transaction across a crash or
    // kill of the server (only a power loss can take the last ones) and writes a fraction as much.
    for (const pragma of DEV_SERVER_SQLITE_PRAGMAS) args.push('--sqlite-pragma', pragma);
  }
  if (opts.namespace && opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  // Its own process group, so one kill stops the server and nothing is left listening.
  const child = spawn(opts.cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // Detached, it would outlive a parent that exits without stopping it (a crashed bench, a test run
  // ended early): the last thing this process does is kill the group.
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const forward = (b: Buffer) =>
    b
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((l) => opts.log?.(l));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const failed = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal dev server exited with code ${code} before it was ready`))),
  );
  failed.catch(() => undefined);
  await Promise.race([waitForPort(opts.port, 60_000), failed]);
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    process: child,
    async stop() {
      if (exited) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
