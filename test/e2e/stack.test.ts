import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { freePort, waitForPort } from '../../platform/ports';

/** `npm start` as a newcomer runs it: the whole stack on embedded defaults, stopped with Ctrl-C. */
const ROOT = path.resolve(__dirname, '..', '..');
const START = ['--require', 'tsx/cjs', path.join(ROOT, 'scripts', 'start.ts')];

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GZ_DEMO: 'false', ...extra };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS']) delete env[k];
  return env;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function startStack(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
  // detached: its own process group, so the test can send Ctrl-C (SIGINT) to the group like a terminal does
  const child = spawn(process.execPath, START, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b) => {
    out += b;
  });
  child.stderr.on('data', (b) => {
    out += b;
  });
  const until = Date.now() + 150_000;
  while (!out.includes('[start] ready')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${out}`);
    if (Date.now() > until) throw new Error(`npm start not ready in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return { child, output: () => out };
}

/** Files and folders under `dir` that others than their owner could open, except `skip`. */
function openToOthers(dir: string, skip: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink() || p === skip) return [];
    const own = (st.mode & 0o077) !== 0 ? [`${p} ${(st.mode & 0o777).toString(8)}`] : [];
    return st.isDirectory() ? [...own, ...openToOthers(p, skip)] : own;
  });
}

async function pressCtrlC(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
}

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gz-stack-'));
  chmodSync(dataDir, 0o755); // the embedded server runs as the user postgres when we are root
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('brings every part up green, stops clean on Ctrl-C, and a second start keeps the data and running workflows', async () => {
    const ports = { API_PORT: await freePort(), TEMPORAL_PORT: await freePort(), TEMPORAL_UI_PORT: await freePort(), GZ_PG_PORT: await freePort() };
    const env = baseEnv({ GZ_DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) });

    const first = await startStack(env);
    const health = await (await fetch(`http://127.0.0.1:${ports.API_PORT}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', temporal: { status: 'up' }, postgres: { status: 'up' }, worker: { status: 'up' } });
    await waitForPort(ports.TEMPORAL_UI_PORT, 10_000);

    // Private data: the directory closed to others (as root 0711, so that the user postgres can pass
    // to its cluster), temporal.db, the keys and every other file 0600.
    expect(statSync(dataDir).mode & 0o777).toBe(process.getuid?.() === 0 ? 0o711 : 0o700);
    expect(statSync(path.join(dataDir, 'temporal.db')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dataDir, 'api', 'jwt-secret')).mode & 0o777).toBe(0o600);
    // The embedded cluster keeps the modes its server checks itself.
    expect(openToOthers(dataDir, path.join(dataDir, 'postgres'))).toEqual([]);

    // The API and the worker connect as the app role, which cannot switch off the audit log's trigger.
    const rolePasswords = JSON.parse(readFileSync(path.join(dataDir, 'postgres-roles.json'), 'utf8')) as { app: string };
    const asApp = new PgClient({ connectionString: `postgres://guazheng_app:${rolePasswords.app}@127.0.0.1:${ports.GZ_PG_PORT}/guazheng` });
    await asApp.connect();
    await fetch(`http://127.0.0.1:${ports.API_PORT}/healthz`); // the API's pool now holds a connection
    await expect(asApp.query('ALTER TABLE audit_log DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
    const apiConnections = await asApp.query(`SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'guazheng' AND pid <> pg_backend_pid()`);
    await asApp.end();
    expect(apiConnections.rows.map((r) => r.usename)).toEqual(['guazheng_app']);

    const dbUrl = `postgres://postgres:postgres@127.0.0.1:${ports.GZ_PG_PORT}/guazheng`;
    const pg = new PgClient({ connectionString: dbUrl });
    await pg.connect();
    await pg.query(`INSERT INTO import_batch (source, file_name, checksum, imported_by) VALUES ('units', 'kept.csv', 'x', 'stack-test')`);
    await pg.end();
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_PORT}` });
    const workflowId = `stack-test-${Date.now()}`;
    // A workflow type no worker knows stays RUNNING: enough to prove the server keeps its state.
    await new TemporalClient({ connection }).workflow.start('waitForever', { workflowId, taskQueue: 'stack-test-nobody' });
    await connection.close();

    await pressCtrlC(first.child);
    for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(true);

    const second = await startStack(env);
    const pg2 = new PgClient({ connectionString: dbUrl });
    await pg2.connect();
    const kept = await pg2.query(`SELECT count(*)::int AS n FROM import_batch WHERE file_name = 'kept.csv'`);
    await pg2.end();
    expect(kept.rows[0].n).toBe(1);
    const connection2 = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_PORT}` });
    const described = await new TemporalClient({ connection: connection2 }).workflow.getHandle(workflowId).describe();
    await connection2.close();
    expect(described.status.name).toBe('RUNNING');
    await pressCtrlC(second.child);
    for (const port of Object.values(ports)) expect(await portIsFree(port)).toBe(true);
  }, 300_000);

  it('refuses a port already in use with one line naming the port and its setting', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const r = spawnSync(process.execPath, START, { cwd: ROOT, env: baseEnv({ API_PORT: String(port), GZ_DATA_DIR: dataDir }), encoding: 'utf8' });
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`port ${port} is already in use`);
      expect(lines[0]).toContain('API_PORT');
    } finally {
      blocker.close();
    }
  });

  it('stops at start-up on a bad setting, naming the variable', () => {
    const r = spawnSync(process.execPath, START, { cwd: ROOT, env: baseEnv({ API_PORT: 'eighty', GZ_DATA_DIR: dataDir }), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('API_PORT');
    expect(r.stderr).toContain('"eighty"');
  });
});
