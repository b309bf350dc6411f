import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, constants, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the unprivileged user
 * `postgres`. That user must be able to execute the server binaries and own the data directory, and
 * neither is true when the project lives in a private home (mode 0700, the usual cloud VM or
 * container): node_modules and ./data are out of its reach. This file places both where it can reach
 * them, without touching the permissions of the user's own directories.
 */

/** A failure that ends start-up with one line naming a remedy. */
export class EmbeddedPostgresSetupError extends Error {}

export interface PostgresAccount {
  uid: number;
  gid: number;
}

/** Where root keeps what the user postgres needs; the first that can be prepared is used. */
const SHARED_DIR_CANDIDATES = ['/var/lib/guazheng', path.join(os.tmpdir(), 'guazheng-postgres')];

const REMEDY = 'run as a non-root user, or use a PostgreSQL server of your own (DATABASE_URL; TEST_DATABASE_URL for npm test)';

function idOf(flag: '-u' | '-g'): number | undefined {
  try {
    return Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), 10);
  } catch {
    return undefined;
  }
}

/** The user postgres, created (as a system account, no login) when missing. */
export function ensurePostgresAccount(): PostgresAccount {
  let uid = idOf('-u');
  if (uid === undefined) {
    try {
      if (idOf('-g') === undefined) execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    } catch (err) {
      throw new EmbeddedPostgresSetupError(
        `embedded PostgreSQL must run as a user named postgres and none could be created (${(err as Error).message.split('\n')[0]}): ` +
          `create one (useradd --system postgres), or ${REMEDY}`,
      );
    }
    uid = idOf('-u');
  }
  const gid = idOf('-g');
  if (uid === undefined || gid === undefined) {
    throw new EmbeddedPostgresSetupError(`the user postgres has no uid or gid (id postgres failed): ${REMEDY}`);
  }
  return { uid, gid };
}

/** mkdir -p whose new directories every user may enter, whatever the umask. */
function mkdirEnterable(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    mkdirSync(d);
    chmodSync(d, 0o755);
  }
}

/** The topmost directory on the way down to `dir` (inclusive) that other users may not enter, if any. */
export function privateAncestor(dir: string): string | undefined {
  let blocked: string | undefined;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & constants.S_IXOTH) === 0) blocked = d;
    if (path.dirname(d) === d) return blocked;
  }
}

/**
 * A root-owned directory every user may enter and only root may write, for the server binaries and
 * relocated data. Anything else found under a candidate's name (another user could have made it in
 * /tmp) is skipped: binaries placed there would run as postgres.
 */
export function prepareSharedDir(candidates = SHARED_DIR_CANDIDATES): string {
  const reasons: string[] = [];
  for (const dir of candidates) {
    try {
      mkdirEnterable(dir);
      const st = lstatSync(dir);
      if (!st.isDirectory() || st.uid !== 0) throw new Error('exists and is not a directory owned by root');
      if ((st.mode & 0o022) !== 0 || (st.mode & 0o005) !== 0o005) chmodSync(dir, 0o755);
      const blocked = privateAncestor(dir);
      if (blocked) throw new Error(`${blocked} is private`);
      return dir;
    } catch (err) {
      reasons.push(`${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  throw new EmbeddedPostgresSetupError(
    `embedded PostgreSQL runs as the user postgres and no directory could be prepared for it (${reasons.join('; ')}): ${REMEDY}`,
  );
}

interface Entry {
  rel: string;
  kind: 'dir' | 'file' | 'link';
  size: number;
}

function listTree(root: string): Entry[] {
  const out: Entry[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel))) {
      const r = path.join(rel, name);
      const st = lstatSync(path.join(root, r));
      if (st.isSymbolicLink()) out.push({ rel: r, kind: 'link', size: 0 });
      else if (st.isDirectory()) {
        out.push({ rel: r, kind: 'dir', size: 0 });
        walk(r);
      } else out.push({ rel: r, kind: 'file', size: st.size });
    }
  };
  walk('');
  return out;
}

/** Every entry of the source is in the copy with its kind and size, readable (and enterable) by all. */
function isIntactCopy(source: Entry[], copy: string): boolean {
  for (const e of source) {
    let st;
    try {
      st = lstatSync(path.join(copy, e.rel));
    } catch {
      return false;
    }
    if (e.kind === 'link' ? !st.isSymbolicLink() : e.kind === 'dir' ? !st.isDirectory() : !st.isFile() || st.size !== e.size) return false;
    if (e.kind !== 'link' && (st.mode & 0o004) === 0) return false;
    if (e.kind === 'dir' && (st.mode & 0o001) === 0) return false;
  }
  return true;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Half-made copies of a start that crashed mid-copy (its pid is in the name) take 60 MB each. */
function removeAbandonedCopies(target: string): void {
  const prefix = `${path.basename(target)}.partial-`;
  for (const name of readdirSync(path.dirname(target))) {
    const pid = name.startsWith(prefix) ? Number.parseInt(name.slice(prefix.length), 10) : NaN;
    if (Number.isInteger(pid) && !isRunning(pid)) rmSync(path.join(path.dirname(target), name), { recursive: true, force: true });
  }
}

/**
 * The server binaries (bin, lib, share) copied once per version into the shared directory, where
 * the user postgres may execute them; a later start reuses an intact copy. The copy is made under a
 * temporary name and renamed into place, so a concurrent start or a crash never leaves half a tree
 * under the final name. PostgreSQL finds lib/ and share/ relative to its own binary, so the copy
 * runs as the original does.
 */
export function installServerBinaries(sourceDir: string, version: string, sharedDir: string): string {
  const target = path.join(sharedDir, `postgresql-${version}-${process.platform}-${process.arch}`);
  const source = listTree(sourceDir);
  if (isIntactCopy(source, target)) return target;
  removeAbandonedCopies(target);
  const staging = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    cpSync(sourceDir, staging, { recursive: true, verbatimSymlinks: true });
    // npm may have installed with a private umask; the copy's modes must let every user read and run it.
    chmodSync(staging, 0o755);
    for (const e of source) {
      if (e.kind === 'link') continue;
      const p = path.join(staging, e.rel);
      chmodSync(p, e.kind === 'dir' || (statSync(p).mode & 0o111) !== 0 ? 0o755 : 0o644);
    }
    try {
      renameSync(staging, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
      // Another start finished its copy first, or a damaged copy is in the way.
      if (!isIntactCopy(source, target)) {
        const damaged = `${target}.damaged-${process.pid}-${randomBytes(4).toString('hex')}`;
        renameSync(target, damaged);
        renameSync(staging, target);
        rmSync(damaged, { recursive: true, force: true });
      }
    }
  } catch (err) {
    throw new EmbeddedPostgresSetupError(
      `the PostgreSQL server binaries could not be copied to ${target} for the user postgres (${(err as Error).message.split('\n')[0]}): ${REMEDY}`,
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/**
 * The data directory the server will use, owned by postgres, mode 0700. The requested one when the
 * user postgres can reach it; otherwise (inside a private home) one of its own in the shared
 * directory, named after the requested path so every later start finds the same cluster. A cluster
 * that already exists out of reach is never replaced by an empty one.
 */
export function placeDataDir(requested: string, sharedDir: string, account: PostgresAccount, log: (line: string) => void): string {
  const wanted = path.resolve(requested);
  const blocked = privateAncestor(path.dirname(wanted));
  let dataDir = wanted;
  if (blocked) {
    if (existsSync(path.join(wanted, 'PG_VERSION'))) {
      throw new EmbeddedPostgresSetupError(
        `the PostgreSQL data in ${wanted} is out of reach of the user postgres, which runs the server, because ${blocked} is private: ` +
          `let other users enter it (chmod o+x ${blocked}), or move the data directory under a directory they may enter and set GZ_DATA_DIR to match`,
      );
    }
    const key = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
    dataDir = path.join(sharedDir, 'data', `${path.basename(wanted)}-${key}`);
    mkdirEnterable(path.dirname(dataDir));
    log(`${wanted} is inside ${blocked}, which the user postgres (the server's user) may not enter: the data is kept in ${dataDir}`);
  }
  mkdirEnterable(path.dirname(dataDir));
  mkdirSync(dataDir, { recursive: true });
  chownSync(dataDir, account.uid, account.gid);
  chmodSync(dataDir, 0o700);
  return dataDir;
}
