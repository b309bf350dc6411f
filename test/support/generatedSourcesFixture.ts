/**
 * What the re-screening workflow tests stand on: a test database holding the generator's registrations,
 * social insurance, housing fund, units and public-sector staff for 1,000 persons (imported, one batch
 * per source, no snapshot yet), the time-skipping server with the project's search attributes, and the
 * run's workflow bundle.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { importFile } from '../../dataImport/importFile';
import { generateDataset } from '../../datagen/generate';
import { bundleWorkflows, createTimeSkippingEnv } from './caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from './database';

export interface GeneratedSources {
  db: TestDatabase;
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
  /** Where the generated files are (a test may write changed copies beside them). */
  dataDir: string;
  /** Each source's import batch. */
  batches: Map<string, number>;
  stop(): Promise<void>;
}

export async function startGeneratedSources(): Promise<GeneratedSources> {
  const [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), bundleWorkflows()]);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gz-rescreen-'));
  const { files } = await generateDataset({ persons: 1000, seed: 20240902, outDir: dataDir });
  const batches = new Map<string, number>();
  for (const [source, filePath] of [
    ['registrations', files.registrations],
    ['social_insurance', files.socialInsurance],
    ['housing_fund', files.housingFund],
    ['units', files.units],
    ['public_sector_staff', files.publicSector],
  ] as const) {
    batches.set(source, (await importFile(db.pool, { source, filePath, importedBy: 'test' })).batchId);
  }
  return {
    db,
    env,
    bundle,
    dataDir,
    batches,
    async stop() {
      await env.teardown();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
