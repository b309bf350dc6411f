import { EmbeddedPostgresSetupError } from '../../platform/embeddedPostgres';
import { ToolError } from '../../scripts/tools';
import { startTestServices, type TestServices } from './services';

/**
 * Starts what the suite needs, once: PostgreSQL (TEST_DATABASE_URL, else an embedded server on a
 * free port) and a Temporal dev server (in memory, on a free port; TEST_TEMPORAL_ADDRESS to reuse one).
 * Test workers inherit the addresses through process.env. A set-up failure with a known remedy ends
 * the run with that one line instead of a stack trace.
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
  process.env.TEST_DATABASE_URL = services.databaseUrl;
  process.env.TEST_TEMPORAL_ADDRESS = services.temporalAddress;
  (globalThis as { __guazhengServices?: TestServices }).__guazhengServices = services;
}
