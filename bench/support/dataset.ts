/**
 * The generated data the benches run on: datagen's seven files for N persons and a seed, generated
 * once per bench under bench/out/<bench>-p<N>-s<S> and reused (a `.complete` marker is written
 * last, so a generation stopped halfway is redone).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SourceName } from '../../dataImport/importFile';
import { generateDataset } from '../../datagen/generate';

/** datagen's files, with the import source each is read as, in import order. */
export const DATASET_FILES: ReadonlyArray<[source: SourceName, file: string]> = [
  ['registrations', 'registrations.csv'],
  ['social_insurance', 'social_insurance.csv'],
  ['housing_fund', 'housing_fund.csv'],
  ['units', 'units.csv'],
  ['public_sector_staff', 'public_sector_staff.csv'],
  ['exam_applications', 'exam_applications.csv'],
  ['labor_contracts', 'labor_contracts.csv'],
];

/** The bench's data directory, generated first if it is not complete yet. */
export async function cachedDataset(bench: string, persons: number, seed: number, log: (line: string) => void): Promise<string> {
  const dir = path.join(__dirname, '..', 'out', `${bench}-p${persons}-s${seed}`);
  const done = path.join(dir, '.complete');
  if (existsSync(done)) {
    log(`data: cached in ${dir}`);
    return dir;
  }
  const started = performance.now();
  await generateDataset({ persons, seed, outDir: dir });
  writeFileSync(done, new Date().toISOString());
  log(`data: generated ${persons} persons in ${dir} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return dir;
}
