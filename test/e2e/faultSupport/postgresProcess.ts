/** Starts and stops the embedded PostgreSQL of postgresMain.ts; the data directory survives restarts. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface PostgresProcess {
  url: string;
  /** A clean shutdown: in-flight transactions are aborted, connections closed. */
  stop(): Promise<void>;
}

export function startPostgresProcess(dataDir: string, port: number): Promise<PostgresProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'postgresMain.ts')], {
    env: { ...process.env, PG_DATA_DIR: dataDir, PG_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      if (!b.toString().includes('ready')) return;
      resolve({
        url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`postgres process exited (${code}) before ready: ${stderr}`)));
  });
}
