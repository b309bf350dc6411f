import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { migrate } from '../db/migrate';
import { ConfigError, loadConfig, type AppConfig } from '../platform/config';
import { databaseUser, embeddedRolePasswords, ensureEmbeddedRoles, grantAppRole } from '../platform/databaseRoles';
import { createPool, redactUrl } from '../platform/db';
import { makeDataDirPrivate } from '../platform/privateDataDir';
import { startEmbeddedPostgres, type RunningPostgres } from '../platform/embeddedPostgres';
import { assertPortFree, PortInUseError } from '../platform/ports';
import { startTemporalDevServer, type RunningTemporal } from '../platform/temporalDevServer';
import { temporalAddress } from '../platform/temporalConnection';
import { ensureConsoleBuilt } from '../web/build';
import { temporalCliPath, ToolError } from './tools';
import { startDemo } from './startDemo';

/**
 * `npm start`: the whole stack on embedded defaults. Starts what is not configured elsewhere
 * (PostgreSQL, the Temporal dev server), applies migrations, runs the worker and the API, and on
 * Ctrl-C stops everything it started, in reverse order, so nothing is left listening.
 */
const ROOT = path.resolve(__dirname, '..');
const log = (line: string) => console.log(`[start] ${line}`);

interface Stack {
  pg?: RunningPostgres;
  temporal?: RunningTemporal;
  children: ChildProcess[];
}

async function checkPorts(config: AppConfig): Promise<void> {
  await assertPortFree(config.API_PORT, 'API_PORT');
  if (!config.TEMPORAL_ADDRESS) {
    await assertPortFree(config.TEMPORAL_PORT, 'TEMPORAL_PORT');
    await assertPortFree(config.TEMPORAL_UI_PORT, 'TEMPORAL_UI_PORT');
  }
  if (!config.DATABASE_URL) await assertPortFree(config.GZ_PG_PORT, 'GZ_PG_PORT');
}

function runNodeProcess(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, entry)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('error', (err) => console.error(`[start] ${name} could not start: ${err.message}`));
  return child;
}

async function waitForHealth(port: number, timeoutMs: number): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  let last: Record<string, unknown> = {};
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      last = (await res.json()) as Record<string, unknown>;
      if (res.ok) return last;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`/healthz not green after ${timeoutMs / 1000} s: ${JSON.stringify(last)}`);
}

/**
 * Sends the stop signals synchronously, so that it also works from the process's 'exit' event,
 * where nothing can be awaited.
 */
function signalStack(stack: Stack, signal: NodeJS.Signals): void {
  for (const child of stack.children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  const pid = stack.temporal?.process.pid;
  if (pid && stack.temporal?.process.exitCode === null) {
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
  }
}

async function stopStack(stack: Stack): Promise<void> {
  signalStack(stack, 'SIGTERM');
  await Promise.all(
    stack.children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  await stack.temporal?.stop();
  await stack.pg?.stop().catch(() => undefined);
}

async function main(): Promise<void> {
  const config = loadConfig();
  await checkPorts(config);
  const stack: Stack = { children: [] };
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping ...');
    process.once('exit', () => signalStack(stack, 'SIGKILL'));
    await stopStack(stack);
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    let databaseUrl = config.DATABASE_URL;
    let migrationUrl = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
    if (!databaseUrl) {
      stack.pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres'), port: config.GZ_PG_PORT, notice: log });
      log(`PostgreSQL: embedded, data in ${stack.pg.dataDir}, port ${config.GZ_PG_PORT}`);
      const urls = await ensureEmbeddedRoles(stack.pg.url, 'guazheng', embeddedRolePasswords(config.dataDir));
      databaseUrl = urls.appUrl;
      migrationUrl = urls.ownerUrl;
    } else {
      log(`PostgreSQL: ${redactUrl(databaseUrl)}`);
    }
    // After the embedded server is placed: as root, a private umask would keep the user postgres
    // out of the folders platform/postgresAsRoot.ts creates for it.
    makeDataDirPrivate(config.dataDir, { embeddedPostgresAsRoot: !config.DATABASE_URL && process.getuid?.() === 0 });
    const pool = createPool(migrationUrl!);
    const migrations = await migrate(pool);
    // The API and the worker connect as another role: it gets row rights, and on the audit log only INSERT and SELECT.
    if (databaseUser(databaseUrl) !== databaseUser(migrationUrl!)) await grantAppRole(pool, databaseUser(databaseUrl));
    await pool.end();
    log(
      `migrations: ${migrations.applied.length} applied, ${migrations.alreadyApplied} already in place` +
        ` (as ${databaseUser(migrationUrl!)}; the API and the worker connect as ${databaseUser(databaseUrl)})`,
    );

    if (!config.TEMPORAL_ADDRESS) {
      const dbFile = path.join(config.dataDir, 'temporal.db');
      stack.temporal = await startTemporalDevServer({
        cli: temporalCliPath(),
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFile,
        namespace: config.TEMPORAL_NAMESPACE,
      });
      log(`Temporal: dev server on ${stack.temporal.address} (state in ${dbFile}), web UI ${stack.temporal.uiUrl}`);
    } else {
      log(`Temporal: ${config.TEMPORAL_ADDRESS}, namespace ${config.TEMPORAL_NAMESPACE}`);
    }

    // Before the API starts, which serves it: built only when its sources changed since the last build.
    ensureConsoleBuilt(log);
    const env = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress(config) };
    for (const [name, entry] of [
      ['worker', 'worker/main.ts'],
      ['api', 'api/main.ts'],
    ] as const) {
      const child = runNodeProcess(name, entry, env);
      child.once('exit', (code, signal) => {
        if (!stopping) {
          console.error(`[start] ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the stack`);
          void shutdown(1);
        }
      });
      stack.children.push(child);
    }
    await waitForHealth(config.API_PORT, 120_000);
    log(
      `ready: console http://localhost:${config.API_PORT}  health http://localhost:${config.API_PORT}/healthz` +
        (stack.temporal ? `  Temporal UI ${stack.temporal.uiUrl}` : ''),
    );
    if (config.GZ_DEMO) await startDemo({ config, databaseUrl, log });
    log('press Ctrl-C to stop');
  } catch (err) {
    console.error(`[start] ${(err as Error).message}`);
    await shutdown(1);
  }
}

main().catch((err) => {
  const known = err instanceof ConfigError || err instanceof PortInUseError || err instanceof ToolError;
  console.error(known ? `guazheng: ${err.message}` : err);
  process.exit(1);
});
