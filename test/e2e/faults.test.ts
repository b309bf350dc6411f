/**
 * Faults in the infrastructure, in real time:
 * - the Temporal server (its own dev server, state in a SQLite file) restarted in the middle of a
 *   campaign on a compressed calendar: the campaign carries on to its next phase;
 * - a notification endpoint answering 500: delivery is retried with exponential backoff in the
 *   background and each failure is visible to supervisors on the alert row (the hanging endpoint is
 *   covered in test/workflows/campaignDeadlines.test.ts);
 * - PostgreSQL (an embedded server of its own) restarted during a large import: the import fails,
 *   leaves no rows, and a retry stores each row exactly once.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { migrate } from '../../db/migrate';
import { importFile } from '../../dataImport/importFile';
import { generateDataset } from '../../datagen/generate';
import { createPool } from '../../platform/db';
import { freePort } from '../../platform/ports';
import { startTemporalDevServer, type RunningTemporal } from '../../platform/temporalDevServer';
import { temporalCliPath } from '../../scripts/tools';
import { bundleWorkflows } from '../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startPostgresProcess } from './faultSupport/postgresProcess';
import { launchCompressedCampaign } from './faultSupport/compressedCampaign';
import { waitFor } from './faultSupport/waitFor';
import { startWorkerProcess, type WorkerProcess } from './faultSupport/workerProcess';

const ID = 'faults';

describe('a Temporal server restart mid-campaign, and a notification endpoint that answers 500', () => {
  let dir: string;
  let db: TestDatabase;
  let temporal: RunningTemporal;
  let port: number;
  let connection: Connection;
  let client: Client;
  let worker: WorkerProcess | undefined;
  let hook: Server;
  let hookUrl: string;
  const hookHits: number[] = [];

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      /* installed by another suite in this process */
    }
    dir = mkdtempSync(path.join(tmpdir(), 'gz-faults-'));
    port = await freePort();
    let bundle;
    [db, temporal, bundle] = await Promise.all([
      createTestDatabase(),
      startTemporalDevServer({ cli: temporalCliPath(), port, dbFile: path.join(dir, 'temporal.sqlite') }),
      bundleWorkflows(),
    ]);
    writeFileSync(path.join(dir, 'workflows.js'), bundle.code);
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection });
    hook = createServer((req, res) => {
      hookHits.push(Date.now());
      req.resume();
      res.writeHead(500).end('internal error');
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`;
    // The failing endpoint is on this machine: the worker must be allowed to deliver there.
    worker = await startWorkerProcess({
      address: temporal.address,
      taskQueue: 'faults',
      databaseUrl: db.url,
      bundlePath: path.join(dir, 'workflows.js'),
      webhookHosts: '127.0.0.1',
    });
  });

  afterAll(async () => {
    await worker?.stop();
    await connection?.close();
    await temporal?.stop();
    hook?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const phase = async () => (await db.pool.query('SELECT phase FROM campaign WHERE id = $1', [ID])).rows[0]?.phase as string | undefined;

  it('carries on to the investigation after the server restarts during the self-check', async () => {
    await launchCompressedCampaign({
      client,
      pool: db.pool,
      taskQueue: 'faults',
      id: ID,
      dataDir: path.join(dir, 'data'),
      persons: 200,
      minutesPerDay: 0.005,
      startDelayMs: 2_000,
      notifications: { webhook: { url: hookUrl, timeoutMs: 2_000 }, minLevel: 'info' },
    });
    await waitFor('the self-check', async () => ((await phase()) === 'selfCheck' ? true : undefined), 30_000);

    // Down for a few seconds in the middle of the 61-day self-check (≈ 18 s of wall time).
    await temporal.stop();
    await new Promise((r) => setTimeout(r, 3_000));
    temporal = await startTemporalDevServer({ cli: temporalCliPath(), port, dbFile: path.join(dir, 'temporal.sqlite') });

    await waitFor(
      'the investigation',
      async () => (/^(investigation|provincialVerification|completed)$/.test((await phase()) ?? '') ? true : undefined),
      60_000,
    );
    // The same worker process rode out the outage (its connection retried), and the cities screen.
    expect(worker!.child.exitCode).toBeNull();
    await waitFor(
      'cases opened',
      async () => ((await db.pool.query('SELECT count(*)::int n FROM case_file WHERE campaign_id = $1', [ID])).rows[0].n > 0 ? true : undefined),
      30_000,
    );
    const d = await client.workflow.getHandle(`campaign/${ID}`).describe();
    expect(d.status.name).toMatch(/RUNNING|COMPLETED/);
    // The state file is in write-ahead-log mode (file format bytes 18 and 19 are 2; a rollback
    // journal has 1): every committed transaction survived the restart without a sync per commit.
    const header = readFileSync(path.join(dir, 'temporal.sqlite')).subarray(0, 100);
    expect([header[18], header[19]]).toEqual([2, 2]);
  });

  it('retries a failed delivery with exponential backoff and shows the failure on the alert row', async () => {
    const failed = (await db.pool.query("SELECT delivery_last_error FROM alert WHERE campaign_id = $1 AND delivery_status = 'failed'", [ID])).rows;
    expect(failed.length).toBeGreaterThan(0);
    for (const a of failed) expect(a.delivery_last_error).toMatch(/webhook answered HTTP 500/);
    // Pending deliveries on the campaign's and cities' workflows: attempt n waits 30 s × 2^(n-2)
    // after the previous failure; wait until some delivery has failed twice (≥ 30 s).
    const owners = [
      `campaign/${ID}`,
      ...(await db.pool.query('SELECT city_code FROM city_progress WHERE campaign_id = $1', [ID])).rows.map((r) => `campaign/${ID}/city/${r.city_code}`),
    ];
    const pending = await waitFor(
      'a delivery failed twice',
      async () => {
        const all = [];
        for (const id of owners) {
          const { raw } = await client.workflow.getHandle(id).describe();
          all.push(...(raw.pendingActivities ?? []).filter((a) => a.activityType?.name === 'deliverAlert' && (a.attempt ?? 0) >= 2));
        }
        return all.some((a) => a.attempt! >= 3) ? all : undefined;
      },
      75_000,
      2_000,
    );
    for (const a of pending) {
      expect(a.lastFailure?.message).toMatch(/HTTP 500/);
      const wait = Number(a.scheduledTime!.seconds) - Number(a.lastAttemptCompleteTime!.seconds);
      const expected = 30 * 2 ** (a.attempt! - 2);
      expect(Math.abs(wait - expected)).toBeLessThanOrEqual(1);
    }
    expect(hookHits.length).toBeGreaterThan(1);
  });
});

describe('a PostgreSQL crash and restart during a large import', () => {
  // Both import paths: the set-based one for large CSV files and the row-by-row one (XLSX, small
  // files, fallbacks). The crash is an immediate shutdown (SIGQUIT to the postmaster) sent from the
  // import's own progress callback, so it lands while the import is certainly still running.
  it.each([
    ['staged', 0],
    ['streaming', Number.POSITIVE_INFINITY],
  ] as const)('%s path: fails the import with no rows left behind; a retry stores each row exactly once', async (importPath, stagedMinBytes) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gz-faults-pg-'));
    chmodSync(dir, 0o755); // as root the server runs as the user postgres, who must reach its data directory
    const port = await freePort();
    const dataDir = path.join(dir, 'pg');
    let pg = await startPostgresProcess(dataDir, port);
    const pool = createPool(pg.url);
    // No listener of our own: platform/db.ts must keep a checked-out client's 'error' from crashing the process.
    try {
      await migrate(pool);
      const { files } = await generateDataset({ persons: 4_000, seed: 7, outDir: path.join(dir, 'data') });
      let crashed = false;
      let restarted: Promise<void> | undefined;
      const failure = await importFile(pool, {
        source: 'social_insurance',
        filePath: files.socialInsurance,
        importedBy: 'fault-test',
        stagedMinBytes,
        // The first report comes after the first rows are read (both paths), long before the end.
        onProgress: (p) => {
          if (crashed || p.rows === 0 || p.bytesRead >= p.totalBytes) return;
          crashed = true;
          const postmasterPid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
          process.kill(postmasterPid, 'SIGQUIT');
          // Back up while the import is failing: its batch is marked failed once the server answers again.
          restarted = (async () => {
            await pg.stop();
            pg = await startPostgresProcess(dataDir, port);
          })();
        },
      }).then(
        () => undefined,
        (err: Error) => err,
      );
      expect(crashed).toBe(true);
      expect(String(failure)).toMatch(/terminat|ECONNRESET|EPIPE|shut|connection|recovery/i);
      await restarted;
      const q = async (sql: string) => (await waitFor('the restarted server', async () => pool.query(sql).catch(() => undefined), 60_000)).rows;
      const batches = await q("SELECT id, status FROM import_batch WHERE source = 'social_insurance' ORDER BY id");
      expect(batches).toHaveLength(1);
      // Marked failed although the server was down when the import failed (failBatchPersistently retries).
      expect(batches[0].status).toBe('failed');
      expect((await q('SELECT count(*)::int n FROM social_insurance'))[0].n).toBe(0);

      let pathTaken: string | undefined;
      const retry = await importFile(pool, {
        source: 'social_insurance',
        filePath: files.socialInsurance,
        importedBy: 'fault-test',
        stagedMinBytes,
        onPath: (p) => {
          pathTaken = p;
        },
      });
      expect(pathTaken).toBe(importPath);
      const [stored] = await q(`SELECT count(*)::int n, count(DISTINCT (batch_id, line))::int d FROM social_insurance`);
      expect(retry.rowsAccepted).toBeGreaterThan(2_000);
      expect(stored.n).toBe(retry.rowsAccepted);
      expect(stored.d).toBe(stored.n);
    } finally {
      await pool.end().catch(() => undefined);
      await pg.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
