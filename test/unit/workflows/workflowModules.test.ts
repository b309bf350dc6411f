/**
 * In the worker's reusable V8 context each new workflow evaluates the modules workflows/index.ts
 * loads. Case and shard workflows (thousands per city) must not pay for the campaign and city
 * modules: the full configuration schema roughly doubled the cost of creating a case workflow.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The project's modules loaded by requiring `entry` in a fresh node process (paths from the root). */
function modulesLoadedBy(entry: string): string[] {
  const script = `require(${JSON.stringify(path.join(ROOT, entry))});
    console.log(JSON.stringify(Object.keys(require.cache).filter((f) => !f.includes('node_modules')).map((f) => require('node:path').relative(${JSON.stringify(ROOT)}, f))));`;
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as string[];
}

describe('the workflow bundle entry', () => {
  it('loads the case and shard workflows without the campaign configuration, city or campaign modules', () => {
    const loaded = modulesLoadedBy('workflows/index.ts');
    expect(loaded).toEqual(expect.arrayContaining(['workflows/case.ts', 'workflows/caseShard.ts', 'domain/campaignClock.ts']));
    for (const heavy of [
      'domain/campaignConfig.ts',
      'domain/cities.ts',
      'workflows/city.ts',
      'workflows/campaign.ts',
      'workflows/messages/city.ts',
      // The penalty procedure's modules load only when a procedure starts (the case workflow starts it by name).
      'workflows/penaltyProcedure.ts',
      'workflows/messages/penaltyProcedure.ts',
      // A complaint's modules load only when a complaint workflow starts.
      'workflows/complaint.ts',
      'workflows/messages/complaint.ts',
      // An intermediary's rectification order's watch loads only when one starts.
      'workflows/intermediaryOrder.ts',
      // The monthly re-screening loads only when a campaign closes.
      'workflows/monthlyRescreen.ts',
      'domain/legalBasis.ts',
    ]) {
      expect(loaded).not.toContain(heavy);
    }
  });

  it('still exports every workflow type, the campaign and city ones loading their modules when called', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--require',
        'tsx/cjs',
        '-e',
        `
      const wf = require(${JSON.stringify(path.join(ROOT, 'workflows/index.ts'))});
      console.log(JSON.stringify(Object.keys(wf).sort().map((k) => [k, typeof wf[k], wf[k].name])));`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual([
      ['campaignWorkflow', 'function', 'campaignWorkflow'],
      ['caseShardWorkflow', 'function', 'caseShardWorkflow'],
      ['caseWorkflow', 'function', 'caseWorkflow'],
      ['cityWorkflow', 'function', 'cityWorkflow'],
      ['complaintWorkflow', 'function', 'complaintWorkflow'],
      ['importDataSourcesWorkflow', 'function', 'importDataSourcesWorkflow'],
      ['importFileWorkflow', 'function', 'importFileWorkflow'],
      ['intermediaryOrderWorkflow', 'function', 'intermediaryOrderWorkflow'],
      ['monthlyRescreenWorkflow', 'function', 'monthlyRescreenWorkflow'],
      ['penaltyProcedureWorkflow', 'function', 'penaltyProcedureWorkflow'],
      ['taskDueWatchWorkflow', 'function', 'taskDueWatchWorkflow'],
    ]);
  });
});
