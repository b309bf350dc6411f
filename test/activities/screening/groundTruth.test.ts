/**
 * The screening against the generator's ground truth: every planted case, through the real
 * importers. Every flag code must have precision and recall of exactly 1.0.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importFile, type SourceName } from '../../../dataImport/importFile';
import { createSnapshot } from '../../../dataImport/snapshot';
import { runScreening } from '../../../activities/screening/runScreening';
import { generateDataset } from '../../../datagen/generate';
import { NOT_SCREENED, SCENARIOS } from '../../../datagen/scenarios';
import { FlagCode } from '../../../domain/flags';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { makeTempDir } from '../../support/tempDirs';

const SOURCES: Array<[SourceName, string]> = [
  ['registrations', 'registrations.csv'],
  ['social_insurance', 'social_insurance.csv'],
  ['housing_fund', 'housing_fund.csv'],
  ['units', 'units.csv'],
  ['public_sector_staff', 'public_sector_staff.csv'],
];

describe('screening against generated ground truth', () => {
  let db: TestDatabase;
  const truth = new Map<string, { reasons: string[]; scenario: string }>();
  const got = new Map<string, string[]>();
  let screened = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    const dir = makeTempDir('gz-truth-');
    await generateDataset({ persons: 1500, seed: 20240901, outDir: dir });
    const batches: number[] = [];
    for (const [source, file] of SOURCES) {
      batches.push((await importFile(db.pool, { source, filePath: path.join(dir, file), importedBy: 'test' })).batchId);
    }
    const run = await runScreening(db.pool, { snapshotId: await createSnapshot(db.pool, 'truth', batches), settings: {} });
    screened = run.personsScreened;
    const { rows } = await db.pool.query<{ id_number: string; reasons: string[] }>('SELECT id_number, reasons FROM screening_result WHERE run_id = $1', [
      run.runId,
    ]);
    for (const r of rows) got.set(r.id_number, r.reasons);
    const lines = readFileSync(path.join(dir, 'ground_truth.csv'), 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const [id, reasons, scenario] = line.split(',');
      truth.set(id, { reasons: reasons ? reasons.split(';') : [], scenario });
    }
  });
  afterAll(async () => {
    await db.drop();
  });

  it('plants every scenario at least once', () => {
    const planted = new Set([...truth.values()].map((t) => t.scenario));
    expect([...planted].sort()).toEqual(SCENARIOS.map((s) => s.name).sort());
  });

  it('screens exactly the persons with a valid registration', () => {
    const expected = [...truth.values()].filter((t) => !NOT_SCREENED.has(t.scenario)).length;
    expect(screened).toBe(expected);
  });

  it.each(FlagCode.options)('%s has precision and recall 1.0', (code) => {
    const expected = new Set([...truth].filter(([, t]) => t.reasons.includes(code)).map(([id]) => id));
    const flagged = new Set([...got].filter(([, r]) => r.includes(code)).map(([id]) => id));
    const truePositives = [...flagged].filter((id) => expected.has(id)).length;
    expect(expected.size).toBeGreaterThan(0);
    // Scenario names (never ID numbers) make a failure readable.
    const scenarioOf = (id: string) => truth.get(id)?.scenario ?? 'unknown';
    expect([...flagged].filter((id) => !expected.has(id)).map(scenarioOf)).toEqual([]);
    expect([...expected].filter((id) => !flagged.has(id)).map(scenarioOf)).toEqual([]);
    expect(truePositives / flagged.size).toBe(1);
    expect(truePositives / expected.size).toBe(1);
  });

  it('gives every person exactly the planted reasons, and no one else a row', () => {
    const wrong = [...truth].filter(([id, t]) => (got.get(id) ?? []).join(';') !== t.reasons.join(';')).map(([, t]) => t.scenario);
    expect(wrong).toEqual([]);
    expect([...got.keys()].filter((id) => !truth.has(id))).toEqual([]);
  });
});
