/**
 * A worker in a process of its own, so a test can kill it with SIGKILL mid-way (a real crash:
 * no shutdown, no flushing) and start another. Runs the project's workflows (from a prebuilt
 * bundle file, so a restart takes a second) and its real activities.
 *
 * Env: TEMPORAL_ADDRESS, TASK_QUEUE, DATABASE_URL, WORKFLOW_BUNDLE (path of the bundle's code).
 * Prints "ready" on stdout once it polls.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { loadConfig } from '../../platform/config';
import { createPool } from '../../platform/db';

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const pool = createPool(need('DATABASE_URL'));
  const connection = await NativeConnection.connect({ address: need('TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    taskQueue: need('TASK_QUEUE'),
    workflowBundle: { codePath: need('WORKFLOW_BUNDLE') },
    // The worker reads its settings from the environment, as worker/main.ts does (the fault test lists its webhook host).
    activities: createActivities({ pool, config: loadConfig(process.env) }),
    // A dead worker's sticky queue hands its workflows back after this long (default 10 s).
    stickyQueueScheduleToStartTimeout: '2 seconds',
  });
  process.once('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
  await connection.close();
  await pool.end();
}

main().catch((err) => {
  process.stderr.write(`case worker: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
