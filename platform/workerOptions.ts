import type { WorkerOptions } from '@temporalio/worker';

/**
 * The project's worker tuning, in one place: the real worker (worker/main.ts) and the decision
 * bench (bench/decisions.ts) both spread it into Worker.create, so a figure the bench measures is
 * a figure of the deployed worker. `npm run bench:decisions -- --worker-options '<json>'` tries
 * other values without editing this file.
 *
 * Tried with 50 concurrent decisions (docs/api.md): maxConcurrentWorkflowTaskExecutions 100
 * instead of 40 changed neither the CPU per decision nor the throughput beyond the noise. A decision
 * holds a workflow task slot only while the worker works on it (~11-14 ms of the worker's CPU per
 * decision, its local activity included).
 *
 * The 200,000-person soak (docs/deployment.md, "Soak") then crashed the worker 16 minutes into the
 * investigation, with case workflows starting at about 10 a second beside the decisions: workflow
 * tasks run one at a time on the worker's workflow thread, so with the SDK's 40 slots a task
 * waited behind 39 others, took over 5 s (TMPRL1104) and past its 10 s timeout ("Workflow task
 * not found" on completion: the server had given it up and it was redone); one activation passed
 * the SDK's 5 s isolate execution timeout, and Node 20 then aborts the whole process ("async hook
 * stack has become corrupted", nodejs/node#38503). The fan-out bench (bench/fanout.ts) had met the
 * same and measured these settings:
 * - 10 workflow task slots: the backlog waits on the server, where no timeout runs.
 * - a 30 s isolate execution timeout: a GC pause on a loaded machine no longer turns into a crash
 *   (a workflow that truly loops still fails its task, after 30 s instead of 5).
 * - a cache of 1,000 workflows instead of the heap-sized ~2,400: a smaller heap and shorter full
 *   GC pauses; an evicted case replays its short history (about 20 events) on its next task.
 *   That replay is the cache's price: with 1,640 cases open the decision bench ran 56.6/s at
 *   1,000 and 66.7/s at 2,500 (docs/api.md); with 45,000 open no cache a heap can hold keeps them all.
 */
export const WORKER_TUNING: Partial<WorkerOptions> = {
  maxCachedWorkflows: 1000,
  maxConcurrentWorkflowTaskExecutions: 10,
  // Not in the public options type of this SDK version, read by it all the same.
  ...({ isolateExecutionTimeout: '30s' } as object),
};
