/** What jest's global set-up makes for the whole run, and how the teardown (or a SIGTERM) undoes it. */
import { rmSync } from 'node:fs';
import { dropTemplateDatabase } from './database';
import type { TestServices } from './services';

export interface RunFixtures {
  services: TestServices;
  templateDatabase: string;
  bundleDir: string;
}

/** Undoes what the global set-up made: the template database, the bundle, the servers. */
export async function stopRunFixtures(run: RunFixtures): Promise<void> {
  await dropTemplateDatabase(run.templateDatabase).catch(() => undefined);
  rmSync(run.bundleDir, { recursive: true, force: true });
  await run.services.stop();
}
