import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgresSetupError } from '../../platform/embeddedPostgres';
import { ToolError } from '../../scripts/tools';
import { createTemplateDatabase } from './database';
import { startTestServices, type TestServices } from './services';
import { stopRunFixtures, type RunFixtures } from './runFixtures';
import { writeWorkflowBundle } from './workflowBundle';

/**
 * Starts what the suite needs, once: PostgreSQL (TEST_DATABASE_URL, else an embedded server on a
 * free port) and a Temporal dev server (in memory, on a free port; TEST_TEMPORAL_ADDRESS to reuse one);
 * and makes what every file would otherwise make again: a migrated template database
 * (TEST_TEMPLATE_DATABASE) and the workflow bundle (GZ_TEST_WORKFLOW_BUNDLE). Test workers inherit
 * them through process.env. A set-up failure with a known remedy ends the run with that one line
 * instead of a stack trace.
 */
export default async function globalSetup(): Promise<void> {
  let services: TestServices;
  try {
    services = await startTestServices();
  } catch (err) {
    if (!(err instanceof EmbeddedPostgresSetupError || err instanceof ToolError)) throw err;
    console.error(`\nguazheng: the tests cannot start: ${err.message}`);
    process.exit(1);
  }
  // Cheap password hashes for the many users the files seed and log in (api/auth/passwords.ts).
  process.env.GZ_PASSWORD_COST = '10';
  process.env.TEST_DATABASE_URL = services.databaseUrl;
  process.env.TEST_TEMPORAL_ADDRESS = services.temporalAddress;
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'gz-test-bundle-'));
  const bundleFile = path.join(bundleDir, 'workflows.json');
  const [templateDatabase] = await Promise.all([createTemplateDatabase(), writeWorkflowBundle(bundleFile)]);
  process.env.TEST_TEMPLATE_DATABASE = templateDatabase;
  process.env.GZ_TEST_WORKFLOW_BUNDLE = bundleFile;
  const run: RunFixtures = { services, templateDatabase, bundleDir };
  (globalThis as { __guazhengRun?: RunFixtures }).__guazhengRun = run;
  // `npm test` stops jest with SIGTERM when a static check fails: the servers must not outlive it.
  process.once('SIGTERM', () => {
    void stopRunFixtures(run).finally(() => process.exit(143));
  });
}
