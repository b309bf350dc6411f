import path from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../../platform/embeddedPostgres';
import { freePort } from '../../platform/ports';
import { startTemporalDevServer, type RunningTemporal } from '../../platform/temporalDevServer';
import { temporalCliPath } from '../../scripts/tools';


export interface TestServices {
  databaseUrl: string;
  temporalAddress: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

export async function startTestServices(): Promise<TestServices> {
  let pg: RunningPostgres | undefined;
  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    // Kept between runs under data/ so initdb runs once; a fresh port each run.
    pg = await startEmbeddedPostgres({ dataDir: path.join(ROOT, 'data', 'test-postgres'), port: await freePort() });
    databaseUrl = pg.url;
  }
  let temporal: RunningTemporal | undefined;
  let temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    temporal = await startTemporalDevServer({ cli: temporalCliPath(), port: await freePort() });
    temporalAddress = temporal.address;
  }
  return {
    databaseUrl,
    temporalAddress,
    async stop() {
      await Promise.allSettled([temporal?.stop(), pg?.stop()]);
    },
  };
}
