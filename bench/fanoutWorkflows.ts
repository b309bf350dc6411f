/**
 * The fan-out bench's workflow bundle: the project's workflows plus the baseline, a tree of the
 * same shape with nothing in it (a parent per shard starting minimal children, each finished by a
 * trivial update). Kept out of workflows/index.ts: production workers never run the baseline.
 */
import { condition, defineUpdate, setHandler, startChild } from '@temporalio/workflow';

export * from '../workflows';

export const finishUpdate = defineUpdate<void>('finish');

export async function baselineChildWorkflow(): Promise<void> {
  let finished = false;
  setHandler(finishUpdate, () => {
    finished = true;
  });
  await condition(() => finished);
}

/** Starts `count` children `<prefix>/<i>` at once (as a case shard does) and waits for them all. */
export async function baselineShardWorkflow(input: { prefix: string; count: number }): Promise<number> {
  let done = 0;
  for (let i = 0; i < input.count; i++) {
    void startChild(baselineChildWorkflow, { workflowId: `${input.prefix}/${i}` })
      .then((h) => h.result())
      .finally(() => done++);
  }
  await condition(() => done === input.count);
  return done;
}
