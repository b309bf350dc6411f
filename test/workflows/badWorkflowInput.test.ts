/**
 * A workflow started with an input its schema refuses fails the run at once, non-retryably, with
 * the failure type InvalidWorkflowInput and a message that names fields, not values. Before
 * workflows/parseInput.ts, the campaign and city workflows threw a ZodError that failed the
 * workflow task, which Temporal retries forever.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOW_INPUT_FAILURE } from '../../domain/errors';
import { bundleWorkflows, quietRuntime } from '../support/caseWorkflowEnv';

// Looks like a resident ID number: it must not reach the failure message.
const ID_LIKE = '220102199003071234';

// temporal.api.enums.v1.EventType values (@temporalio/proto is not a direct dependency).
const EVENT_TYPES: Record<number, string> = { 3: 'WORKFLOW_EXECUTION_FAILED', 9: 'WORKFLOW_TASK_FAILED' };
const eventTypeName = (t: unknown): string => (typeof t === 'number' ? (EVENT_TYPES[t] ?? String(t)) : String(t).replace(/^EVENT_TYPE_/, ''));

const BAD_INPUTS: { workflowType: string; input: unknown }[] = [
  { workflowType: 'campaignWorkflow', input: { config: { id: 'bad-input' }, snapshotId: ID_LIKE, launchedBy: 'coordinator' } },
  { workflowType: 'cityWorkflow', input: { campaignId: 'bad-input', cityCode: ID_LIKE, snapshotId: 1 } },
  { workflowType: 'caseShardWorkflow', input: { campaignId: 'bad-input', cityCode: ID_LIKE, caseIds: [] } },
  { workflowType: 'caseWorkflow', input: { campaignId: 'bad-input', cityCode: ID_LIKE, caseId: 'c-1' } },
];

describe('a workflow with a bad input (dev server)', () => {
  let bundle: WorkflowBundleWithSourceMap;
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    quietRuntime();
    const address = process.env.TEST_TEMPORAL_ADDRESS!;
    [bundle, nativeConnection, connection] = await Promise.all([bundleWorkflows(), NativeConnection.connect({ address }), Connection.connect({ address })]);
    client = new Client({ connection });
  });
  afterAll(async () => {
    await connection?.close();
    await nativeConnection?.close();
  });

  it.each(BAD_INPUTS)('fails $workflowType on its first task, non-retryably, naming fields only', async ({ workflowType, input }) => {
    const taskQueue = `bad-input-${randomUUID()}`;
    const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: bundle });
    const { failure, history } = await worker.runUntil(async () => {
      const handle = await client.workflow.start(workflowType, { taskQueue, workflowId: `bad-input/${randomUUID()}`, args: [input] });
      const failure = await handle.result().then(
        () => undefined,
        (err: unknown) => err,
      );
      return { failure, history: await handle.fetchHistory() };
    });

    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(WORKFLOW_INPUT_FAILURE);
    expect((cause as ApplicationFailure).nonRetryable).toBe(true);
    expect((cause as ApplicationFailure).message).toMatch(/cityCode|snapshotId/);
    expect((cause as ApplicationFailure).message).not.toContain(ID_LIKE);

    const types = (history.events ?? []).map((e) => eventTypeName(e.eventType));
    // Failed by the first workflow task: no failed task that Temporal would retry.
    expect(types).not.toContain('WORKFLOW_TASK_FAILED');
    expect(types.filter((t) => t === 'WORKFLOW_EXECUTION_FAILED')).toHaveLength(1);
  });
});
