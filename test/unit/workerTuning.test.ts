/**
 * The worker tuning (platform/workerOptions.ts) is what kept the 200,000-person soak's worker
 * alive (docs/deployment.md, session 5). Two of its three settings are easy to lose without
 * notice: the isolate execution timeout is not in the SDK's public options type (a rename in an
 * SDK upgrade would silently bring back the 5 s limit that crashed the worker), and the slot count
 * is compiled into the SDK's tuner. These tests compile the options the way Worker.create does and
 * read what the SDK will actually run with.
 */
import { noopMetricMeter } from '@temporalio/common/lib/metrics';
import { DefaultLogger } from '@temporalio/worker';
import { compileWorkerOptions } from '@temporalio/worker/lib/worker-options';
import { WORKER_TUNING } from '../../platform/workerOptions';

const compile = (extra: object) =>
  compileWorkerOptions({ taskQueue: 'tuning-test', workflowsPath: require.resolve('../../workflows'), ...extra }, new DefaultLogger('ERROR'), noopMetricMeter);

describe('the worker tuning', () => {
  it('gives workflow activations 30 s before the isolate is declared stuck, not the SDK default of 5 s', () => {
    expect(compile({}).isolateExecutionTimeoutMs).toBe(5_000);
    expect(compile(WORKER_TUNING).isolateExecutionTimeoutMs).toBe(30_000);
  });

  it('runs at most 10 workflow tasks at once, so a backlog waits on the server rather than past its task timeout', () => {
    expect(compile({}).tuner.workflowTaskSlotSupplier).toEqual({ type: 'fixed-size', numSlots: 40 });
    expect(compile(WORKER_TUNING).tuner.workflowTaskSlotSupplier).toEqual({ type: 'fixed-size', numSlots: 10 });
  });

  it('caches 1,000 workflows instead of a heap-sized cache', () => {
    expect(compile(WORKER_TUNING).maxCachedWorkflows).toBe(1_000);
  });
});
