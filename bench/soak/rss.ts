/**
 * Peak memory of the soak's processes, sampled from /proc while they run.
 *
 * - A single process (worker, API, this driver): VmHWM, the kernel's own high-water mark of its
 *   resident set, read at every sample, so the last reading before it exits is exact.
 * - A process tree (PostgreSQL: the postmaster and one backend per connection; the Temporal dev
 *   server and anything it forks): the peak of the SUM of each member's Pss (proportional set
 *   size, /proc/<pid>/smaps_rollup), because every backend maps the same shared buffers and a
 *   sum of RSS would count them once per backend. Sampled every few seconds, so it is a lower
 *   bound of the true peak (a spike shorter than the interval can be missed).
 */
import { readdirSync, readFileSync } from 'node:fs';

export type Target = { kind: 'process'; name: string; pid: number } | { kind: 'tree'; name: string; rootPid: () => number | undefined };

interface Peak {
  name: string;
  kind: Target['kind'];
  peakKb: number;
  /** Largest number of processes seen in the tree. */
  processes: number;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process has ended
  }
}

function statusKb(pid: number, field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(read(`/proc/${pid}/status`) ?? '');
  return m ? Number(m[1]) : 0;
}

function pssKb(pid: number): number {
  const m = /^Pss:\s+(\d+) kB/m.exec(read(`/proc/${pid}/smaps_rollup`) ?? '');
  return m ? Number(m[1]) : statusKb(pid, 'VmRSS');
}

/** Parent pid of every live process, read once per sample. */
function parentMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  return children;
}

function treeOf(root: number, children: Map<number, number[]>): number[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

export class RssSampler {
  private readonly targets: Target[] = [];
  private readonly peaks = new Map<string, Peak>();
  private timer?: NodeJS.Timeout;

  add(target: Target): void {
    this.targets.push(target);
    this.peaks.set(target.name, { name: target.name, kind: target.kind, peakKb: 0, processes: 0 });
  }

  start(intervalMs = 2_000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }

  sample(): void {
    const children = this.targets.some((t) => t.kind === 'tree') ? parentMap() : new Map<number, number[]>();
    for (const t of this.targets) {
      const peak = this.peaks.get(t.name)!;
      if (t.kind === 'process') {
        peak.peakKb = Math.max(peak.peakKb, statusKb(t.pid, 'VmHWM'));
        peak.processes = 1;
      } else {
        const root = t.rootPid();
        if (!root) continue;
        const pids = treeOf(root, children);
        peak.peakKb = Math.max(
          peak.peakKb,
          pids.reduce((n, pid) => n + pssKb(pid), 0),
        );
        peak.processes = Math.max(peak.processes, pids.length);
      }
    }
  }

  report(): Peak[] {
    return [...this.peaks.values()];
  }
}
