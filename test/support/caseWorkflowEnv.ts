/**
 * What the case workflow tests share: the time-skipping server (never downloaded: the pinned
 * binary from the venv), one workflow bundle per test file, a worker running the project's real
 * activities against a test database, and a campaign calendar laid around the server's clock.
 */
import { randomBytes } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createActivities } from '../../activities';
import { addDays, shanghaiDate, type CampaignCalendar } from '../../domain/calendar';
import { loadConfig } from '../../platform/config';
import { SEARCH_ATTRIBUTES } from '../../platform/temporalDevServer';
import { temporalTestServerPath } from '../../scripts/tools';
import { sharedWorkflowBundle } from './workflowBundle';

let runtimeInstalled = false;
/** The SDK's logger at ERROR: alerts delivered to the log sink would otherwise fill the output. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Already installed by another helper in this process.
  }
}

// temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD (@temporalio/proto is not a direct dependency).
const INDEXED_VALUE_TYPE_KEYWORD = 2;

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  // The time-skipping server refuses undefined search attributes; it takes them by operator call.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    // The keyword attributes the workflows set (the dev server gets the same on its command line).
    searchAttributes: Object.fromEntries(Object.keys(SEARCH_ATTRIBUTES).map((n) => [n, INDEXED_VALUE_TYPE_KEYWORD])),
  });
  return env;
}

/** The run's one workflow bundle (test/support/workflowBundle.ts). */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return sharedWorkflowBundle();
}

export interface RunningWorker {
  taskQueue: string;
  stop(): Promise<void>;
}

export async function startWorker(env: TestWorkflowEnvironment, bundle: WorkflowBundleWithSourceMap, pool: Pool): Promise<RunningWorker> {
  const taskQueue = `cases-${randomBytes(4).toString('hex')}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ pool, config: loadConfig({}) }),
  });
  const running = worker.run();
  return {
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

/**
 * A calendar whose investigation is under way on `todayMs` (Asia/Shanghai): self-check ended
 * 30 days ago, the investigation deadline is 60 days ahead, phase 3 follows for 28 days.
 */
export function calendarAround(todayMs: number): CampaignCalendar {
  const today = shanghaiDate(new Date(todayMs));
  return {
    selfCheck: { start: addDays(today, -90), deadline: addDays(today, -30) },
    progressNotice: { date: addDays(today, -25) },
    investigation: { start: addDays(today, -29), deadline: addDays(today, 60) },
    provincialVerification: { start: addDays(today, 61), deadline: addDays(today, 88) },
  };
}

/** Retries an assertion until it holds (the worker works asynchronously) or the time is up. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export const DAY = 24 * 60 * 60 * 1000;
