/**
 * Builds the console (Vite, web/vite.config.mts) into web/dist when its sources changed, so that
 * `npm ci && npm start` and `npm test` need no extra command. The sources' fingerprint is kept in
 * dist/.source-hash; a build goes to a folder of its own and replaces dist in one rename, and a
 * lock folder keeps two processes (the test runner and an API it starts) from building at once.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const WEB = __dirname;
export const CONSOLE_DIST = path.join(WEB, 'dist');
const HASH_FILE = '.source-hash';
const LOCK = path.join(WEB, '.build-lock');
/** A lock older than this was left by a build that died; a build takes seconds. */
const STALE_LOCK_MS = 5 * 60_000;

/** What the bundle is made of: the console's sources, the domain vocabulary it imports, and the locked packages. */
const SOURCES = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.mts', 'web/tsconfig.json', 'domain', 'package-lock.json'];

function filesUnder(p: string): string[] {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p)
    .sort()
    .flatMap((name) => filesUnder(path.join(p, name)));
}

export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((s) => filesUnder(path.join(ROOT, s)))) {
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function builtHash(): string | undefined {
  const file = path.join(CONSOLE_DIST, HASH_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

function takeLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    } catch {
      /* gone meanwhile: the next attempt takes it */
    }
    return false;
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function build(hash: string, log: (line: string) => void): void {
  const out = path.join(WEB, `.dist-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  log('building the console (vite) ...');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', WEB, '--config', path.join(WEB, 'vite.config.mts'), '--outDir', out, '--emptyOutDir'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`the console did not build (vite exited ${r.status ?? r.signal}):\n${r.stderr || r.stdout}`);
  }
  writeFileSync(path.join(out, HASH_FILE), hash);
  rmSync(CONSOLE_DIST, { recursive: true, force: true });
  renameSync(out, CONSOLE_DIST);
  log('console built');
}

/** Builds web/dist unless it already holds a build of the current sources. Synchronous: callers run it at start-up. */
export function ensureConsoleBuilt(log: (line: string) => void = () => undefined): void {
  const hash = consoleSourceHash();
  for (;;) {
    if (builtHash() === hash) return;
    if (takeLock()) {
      try {
        if (builtHash() !== hash) build(hash, log);
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
      return;
    }
    sleep(200);
  }
}

if (require.main === module) ensureConsoleBuilt((line) => console.log(`[console] ${line}`));
