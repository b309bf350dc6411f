/**
 * Every recorded history (test/histories, written by scripts/recordHistories.ts) replays on
 * today's workflow code without nondeterminism: a change that would break a run already under
 * way in production fails here. Guard such a change with patched() and keep the old history.
 */
import { Worker } from '@temporalio/worker';
import { bundleWorkflows, quietRuntime } from '../support/caseWorkflowEnv';
import { recordedHistories } from '../support/histories';

describe('recorded workflow histories', () => {
  const histories = recordedHistories();

  it('cover every workflow type', () => {
    const types = new Set(histories.map((h) => h.workflowType));
    for (const t of ['campaignWorkflow', 'cityWorkflow', 'caseShardWorkflow', 'caseWorkflow']) expect(types.has(t)).toBe(true);
  });

  it('hold case histories from before and after the ready mark (patched case-ready-mark)', () => {
    const patchedRuns = histories
      .filter((h) => h.workflowType === 'caseWorkflow')
      .map((h) => (h.history.events ?? []).some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch'));
    expect(patchedRuns).toContain(true);
    expect(patchedRuns).toContain(false);
  });

  it('replay on the current workflow code without nondeterminism', async () => {
    quietRuntime();
    const bundle = await bundleWorkflows();
    const failures: string[] = [];
    const replays = Worker.runReplayHistories(
      { workflowBundle: bundle },
      histories.map((h) => ({ workflowId: h.file, history: h.history })),
    );
    for await (const r of replays) if (r.error) failures.push(`${r.workflowId}: ${r.error.message}`);
    expect(failures).toEqual([]);
  });
});
