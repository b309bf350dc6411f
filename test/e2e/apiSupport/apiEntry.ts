/**
 * The API as a child process of a test (jest cannot load jose, an ES module, through its own module
 * registry; Node can). Reads the usual environment; GZ_TEST_FAKE_COMMANDS=1 swaps in the fake port.
 * Prints one line "LISTENING <port>".
 */
import { buildServer } from '../../../api/server';
import { loadConfig } from '../../../platform/config';
import { createPool } from '../../../platform/db';
import { connectClient } from '../../../platform/temporalConnection';
import { createFakeCommands } from './fakeCommands';

async function main(): Promise<void> {
  const config = loadConfig();
  const pool = createPool(config.DATABASE_URL!, { max: 20 });
  const client = await connectClient(config);
  const app = await buildServer({
    pool,
    client,
    config,
    ...(process.env.GZ_TEST_FAKE_COMMANDS === '1' ? { commands: createFakeCommands() } : {}),
    log: (line) => console.error(`api: ${line}`),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`LISTENING ${typeof address === 'object' && address ? address.port : 0}`);
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
  console.error(`api: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
