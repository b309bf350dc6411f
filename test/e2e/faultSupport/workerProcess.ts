/**
 * Workers in processes of their own (test/support/caseWorkerProcess.ts), so a test can kill one
 * with SIGKILL (a real crash) while others carry on. Each gets its own process group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface WorkerProcess {
  child: ChildProcess;
  /** The worker's default Temporal identity (`<pid>@<host>`): what histories record per task. */
  pid: number;
  /** kill -9 of the whole process group: no shutdown, no flushing. */
  crash(): void;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

export interface WorkerSettings {
  address: string;
  taskQueue: string;
  databaseUrl: string;
  /** A file holding the prebuilt workflow bundle's code. */
  bundlePath: string;
  /** Hosts the worker may deliver webhooks to (GZ_WEBHOOK_HOSTS); none unless given. */
  webhookHosts?: string;
}

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null && child.pid !== undefined;
}

export function startWorkerProcess(s: WorkerSettings): Promise<WorkerProcess> {
  // `node --import tsx` runs the script in this very process, so a SIGKILL leaves no orphan.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../support/caseWorkerProcess.ts')], {
    detached: true,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: s.address,
      TASK_QUEUE: s.taskQueue,
      DATABASE_URL: s.databaseUrl,
      WORKFLOW_BUNDLE: s.bundlePath,
      GZ_WEBHOOK_HOSTS: s.webhookHosts ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const handle: WorkerProcess = {
    child,
    pid: child.pid!,
    crash() {
      if (!alive(child)) return;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    },
    async stop() {
      if (!alive(child)) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const t = setTimeout(() => handle.crash(), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) resolve(handle);
    });
    child.once('exit', (code) => reject(new Error(`worker process exited (${code}) before ready: ${stderr}`)));
  });
}
