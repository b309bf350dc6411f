import { ensureDemoUsers } from '../api/users';
import type { AppConfig } from '../platform/config';
import { createPool } from '../platform/db';
import { connectClient } from '../platform/temporalConnection';
import { ensureDemoCampaign } from '../services/demo';

/**
 * Once the stack is up: the demo's users (one per role) and the demo campaign, unless it exists.
 * A failure is reported but does not stop the stack: the system is usable without the demo.
 */
export async function startDemo(opts: { config: AppConfig; databaseUrl: string; log: (line: string) => void }): Promise<void> {
  const { config, log } = opts;
  const pool = createPool(opts.databaseUrl);
  const client = await connectClient({ ...config, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}` });
  try {
    const created = await ensureDemoUsers(pool);
    if (created.length) log(`demo: users ${created.join(', ')} created (passwords in docs/api.md)`);
    await ensureDemoCampaign({ client, pool, config, log });
  } catch (err) {
    log(`demo: not launched: ${(err as Error).message}`);
  } finally {
    await client.connection.close();
    await pool.end();
  }
}
