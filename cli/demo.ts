/** `guazheng demo`: launches the demo campaign on the running stack (what `npm start` does by itself). */
import { loadConfig } from '../platform/config';
import { createPool } from '../platform/db';
import { connectClient } from '../platform/temporalConnection';
import { ensureDemoCampaign } from '../services/demo';
import type { CliCommand, OptionValues } from './command';
import { openDatabase } from '../platform/openDatabase';

export const command: CliCommand = {
  summary: 'launch the demo campaign (generated data, compressed calendar) unless it exists',
  options: { 'minutes-per-day': { type: 'string' } },
  async run(values: OptionValues): Promise<number> {
    const minutes = values['minutes-per-day'] === undefined ? undefined : Number(values['minutes-per-day']);
    if (minutes !== undefined && !(minutes > 0 && minutes <= 1440)) {
      process.stderr.write('guazheng: demo: --minutes-per-day must be a number in (0, 1440]\n');
      return 2;
    }
    const config = loadConfig();
    const db = await openDatabase();
    const pool = createPool(db.url);
    const client = await connectClient(config);
    try {
      const r = await ensureDemoCampaign({ client, pool, config, log: (l) => process.stdout.write(`${l}\n`), minutesPerDay: minutes });
      if (r) process.stdout.write(`launched ${r.workflowId}\n`);
      return 0;
    } finally {
      await client.connection.close();
      await pool.end();
      await db.stop();
    }
  },
};
