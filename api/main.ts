import { loadConfig } from '../platform/config';
import { createPool } from '../platform/db';
import { connectClient } from '../platform/temporalConnection';
import { buildServer } from './server';

/** The API process. DATABASE_URL is always set here (npm start passes the embedded server's URL). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set (npm start sets it for the API)');
  const pool = createPool(config.DATABASE_URL);
  const client = await connectClient(config);
  const app = await buildServer({ pool, client, config });
  await app.listen({ port: config.API_PORT, host: config.API_HOST });
  console.log(`api: console and API on http://localhost:${config.API_PORT}`);
  const stop = async () => {
    await app.close();
    await client.connection.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(`api: ${(err as Error).message}`);
  process.exit(1);
});
