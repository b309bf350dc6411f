import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Pool } from 'pg';

export type ComponentState = { status: 'up' | 'down'; detail?: string };
export interface HealthReport {
  status: 'ok' | 'degraded';
  temporal: ComponentState;
  postgres: ComponentState;
  worker: ComponentState & { pollers?: number };
}

const WORKER_FRESH_MS = 90_000; // a worker polls continuously; a minute without a poll means it is gone

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms).unref())]);
}

/** Health of the three parts. The worker is "up" when it polled the task queue recently (Temporal knows). */
export async function checkHealth(deps: { pool: Pool; client: Client; namespace: string; taskQueue: string }): Promise<HealthReport> {
  const [pg, tq] = await Promise.allSettled([
    withTimeout(deps.pool.query('SELECT 1'), 3000, 'PostgreSQL'),
    withTimeout(
      deps.client.workflowService.describeTaskQueue({
        namespace: deps.namespace,
        taskQueue: { name: deps.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
      3000,
      'Temporal',
    ),
  ]);
  const postgres: ComponentState = pg.status === 'fulfilled' ? { status: 'up' } : { status: 'down', detail: (pg.reason as Error).message };
  let temporalState: ComponentState;
  let worker: HealthReport['worker'];
  if (tq.status === 'fulfilled') {
    temporalState = { status: 'up' };
    const now = Date.now();
    const fresh = (tq.value.pollers ?? []).filter((p) => {
      const t = p.lastAccessTime;
      const ms = t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0;
      return now - ms < WORKER_FRESH_MS;
    });
    worker =
      fresh.length > 0 ? { status: 'up', pollers: fresh.length } : { status: 'down', pollers: 0, detail: `no worker polls task queue ${deps.taskQueue}` };
  } else {
    temporalState = { status: 'down', detail: (tq.reason as Error).message };
    worker = { status: 'down', detail: 'unknown while Temporal is down' };
  }
  const allUp = postgres.status === 'up' && temporalState.status === 'up' && worker.status === 'up';
  return { status: allUp ? 'ok' : 'degraded', temporal: temporalState, postgres, worker };
}
