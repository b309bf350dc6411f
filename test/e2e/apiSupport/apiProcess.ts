/** Starts the API in a child process for one test file and stops it afterwards. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_PAYLOAD_KEYS } from '../../support/payloadKeys';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface RunningApi {
  url: string;
  /** The child's stderr so far (problems the API logged). */
  logs(): string;
  stop(): Promise<void>;
}

export async function startApi(opts: { databaseUrl: string; taskQueue?: string; fakeCommands?: boolean; env?: Record<string, string> }): Promise<RunningApi> {
  const temporal = process.env.TEST_TEMPORAL_ADDRESS;
  if (!temporal) throw new Error('TEST_TEMPORAL_ADDRESS is not set: run through jest');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gz-api-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: opts.databaseUrl,
    TEMPORAL_ADDRESS: temporal,
    TASK_QUEUE: opts.taskQueue ?? 'api-test',
    GZ_DATA_DIR: dataDir,
    GZ_JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    GZ_ALERT_POLL_MS: '200',
    ...(process.env.GZ_PASSWORD_COST ? { GZ_PASSWORD_COST: process.env.GZ_PASSWORD_COST } : {}),
    // Encrypted as in production, with a key the test's own workers and clients share.
    GZ_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    ...(opts.fakeCommands ? { GZ_TEST_FAKE_COMMANDS: '1' } : {}),
    ...opts.env,
  };
  const child: ChildProcess = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'apiEntry.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`API did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code}: ${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    logs: () => stderr,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
      // The API's data folder (uploads, reports) belongs to this test file only.
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
