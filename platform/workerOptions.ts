import type { WorkerOptions } from '@temporalio/worker';

/**
 * The project's worker tuning, in one place: the real worker (worker/main.ts) and the decision
 * bench (bench/decisions.ts) both spread it into Worker.create, so a figure the bench measures is
 * a figure of the deployed worker. `npm run bench:decisions -- --worker-options '<json>'` tries
 * other values without editing this file.
 *
 * Empty on purpose: the SDK's defaults stand. Tried with 50 concurrent decisions (docs/api.md):
 * maxConcurrentWorkflowTaskExecutions 100 instead of 40 changed neither the CPU per decision nor
 * the throughput beyond the noise. A decision holds a workflow task slot only while the worker
 * works on it (~11-14 ms of the worker's CPU per decision, its local activity included), so at
 * ~100 decisions/s only a few of the 40 slots are busy (an estimate): the time goes to CPU, not to
 * waiting for a slot. The default cache
 * (heap-sized, ~2,400 workflows here) keeps every open case of the bench cached, and evicting
 * one costs a replay that re-evaluates the workflow bundle (~15 ms), so no smaller cache either.
 */
export const WORKER_TUNING: Partial<WorkerOptions> = {};
