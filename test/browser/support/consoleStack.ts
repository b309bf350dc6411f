/**
 * Everything the browser tests drive, started in the test process: a migrated database of its
 * own with the generator's data as one snapshot, the demo users, a worker on a task queue of its
 * own running the project's workflows against the dev server, the API (which serves the console)
 * in a child process on a free port, and Debian's chromium, headless, with a fresh profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { chromium, type BrowserContext } from 'playwright-core';
import { createActivities } from '../../../activities';
import { DEMO_USERS, ensureDemoUsers } from '../../../api/users';
import { generateDataset } from '../../../datagen/generate';
import { loadConfig } from '../../../platform/config';
import { startApi } from '../../e2e/apiSupport/apiProcess';
import { testDataConverter } from '../../support/payloadKeys';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { snapshotOfGeneratedFiles } from '../../support/generatedSnapshot';
import { watchBrowser } from './failureCapture';
import { sharedWorkflowBundle } from '../../support/workflowBundle';

/** Debian's chromium; GZ_TEST_CHROMIUM names another build (or a missing one, to try a failed set-up). */
export const CHROMIUM = process.env.GZ_TEST_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ConsoleStack {
  baseUrl: string;
  db: TestDatabase;
  client: Client;
  /** One persistent context on a fresh profile; each role gets its own page (own sessionStorage). */
  browser: BrowserContext;
  snapshotId: number;
  taskQueue: string;
  password(username: string): string;
  stop(): Promise<void>;
}

async function seedSnapshot(db: TestDatabase, dir: string): Promise<number> {
  const { files } = await generateDataset({ persons: 240, seed: 7, outDir: dir, months: 6 });
  return snapshotOfGeneratedFiles(db.pool, files, { importedBy: 'browser-test', snapshot: 'browser-test' });
}

export async function startConsoleStack(): Promise<ConsoleStack> {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEST_TEMPORAL_ADDRESS is not set: run through jest (its global setup starts the dev server)');
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const taskQueue = `browser-${process.pid}-${Date.now()}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gz-browser-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'gz-chromium-'));

  const [db, workflowBundle] = await Promise.all([createTestDatabase(), sharedWorkflowBundle()]);
  const [snapshotId] = await Promise.all([seedSnapshot(db, dataDir), ensureDemoUsers(db.pool)]);
  const config = loadConfig({ ...process.env, DATABASE_URL: db.url, TEMPORAL_ADDRESS: address, TASK_QUEUE: taskQueue, GZ_DATA_DIR: dataDir });

  const workerConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowBundle,
    activities: createActivities({ pool: db.pool, config }),
    dataConverter: testDataConverter(),
  });
  const running = worker.run();

  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: testDataConverter() });
  // The API runs as a child process, as in the API's own end-to-end tests: jose is an ES module
  // that jest's module registry cannot load, and Node can.
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  let browser: BrowserContext | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await api?.stop().catch(() => undefined);
    // Running campaigns would keep timers on the shared dev server: end them with the test.
    worker.shutdown();
    await running.catch(() => undefined);
    await connection.close().catch(() => undefined);
    await workerConnection.close().catch(() => undefined);
    await db.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    api = await startApi({ databaseUrl: db.url, taskQueue });
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      // The console then turns Ant Design's motion off (web/src/app/reducedMotion.ts): no click lands
      // on a dialog or dropdown still opening, and no wait for an animation to end.
      reducedMotion: 'reduce',
    });
    watchBrowser(browser);
  } catch (err) {
    // A failed set-up (no chromium on the machine, say) must not leave the API process running
    // past the suite: it was found still serving an hour after such a run.
    await stop();
    throw err;
  }

  return {
    baseUrl: api.url,
    db,
    client,
    browser,
    snapshotId,
    taskQueue,
    password: (u) => DEMO_USERS.find((d) => d.username === u)!.password,
    stop,
  };
}
