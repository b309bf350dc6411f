import { startTestServices, type TestServices } from './services';

/**
 * Starts what the suite needs, once: PostgreSQL (TEST_DATABASE_URL, else an embedded server on a
 * free port) and a Temporal dev server (in memory, on a free port; TEST_TEMPORAL_ADDRESS to reuse one).
 * Test workers inherit the addresses through process.env.
 */
export default async function globalSetup(): Promise<void> {
  const services = await startTestServices();
  process.env.TEST_DATABASE_URL = services.databaseUrl;
  process.env.TEST_TEMPORAL_ADDRESS = services.temporalAddress;
  (globalThis as { __guazhengServices?: TestServices }).__guazhengServices = services;
}
