import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { dataConverterFor } from '../../platform/payloadCodec';
import { echoWorkflow } from './fixtures/probeWorkflows';

describe('payload encryption on a real Temporal server', () => {
  it('stores workflow inputs and results encrypted: the raw history holds no plaintext', async () => {
    const address = process.env.TEST_TEMPORAL_ADDRESS!;
    const dataConverter = dataConverterFor(`t1:${randomBytes(32).toString('base64')}`);
    const taskQueue = `codec-${randomUUID()}`;
    const secret = `marker-${randomUUID()}`;
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/probeWorkflows') });
    const nativeConnection = await NativeConnection.connect({ address });
    const connection = await Connection.connect({ address });
    try {
      const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle, dataConverter });
      const client = new Client({ connection, dataConverter });
      const workflowId = `codec-${randomUUID()}`;
      const result = await worker.runUntil(client.workflow.execute(echoWorkflow, { workflowId, taskQueue, args: [secret] }));
      expect(result).toBe(secret);
      // A client without the codec sees what the server stores.
      const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
      const payloads = collectPayloads(JSON.parse(JSON.stringify(history)));
      expect(payloads.length).toBe(2); // the input and the result
      for (const p of payloads) {
        expect(Buffer.from(p.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
        expect(Buffer.from(p.data, 'base64').toString('latin1')).not.toContain(secret);
      }
    } finally {
      await connection.close();
      await nativeConnection.close();
    }
  });
});

type RawPayload = { metadata: Record<string, string>; data: string };

/** Every payload in a history as the server returns it (JSON with base64 bytes). */
function collectPayloads(node: unknown, found: RawPayload[] = []): RawPayload[] {
  if (Array.isArray(node)) node.forEach((n) => collectPayloads(n, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.metadata && typeof o.data === 'string') found.push(o as unknown as RawPayload);
    else Object.values(o).forEach((v) => collectPayloads(v, found));
  }
  return found;
}
