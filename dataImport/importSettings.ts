/**
 * The importer's two tuning variables, read and validated in one place (zod, like every other
 * setting): a malformed value is an error naming the variable, not silently ignored.
 */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';

const ImportEnv = z.object({
  /** Smallest CSV file (bytes) that takes the set-based path; default 1 MiB, 0: every file. */
  GZ_IMPORT_STAGED_MIN_BYTES: z.coerce.number().min(0).optional(),
  /** A file to which each staged import appends its phase timings (no cell content). */
  GZ_IMPORT_TIMINGS: z.string().min(1).optional(),
});

export function importEnv(env: NodeJS.ProcessEnv = process.env): z.infer<typeof ImportEnv> {
  const r = ImportEnv.safeParse({
    GZ_IMPORT_STAGED_MIN_BYTES: env.GZ_IMPORT_STAGED_MIN_BYTES || undefined,
    GZ_IMPORT_TIMINGS: env.GZ_IMPORT_TIMINGS || undefined,
  });
  if (!r.success) throw new Error(`invalid import setting: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** GZ_IMPORT_TIMINGS=<file>: appends each phase's seconds, to see where an import spends its time. */
export function phaseTimer(label: string): (phase: string) => void {
  const out = importEnv().GZ_IMPORT_TIMINGS;
  let last = performance.now();
  return (phase) => {
    if (!out) return;
    const now = performance.now();
    appendFileSync(out, `${label} ${phase} ${((now - last) / 1000).toFixed(2)}s\n`);
    last = now;
  };
}
