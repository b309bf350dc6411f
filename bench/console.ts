/**
 * `npm run bench:console [-- --cases 20000 --runs 5]`: the console as an officer meets it, in
 * Debian's chromium (headless, playwright-core, the browser tests' flags) against the real stack —
 * PostgreSQL (DATABASE_URL's server with a throw-away database, else an embedded one), a Temporal
 * dev server of its own (TEMPORAL_ADDRESS to use another), the worker in this process, the API
 * (serving the built console) in a process of its own — with `--cases` open cases in one city.
 *
 * Each interaction is timed in the page, beside the same-run time of the bare API call it needs
 * (same token, from this process), both the median of `--runs`:
 *   cold first load   fresh browser context (empty cache), navigation start → worklist rows painted
 *                     | GET the worklist's first page (the request the page made)
 *   page change       click 下一页 → the next page's rows painted | GET that page
 *   open a case       click a case number → the case page's facts painted | GET /cases/{id}
 *   record a decision click 提交核查结论 → the recorded decision painted | POST /cases/{id}/decision
 * Targets: page change ≤ 4 × its API call; cold first load < 2 s; every other interaction < 1 s.
 * A page still a placeholder is reported as not measured.
 * Last line: RESULT name=console project=<ms> baseline=<ms> unit=ms ratio=<r> (the page change).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createActivities } from '../activities';
import { createUser } from '../api/users/createUser';
import { migrate } from '../db/migrate';
import { loadConfig } from '../platform/config';
import { createPool } from '../platform/db';
import { dataConverterFor } from '../platform/payloadCodec';
import { newPayloadKeyEntry } from '../platform/payloadKeys';
import { freePort, waitForPort } from '../platform/ports';
import { WORKER_TUNING } from '../platform/workerOptions';
import { ensureConsoleBuilt } from '../web/build';
import { caseStateQuery, caseWorkflowId } from '../workflows/messages/case';
import { seedCampaign } from './console/seed';
import { breakdownOf, clickAndTime, coldLoad, median, ROW, timeFetch, type Breakdown } from './console/timings';
import { startBenchServices, stopOnSignals } from './support/services';

const ROOT = path.resolve(__dirname, '..');
const CITY = '2201';
const OFFICER = 'bench-officer';
const PASSWORD = 'bench-password-1';
const CHROMIUM = process.env.GZ_TEST_CHROMIUM ?? '/usr/bin/chromium';
/** As test/browser/support/consoleStack.ts launches it. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DECISION = { outcome: 'TRANSFERRED' as const, receivingAuthority: '省人力资源和社会保障厅' };

const { values: opts } = parseArgs({ options: { cases: { type: 'string', default: '20000' }, runs: { type: 'string', default: '5' } } });
const CASES = Number(opts.cases);
const RUNS = Number(opts.runs);
const T0 = performance.now();
const log = (line: string) => console.log(`[console ${((performance.now() - T0) / 1000).toFixed(1).padStart(6)} s] ${line}`);

interface Row {
  name: string;
  target: string;
  /** Median in-page ms; undefined when not measured. */
  project?: number;
  baseline?: number;
  note?: string;
}

function startApiProcess(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'api', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A worklist request a page made (GET …/cities/{city}/cases?…); the cold load's is the first (the page then prefetches the next). */
const isWorklistRequest = (url: string) => {
  const u = new URL(url);
  return /^\/campaigns\/[^/]+\/cities\/\d{4}\/cases$/.test(u.pathname) && u.searchParams.get('pageSize') !== '1';
};

function table(rows: Row[]): string {
  const fmt = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(0)} ms`);
  const lines = [
    ['interaction', 'in the console (median)', 'bare API call (median)', 'ratio', 'target', 'met'],
    ...rows.map((r) => {
      const ratio = r.project !== undefined && r.baseline ? (r.project / r.baseline).toFixed(2) : '—';
      const met =
        r.project === undefined
          ? 'not measured'
          : r.name === 'page change'
            ? Number(ratio) <= 4 && r.project < 1000
              ? 'yes'
              : 'no'
            : r.project < (r.name === 'cold first load' ? 2000 : 1000)
              ? 'yes'
              : 'no';
      return [r.name, fmt(r.project), fmt(r.baseline), ratio, r.target, r.note ? `${met} (${r.note})` : met];
    }),
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => [...l[i]].length)));
  return lines.map((l) => l.map((c, i) => c.padEnd(widths[i])).join(' | ')).join('\n');
}

async function main(): Promise<void> {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  } catch {
    /* installed */
  }
  ensureConsoleBuilt((line) => log(`console: ${line}`));
  const stack = await startBenchServices({ tag: `console${randomBytes(4).toString('hex')}`, log });
  stopOnSignals(stack.kill);
  const pool = createPool(stack.databaseUrl, { max: 10 });
  const taskQueue = `bench-console-${randomBytes(3).toString('hex')}`;
  const campaignId = `bench-console-${randomBytes(3).toString('hex')}`;
  let api: ChildProcess | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let browser: Browser | undefined;
  try {
    await migrate(pool);
    await createUser(pool, { username: OFFICER, role: 'city_officer', cityCode: CITY, password: PASSWORD });
    // Decided in the console and by the bare call: two per run, and some to spare.
    const decidable = 2 * RUNS + 2;
    const seeded = await seedCampaign(pool, { campaignId, cityCode: CITY, cases: CASES, decidable });
    log(`${CASES} open cases in ${CITY}; ${decidable} of them with a case workflow`);

    const payloadKeys = newPayloadKeyEntry();
    const dataConverter = dataConverterFor(payloadKeys);
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') });
    worker = await Worker.create({
      connection: await NativeConnection.connect({ address: stack.temporalAddress }),
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({ pool, config: loadConfig({}) }),
      dataConverter,
      ...WORKER_TUNING,
    });
    running = worker.run();
    const client = new Client({ connection: await NativeConnection.connect({ address: stack.temporalAddress }), dataConverter });
    for (const caseId of seeded.decidable) {
      await client.workflow.start('caseWorkflow', {
        taskQueue,
        workflowId: caseWorkflowId(campaignId, CITY, caseId),
        args: [{ campaignId, cityCode: CITY, caseId, settings: { reminderAfterDays: 30, escalateAfterDays: 45 }, calendar: seeded.calendar }],
      });
    }
    for (const caseId of seeded.decidable) {
      const handle = client.workflow.getHandle(caseWorkflowId(campaignId, CITY, caseId));
      while (
        (await handle.query(caseStateQuery).then(
          (s) => s.status,
          () => 'unanswered',
        )) !== 'open'
      )
        await new Promise((r) => setTimeout(r, 100));
    }
    log('case workflows open');

    const apiPort = await freePort();
    api = startApiProcess({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TASK_QUEUE: taskQueue,
      API_PORT: String(apiPort),
      GZ_DATA_DIR: path.join(stack.tmpDir, 'api'),
      GZ_PAYLOAD_KEYS: payloadKeys,
      GZ_RATE_LIMIT_USER_PER_MINUTE: '10000000',
      GZ_RATE_LIMIT_IP_PER_MINUTE: '10000000',
    });
    await waitForPort(apiPort, 60_000);
    const base = `http://127.0.0.1:${apiPort}`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: OFFICER, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`log-in: ${login.status} ${await login.text()}`);
    const tokens = (await login.json()) as { accessToken: string; expiresIn: number };
    const auth = { authorization: `Bearer ${tokens.accessToken}` };
    // The console's session as it keeps it after a log-in (web/src/session.ts).
    const session = { 'gz.session': JSON.stringify({ ...tokens, expiresAt: Date.now() + tokens.expiresIn * 1000 }), 'gz.campaign': campaignId };

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const worklistUrl = `${base}/#/worklist`;
    const rows: Row[] = [];

    // ---- cold first load: a fresh context each run (empty cache) ----
    let firstPageRequest: string | undefined;
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      cold.push(await coldLoad(browser, worklistUrl, session, { kind: 'rows' }, (url) => (isWorklistRequest(url) ? (firstPageRequest ??= url) : undefined)));
    }
    if (!firstPageRequest) throw new Error('the worklist page made no worklist request');
    const coldBare: number[] = [];
    for (let i = 0; i < RUNS; i++) coldBare.push(await timeFetch(firstPageRequest, { headers: auth }));
    rows.push({ name: 'cold first load', target: '< 2 s', project: median(cold), baseline: median(coldBare) });
    log(`cold first load: ${cold.map((v) => v.toFixed(0)).join(', ')} ms; its request ${new URL(firstPageRequest).search}`);

    // ---- page change: one warm page, next page RUNS times ----
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(`for (const [k, v] of Object.entries(${JSON.stringify(session)})) sessionStorage.setItem(k, v);`);
    const page = await context.newPage();
    const pageRequests: string[] = [];
    page.on('request', (r) => {
      if (isWorklistRequest(r.url())) pageRequests.push(r.url());
    });
    await page.goto(worklistUrl);
    await page.locator(ROW).first().waitFor();
    const changes: number[] = [];
    const parts: Breakdown[] = [];
    for (let i = 0; i < RUNS; i++) {
      const first = await page.locator(ROW).first().getAttribute('data-row-key');
      const timed = await clickAndTime(page, '.ant-pagination-next', { kind: 'rows', notFirst: first ?? undefined });
      changes.push(timed.ms);
      const b = await breakdownOf(page, timed, '/cities/\\d{4}/cases$');
      if (b) parts.push(b);
    }
    const nextPages = pageRequests.slice(-RUNS);
    const changeBare: number[] = [];
    for (const url of nextPages) changeBare.push(await timeFetch(url, { headers: auth }));
    rows.push({ name: 'page change', target: '≤ 4 × API, < 1 s', project: median(changes), baseline: median(changeBare) });
    log(`page change: ${changes.map((v) => v.toFixed(0)).join(', ')} ms; bare ${changeBare.map((v) => v.toFixed(0)).join(', ')} ms`);
    if (parts.length > 0) {
      const m = (k: keyof Breakdown) => median(parts.map((p) => p[k])).toFixed(0);
      log(
        `page change, where the time goes (median): click → request sent ${m('beforeRequest')} ms, request ${m('request')} ms, answer → rows painted ${m('afterAnswer')} ms`,
      );
    }

    // ---- opening a case, recording a decision ----
    const opened: number[] = [];
    const decided: number[] = [];
    let note: string | undefined;
    const decidedInConsole = new Set<string>();
    for (let i = 0; i < RUNS && note === undefined; i++) {
      await page.goto(worklistUrl);
      await page.locator(ROW).first().waitFor();
      // The highest-risk open case not decided yet: one with a workflow (the seed put them first).
      const link = await page.evaluate(
        `[...document.querySelectorAll('${ROW} a[href^="#/cases/"]')].map((a) => a.getAttribute('href')).find((h) => !${JSON.stringify([...decidedInConsole])}.includes(decodeURIComponent(h.slice(8))))`,
      );
      if (typeof link !== 'string') throw new Error('no case link in the worklist');
      const caseId = decodeURIComponent(link.slice('#/cases/'.length));
      if (!seeded.decidable.includes(caseId)) throw new Error(`the worklist's first undecided case ${caseId} has no workflow`);
      try {
        opened.push((await clickAndTime(page, `${ROW} a[href="${link}"]`, { kind: 'element', selector: '[data-testid="case-status"]' })).ms);
      } catch (err) {
        note = `case page: ${(err as Error).message.split('\n')[0]}`;
        break;
      }
      try {
        decided.push(await decideInConsole(page));
        decidedInConsole.add(caseId);
      } catch (err) {
        note = `decision: ${(err as Error).message.split('\n')[0]}`;
      }
    }
    const spare = seeded.decidable.filter((c) => !decidedInConsole.has(c));
    const openBare: number[] = [];
    const decideBare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const caseId = spare[i];
      openBare.push(await timeFetch(`${base}/cases/${encodeURIComponent(caseId)}`, { headers: auth }));
      decideBare.push(
        await timeFetch(`${base}/cases/${encodeURIComponent(caseId)}/decision`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-console-${caseId}` },
          body: JSON.stringify(DECISION),
        }),
      );
    }
    rows.push({
      name: 'open a case',
      target: '< 1 s',
      project: opened.length ? median(opened) : undefined,
      baseline: median(openBare),
      note: opened.length ? undefined : note,
    });
    rows.push({
      name: 'record a decision',
      target: '< 1 s',
      project: decided.length ? median(decided) : undefined,
      baseline: median(decideBare),
      note: decided.length ? undefined : note,
    });
    await context.close();

    console.log(`\nbench:console — ${CASES} cases in one city, median of ${RUNS} runs, chromium ${browser.version()}\n`);
    console.log(table(rows));
    console.log('');
    const change = rows.find((r) => r.name === 'page change')!;
    console.log(
      `RESULT name=console project=${change.project!.toFixed(1)} baseline=${change.baseline!.toFixed(1)} unit=ms ratio=${(change.project! / change.baseline!).toFixed(2)}`,
    );
  } finally {
    await browser?.close().catch(() => undefined);
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api!.once('exit', r));
      api.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000).unref())]);
    }
    worker?.shutdown();
    await running?.catch(() => undefined);
    await pool.end();
    await stack.stop();
  }
}

/** On an open case's page: the decision filled in (not timed), then 提交核查结论 → the recorded decision painted. */
async function decideInConsole(page: Page): Promise<number> {
  const outcome = page.locator('#decision_outcome');
  await outcome.waitFor({ timeout: 10_000 });
  await outcome.click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('移交其他部门').click();
  await page.locator('#decision_receivingAuthority').fill(DECISION.receivingAuthority);
  return (await clickAndTime(page, 'form[id="decision"] button[type="submit"]', { kind: 'element', selector: '[data-testid="recorded-decision"]' })).ms;
}

main().catch((err) => {
  console.error(`bench:console: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
