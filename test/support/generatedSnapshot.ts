/**
 * The generator's files (datagen/generate.ts) imported, every source a batch, and named one snapshot:
 * what a campaign launched on generated data reads. Shared by the browser stack, the whole-campaign
 * test and the history recorder, which had each listed the seven sources again.
 */
import type { Pool } from 'pg';
import { importFile } from '../../dataImport/importFile';
import { createSnapshot } from '../../dataImport/snapshot';
import type { GenerateResult } from '../../datagen/generate';

export async function snapshotOfGeneratedFiles(pool: Pool, files: GenerateResult['files'], names: { importedBy: string; snapshot: string }): Promise<number> {
  const { importedBy } = names;
  const sources = [
    ['registrations', files.registrations],
    ['social_insurance', files.socialInsurance],
    ['housing_fund', files.housingFund],
    ['units', files.units],
    ['public_sector_staff', files.publicSector],
    ['exam_applications', files.exams],
    ['labor_contracts', files.labor],
  ] as const;
  const batches: number[] = [];
  for (const [source, filePath] of sources) batches.push((await importFile(pool, { source, filePath, importedBy })).batchId);
  return createSnapshot(pool, names.snapshot, batches);
}
