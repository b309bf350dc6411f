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
    for (const t of ['campaignWorkflow', 'cityWorkflow', 'caseShardWorkflow', 'caseWorkflow', 'penaltyProcedureWorkflow']) expect(types.has(t)).toBe(true);
  });

  it('hold case histories from before and after the ready mark (patched case-ready-mark)', () => {
    const patchedRuns = histories
      .filter((h) => h.workflowType === 'caseWorkflow')
      .map((h) => (h.history.events ?? []).some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch'));
    expect(patchedRuns).toContain(true);
    expect(patchedRuns).toContain(false);
  });

  /** The patch ids a history's markers record. */
  const patchesOf = (h: (typeof histories)[number]): string[] =>
    (h.history.events ?? []).flatMap((e) => {
      const m = e.markerRecordedEventAttributes;
      const data = m?.markerName === 'core_patch' ? m.details?.['patch-data']?.payloads?.[0]?.data : undefined;
      return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
    });
  const inputOf = (h: (typeof histories)[number]): Record<string, unknown> => {
    const data = h.history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    return data ? (JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown>) : {};
  };

  it("hold runs from before and after issue 19's patches: case corrections, a later run of a decided case, the province's kinds in the city", () => {
    const cases = histories.filter((h) => h.workflowType === 'caseWorkflow');
    expect(cases.some((h) => patchesOf(h).includes('case-corrections'))).toBe(true);
    expect(cases.some((h) => !patchesOf(h).includes('case-corrections') && !inputOf(h).resume)).toBe(true);
    expect(cases.some((h) => inputOf(h).resume === true)).toBe(true);
    const cities = histories.filter((h) => h.workflowType === 'cityWorkflow');
    expect(cities.map((h) => patchesOf(h).includes('provincial-penalty-kinds')).sort()).toEqual([false, true, true]);
  });

  it("hold city runs from before and after issue 20's on-site checks during the investigation", () => {
    const cities = histories.filter((h) => h.workflowType === 'cityWorkflow');
    expect(cities.map((h) => patchesOf(h).includes('onsite-checks-during-investigation')).sort()).toEqual([false, false, true]);
  });

  it("hold case runs from before and after the penalty procedure (patched penalty-procedure), and a procedure's whole path", () => {
    const cases = histories.filter((h) => h.workflowType === 'caseWorkflow');
    expect(cases.some((h) => patchesOf(h).includes('penalty-procedure'))).toBe(true);
    expect(cases.some((h) => !patchesOf(h).includes('penalty-procedure'))).toBe(true);
    expect(cases.some((h) => patchesOf(h).includes('procedure-withdrawal'))).toBe(true);
    const procedures = histories.filter((h) => h.workflowType === 'penaltyProcedureWorkflow');
    const updates = procedures.flatMap((h) =>
      (h.history.events ?? []).flatMap((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? []),
    );
    for (const u of [
      'submitProposal',
      'approveProposal',
      'recordService',
      'recordStatement',
      'requestHearing',
      'scheduleHearing',
      'recordHearing',
      'reviewStatement',
      'approveDecision',
    ]) {
      expect(updates).toContain(u);
    }
  });

  it("hold procedure runs from before and after the decision's revision and the 不予行政处罚决定书 (patched decision-revision, no-penalty-decision)", () => {
    const procedures = histories.filter((h) => h.workflowType === 'penaltyProcedureWorkflow');
    expect(procedures.some((h) => patchesOf(h).length === 0)).toBe(true);
    const revised = procedures.filter((h) => ['decision-revision', 'no-penalty-decision'].every((p) => patchesOf(h).includes(p)));
    expect(revised).toHaveLength(1);
    const updates = (revised[0].history.events ?? []).flatMap((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? []);
    expect(updates).toEqual(expect.arrayContaining(['reviewStatement', 'approveDecision', 'reviseDecision', 'recordService']));
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
