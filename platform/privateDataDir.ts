/**
 * The data directory holds the Temporal state (temporal.db), uploaded and imported files with ID
 * numbers, reports and the keys (JWT secret, database role passwords): nobody but the service
 * user may read it. The process's umask becomes 0077, so every file that this process and the
 * processes it starts (Temporal dev server, worker, API) create is 0600 and every directory 0700,
 * whatever code creates it.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_UMASK = 0o077;

/**
 * Mode of the data directory itself: 0700; 0711 when root runs the embedded PostgreSQL, whose
 * server runs as the user postgres and must pass through to its cluster in <data dir>/postgres
 * (it may not list the directory, and every file in it is 0600).
 */
export function dataDirMode(opts: { embeddedPostgresAsRoot: boolean }): number {
  return opts.embeddedPostgresAsRoot ? 0o711 : 0o700;
}

/** The embedded PostgreSQL cluster keeps its own modes (the server checks them itself). */
const OWN_MODES = new Set(['postgres']);

/** Takes group and other rights off what an earlier version left readable. */
function closeUp(dir: string): void {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if ((st.mode & 0o077) !== 0) chmodSync(p, st.mode & 0o700);
    if (st.isDirectory()) closeUp(p);
  }
}

export function makeDataDirPrivate(dataDir: string, opts: { embeddedPostgresAsRoot: boolean }): void {
  process.umask(PRIVATE_UMASK);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, dataDirMode(opts));
  for (const name of readdirSync(dataDir)) {
    if (OWN_MODES.has(name)) continue;
    const p = path.join(dataDir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if ((st.mode & 0o077) !== 0) chmodSync(p, st.mode & 0o700);
    if (st.isDirectory()) closeUp(p);
  }
}
