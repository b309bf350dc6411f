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
import { actOnProcedures, type Refusal } from './procedureOfficers';
import { startRehearsalStack } from './stack';
import { summarize, type RehearsalSummary } from './summary';

/**
 * The days the procedures' officers work (15:00): the city's procedures from the decisions of
 * 2024-11-12 (notice, a statement window of 5 working days, a hearing 7 working days after its
 * notice, decisions and their service, a redress and its result), the province's from its
 * impositions of 2025-02-08 (the window across the adjusted working Saturday of 2025-02-08), the
 * ministry's answers, all before the campaign closes on 2025-02-28.
 */
const PROCEDURE_DAYS = [
  '2024-11-13',
  '2024-11-14',
  '2024-11-19',
  '2024-11-21',
  '2024-11-25',
  '2024-11-26',
  '2024-11-28',
  '2024-12-03',
  '2024-12-10',
  '2024-12-20',
  '2025-01-06',
  '2025-02-06',
  '2025-02-08',
  '2025-02-10',
  '2025-02-12',
  '2025-02-14',
  '2025-02-17',
  '2025-02-18',
  '2025-02-20',
  '2025-02-24',
  '2025-02-26',
] as const;
/** A redress filed gets its result this many days later. */
const REDRESS_RESULT_AFTER_DAYS = 20;

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
  const refusals: Refusal[] = [];
  try {
    const r = await launchRehearsal(stack, {
      persons: opts.persons,
      seed: opts.seed,
      dataDir,
      campaignId,
      log,
      procedureDays: PROCEDURE_DAYS,
      onProcedureDay: async (_, today) => {
        const before = refusals.length;
        const steps = await actOnProcedures(stack, campaignId, { today, redressResultAfterDays: REDRESS_RESULT_AFTER_DAYS }, refusals);
        if (steps > 0) log(`处罚程序 ${today}: ${steps} steps taken`);
        for (const f of refusals.slice(before)) log(`处罚程序 ${today}: ${f.level} procedure of case ${f.caseId} refused a step (${f.code}): ${f.message}`);
      },
    });
    const declared = await playSelfCheck(r);
    const { carried } = await playInvestigation(r, declared);
    await playVerification(r, carried);
    await playToClose(r, PROCEDURE_DAYS[PROCEDURE_DAYS.length - 1]);
    const files = await writeOutputFiles(stack.pool, campaignId, outDir);
    log(`wrote ${files.reports} reports and ${files.documents} documents into ${outDir}`);
    const summary = await summarize(stack.pool, { campaignId, persons: opts.persons, outDir, elapsedSeconds: elapsed(), files, refusals });
    writeFileSync(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`, { mode: 0o600 });
    return summary;
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
