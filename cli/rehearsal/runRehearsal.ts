/**
 * A whole campaign, start to finish, on its own stack: generate persons, launch, the three phases
 * with their officers, the penalty procedures, the campaign's close, then every report and document
 * into the output folder and the summary. Progress goes to `log` (stderr), the summary to the caller.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchRehearsal, playInvestigation, playSelfCheck, playToClose, playVerification } from './campaignScript';
import { writeOutputFiles } from './outputFiles';
import { startRehearsalStack } from './stack';
import { summarize, type RehearsalSummary } from './summary';

export interface RehearsalOptions {
  persons: number;
  outDir: string;
  seed: number;
  /** Keeps the rehearsal's database (its name is logged) instead of dropping it at the end. */
  keepDatabase?: boolean;
  log: (line: string) => void;
}

export async function runRehearsal(opts: RehearsalOptions): Promise<RehearsalSummary> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) / 100) / 10;
  const log = (line: string) => opts.log(`[${elapsed().toFixed(1).padStart(6)} s] ${line}`);
  const outDir = path.resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  // The generated persons are inputs, not results: they stay out of the output folder.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gz-rehearsal-data-'));
  const campaignId = `rehearsal-${randomBytes(3).toString('hex')}`;
  const stack = await startRehearsalStack(log, { keepDatabase: opts.keepDatabase });
  try {
    const r = await launchRehearsal(stack, { persons: opts.persons, seed: opts.seed, dataDir, campaignId, log });
    const declared = await playSelfCheck(r);
    const { carried } = await playInvestigation(r, declared);
    await playVerification(r, carried);
    await playToClose(r);
    const files = await writeOutputFiles(stack.pool, campaignId, outDir);
    log(`wrote ${files.reports} reports and ${files.documents} documents into ${outDir}`);
    const summary = await summarize(stack.pool, { campaignId, persons: opts.persons, outDir, elapsedSeconds: elapsed(), files });
    writeFileSync(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`, { mode: 0o600 });
    return summary;
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
