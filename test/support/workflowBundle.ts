/**
 * The project's workflows bundled once per run: webpack takes about 3.5 s per bundle, and some fifty
 * test files each started a worker on one. The global setup writes the bundle to a file
 * (GZ_TEST_WORKFLOW_BUNDLE) and every file reads it; a test run outside jest's global setup bundles
 * for itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const WORKFLOWS = require.resolve('../../workflows');

export function bundleProjectWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS, logger: new DefaultLogger('WARN') });
}

/** Writes the bundle to `file` (code and source map as JSON), for the test files to share. */
export async function writeWorkflowBundle(file: string): Promise<void> {
  writeFileSync(file, JSON.stringify(await bundleProjectWorkflows()));
}

/** The run's shared bundle when the global setup made one, else a fresh bundle. */
export async function sharedWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  const file = process.env.GZ_TEST_WORKFLOW_BUNDLE;
  if (file) return JSON.parse(readFileSync(file, 'utf8')) as WorkflowBundleWithSourceMap;
  return bundleProjectWorkflows();
}
