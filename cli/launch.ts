/**
 * `guazheng launch --config campaign.json`: a provincial coordinator launches a campaign on the
 * running stack (npm start, or TEMPORAL_ADDRESS and DATABASE_URL). Exit 2 on an invalid
 * configuration or an existing id, with one line naming the problem.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { loadConfig } from '../platform/config';
import { createPool } from '../platform/db';
import { connectClient } from '../platform/temporalConnection';
import { CampaignExistsError, InvalidCampaignConfigError, launchCampaign, parseCampaignConfig } from '../services/launchCampaign';
import type { CliCommand, OptionValues } from './command';
import { openDatabase } from '../platform/openDatabase';

export const command: CliCommand = {
  summary: 'launch a campaign from a JSON configuration (id, calendar, cities, data sources, rules)',
  options: { config: { type: 'string' }, 'launched-by': { type: 'string' } },
  async run(values: OptionValues): Promise<number> {
    if (typeof values.config !== 'string') {
      process.stderr.write('guazheng: launch: --config FILE is required\n');
      return 2;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(values.config, 'utf8'));
      parseCampaignConfig(raw); // refuse a bad configuration before connecting to anything
    } catch (err) {
      const why = err instanceof InvalidCampaignConfigError ? err.message : `cannot read ${values.config}: ${(err as Error).message}`;
      process.stderr.write(`guazheng: launch: ${why}\n`);
      return 2;
    }
    const config = loadConfig();
    const db = await openDatabase();
    const pool = createPool(db.url);
    const client = await connectClient(config);
    try {
      const r = await launchCampaign({ client, pool, taskQueue: config.TASK_QUEUE, hosts: config, log: (l) => process.stdout.write(`${l}\n`) }, raw, {
        launchedBy: typeof values['launched-by'] === 'string' ? values['launched-by'] : userInfo().username,
      });
      process.stdout.write(`launched ${r.workflowId} (run ${r.runId}, snapshot ${r.snapshotId})\n`);
      return 0;
    } catch (err) {
      if (err instanceof CampaignExistsError || err instanceof InvalidCampaignConfigError) {
        process.stderr.write(`guazheng: launch: ${err.message}\n`);
        return 2;
      }
      throw err;
    } finally {
      await client.connection.close();
      await pool.end();
      await db.stop();
    }
  },
};
