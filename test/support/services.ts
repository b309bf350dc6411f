import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
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

export async function startTestServices(): Promise<TestServices> {
  let pg: RunningPostgres | undefined;
  let pgDir: string | undefined;
  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    // A fresh cluster per run (initdb takes about a second), so parallel runs in one checkout never share one.
    pgDir = mkdtempSync(path.join(os.tmpdir(), 'gz-test-pg-'));
    chmodSync(pgDir, 0o755); // as root the server runs as the user postgres, who must reach its data directory
    // Thrown away after the run, so nothing is gained by making commits durable: without the flush a commit
    // costs about a tenth (2.8 ms against 0.3 ms here), and the suite commits thousands of times.
    pg = await startEmbeddedPostgres({
      dataDir: path.join(pgDir, 'data'),
      port: await freePort(),
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
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
      if (pgDir) rmSync(pgDir, { recursive: true, force: true });
    },
  };
}
