import { Client } from '@temporalio/client';
import { loadConfig } from '../platform/config';
import { createPool } from '../platform/db';
import { connectWorker, payloadDataConverter } from '../platform/temporalConnection';
import { buildServer } from './server';

/** The API process. DATABASE_URL is always set here (npm start passes the embedded server's URL). */
async function main(): Promise<void> {
  process.umask(0o077); // what it writes (uploads, reports, import issues with ID numbers) is 0600, folders 0700
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set (npm start sets it for the API)');
  const pool = createPool(config.DATABASE_URL);
  // The client runs over the SDK's native (Rust) connection, the worker's kind: gRPC's HTTP/2 work
  // then happens in native threads instead of the API's JavaScript thread, which every decision's
  // update crosses. Same address, TLS and API key as the worker (platform/temporalConnection.ts).
  const client = new Client({
    connection: await connectWorker(config),
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: payloadDataConverter(config),
  });
  const app = await buildServer({ pool, client, config });
  await app.listen({ port: config.API_PORT, host: config.API_HOST });
  console.log(`api: console and API on http://localhost:${config.API_PORT}`);
  const shutdown = async () => {
    await app.close();
    await client.connection.close();
    await pool.end();
    process.exit(0);
  };
  const stop = () => {
    shutdown().catch((err: unknown) => {
      console.error(`api: stopping: ${(err as Error).message}`);
      process.exit(1);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(`api: ${(err as Error).message}`);
  process.exit(1);
});
