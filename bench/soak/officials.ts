/**
 * The officials of the soak, each acting through the HTTP API as a person would: one city officer
 * per city (api/users/createUser, the way `guazheng user add` creates them) and the provincial
 * coordinator.
 *
 * - Self-check (phase 1): each officer records a few self-check declarations (自查自纠) and
 *   deregistration requests of registered persons of the city, then submits the city's summary;
 *   the coordinator processes the requests (cancelled) and approves the summaries.
 * - Investigation (phase 2): each officer pages the city's worklist of open cases and decides
 *   them in bulk (POST …/decisions, one update per case) with a fixed mix of outcomes; a case
 *   whose workflow has not started yet is refused and taken again on the next page. With no case
 *   left open and every case opened, the officer submits the investigation report; the
 *   coordinator approves it.
 * The mix (by case sequence, so it is the same on every run): 30 % VIOLATION (penalties), 10 %
 * RECTIFIED inside phase 1 (exempt), 5 % RECTIFIED after it (liable), 25 % COMPLIANT (four
 * grounds), 15 % TRANSFERRED, 15 % DEREGISTERED.
 */
import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import type { Pool } from 'pg';
import { CASE_NOT_STARTED_RETRY_SECONDS } from '../../api/commands/temporalCommands';
import { createUser } from '../../api/users/createUser';
import { addDays, type CampaignCalendar } from '../../domain/calendar';
import type { CaseDecisionInput } from '../../domain/outcomes';
import { HttpError, Official } from './http';

export interface Officials {
  coordinator: Official;
  officers: Map<string, Official>;
  /** Issue 21: each city's 人社局 co-signs its reports; 省人社厅 reviews their 人社 part. */
  hrCoordinator: Official;
  hrOfficers: Map<string, Official>;
}

export async function createOfficials(pool: Pool, apiBase: string, cities: string[]): Promise<Officials> {
  const password = 'soak-password-0001';
  await createUser(pool, { username: 'soak-coordinator', role: 'province_coordinator', displayName: '省住建厅协调人（压力测试）', password });
  await createUser(pool, { username: 'soak-hr-coordinator', role: 'province_hr_coordinator', displayName: '省人社厅协调人（压力测试）', password });
  const officers = new Map<string, Official>();
  const hrOfficers = new Map<string, Official>();
  for (const city of cities) {
    await createUser(pool, { username: `soak-officer-${city}`, role: 'city_officer', cityCode: city, displayName: `市州核查员 ${city}`, password });
    officers.set(city, new Official(apiBase, `soak-officer-${city}`, password));
    await createUser(pool, { username: `soak-hr-${city}`, role: 'city_hr_officer', cityCode: city, displayName: `市州人社局 ${city}`, password });
    hrOfficers.set(city, new Official(apiBase, `soak-hr-${city}`, password));
  }
  return {
    coordinator: new Official(apiBase, 'soak-coordinator', password),
    officers,
    hrCoordinator: new Official(apiBase, 'soak-hr-coordinator', password),
    hrOfficers,
  };
}

/** A few registered persons per city for the self-check intake: every `every`-th valid registration. */
export async function selfCheckSubjects(registrationsCsv: string, every: number): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  let n = 0;
  const lines = readline.createInterface({ input: createReadStream(registrationsCsv, 'utf8'), crlfDelay: Infinity });
  let header: string[] | undefined;
  for await (const line of lines) {
    const cells = line.split(',');
    if (!header) {
      header = cells.map((h) => h.replace(/^\uFEFF/, ''));
      continue;
    }
    const id = cells[header.indexOf('id_number')];
    const city = cells[header.indexOf('city_code')];
    // Only clean rows of the generator: a valid 18-character number, a city code, a valid status.
    if (!/^\d{17}[\dX]$/.test(id) || !/^22\d\d$/.test(city) || cells[header.indexOf('status')] !== 'valid' || seen.has(id)) continue;
    seen.add(id);
    if (n++ % every !== 0) continue;
    const list = out.get(city) ?? [];
    list.push(id);
    out.set(city, list);
  }
  return out;
}

export function decisionFor(seq: number, calendar: CampaignCalendar): CaseDecisionInput {
  const k = seq % 20;
  if (k < 6)
    return { outcome: 'VIOLATION', actualEmployer: { name: `实际工作单位${seq % 997}` }, evidence: '社保和公积金由实际工作单位缴纳，本人未在注册单位从业' };
  if (k < 8)
    return {
      outcome: 'RECTIFIED',
      rectifiedOn: addDays(calendar.selfCheck.deadline, -10),
      how: 'moved_contributions',
      note: '自查自纠期间已将社保转至注册单位',
    };
  if (k < 9) return { outcome: 'RECTIFIED', rectifiedOn: calendar.investigation.start, how: 'moved_registration' };
  if (k < 14) {
    const ground = (['DATA_LAG', 'BRANCH', 'RETIRED', 'SS_BUYOUT'] as const)[k % 4];
    return { outcome: 'COMPLIANT', ground, justification: '经核实属合法情形，材料已存档' };
  }
  if (k < 17) return { outcome: 'TRANSFERRED', receivingAuthority: '省人力资源和社会保障厅' };
  return { outcome: 'DEREGISTERED', deregisteredOn: calendar.investigation.start };
}

export interface BotCounters {
  decided: number;
  byOutcome: Record<string, number>;
  /** Refusals of a case not yet started or already being decided, retried later. */
  retried: number;
  /** Refusals by status, code and reason. */
  refusals: Record<string, number>;
  /** Pauses of CASE_NOT_STARTED_RETRY_SECONDS with no ready case on a city's worklist and some still being started. */
  waits: number;
  declarations: number;
  deregistrationRequests: number;
  deregistrationsProcessed: number;
  submissions: number;
  approvals: number;
  /** Reviews refused because the city had not yet taken the submission in (a race the read model shows). */
  reviewsRetried: number;
  /** When each city's last case was decided / its investigation report was submitted (ms). */
  lastDecisionAt: Map<string, number>;
  reportSubmittedAt: Map<string, number>;
}

export function newCounters(): BotCounters {
  return {
    decided: 0,
    byOutcome: {},
    retried: 0,
    refusals: {},
    waits: 0,
    declarations: 0,
    deregistrationRequests: 0,
    deregistrationsProcessed: 0,
    submissions: 0,
    approvals: 0,
    reviewsRetried: 0,
    lastDecisionAt: new Map(),
    reportSubmittedAt: new Map(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A city workflow that has not started yet (or is continuing as new) answers 409 "not running": try again shortly, for up to a minute. */
async function whileStarting<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof HttpError && err.status === 409 && /not running/.test(err.body)) || attempt >= 60) throw err;
      await sleep(1_000);
    }
  }
}

interface CityView {
  phase: string;
  status: string;
  submissions: { kind: string; version: number; status: string }[];
}

export class CampaignBot {
  readonly counters = newCounters();
  private stopped = false;

  constructor(
    private readonly o: Officials,
    private readonly campaignId: string,
    private readonly calendar: CampaignCalendar,
    private readonly subjects: Map<string, string[]>,
    private readonly opts: { bulk: number; log: (line: string) => void },
  ) {}

  stop(): void {
    this.stopped = true;
  }

  private city(code: string): Promise<CityView> {
    return this.o.officers.get(code)!.call<CityView>('GET', `/campaigns/${this.campaignId}/cities/${code}`);
  }

  private async waitForCity(code: string, phases: string[]): Promise<CityView> {
    for (;;) {
      if (this.stopped) throw new Error('stopped');
      const v = await this.city(code);
      if (phases.includes(v.phase)) return v;
      await sleep(1_000);
    }
  }

  /** One city's officer from phase 1 to the investigation report. */
  async runCity(code: string): Promise<void> {
    const me = this.o.officers.get(code)!;
    const base = `/campaigns/${this.campaignId}/cities/${code}`;
    // The read model shows a city as 'selfCheck' from the launch; its workflow takes the commands once the campaign has started it.
    while ((await me.call<{ phase: string }>('GET', `/campaigns/${this.campaignId}`)).phase === 'launched') {
      if (this.stopped) return;
      await sleep(1_000);
    }
    // Phase 1: half the subjects declare a correction inside the self-check window, half ask to deregister.
    const subjects = this.subjects.get(code) ?? [];
    for (const [i, idNumber] of subjects.entries()) {
      if (i % 2 === 0) {
        await whileStarting(() =>
          me.call(
            'POST',
            `${base}/self-check-declarations`,
            {
              idNumber,
              correction: i % 4 === 0 ? 'moved_contributions' : 'moved_registration',
              correctedOn: addDays(this.calendar.selfCheck.start, 3),
            },
            { key: `soak-decl-${code}-${i}` },
          ),
        );
        this.counters.declarations++;
      } else {
        await whileStarting(() => me.call('POST', `${base}/deregistration-requests`, { idNumber }, { key: `soak-dreq-${code}-${i}` }));
        this.counters.deregistrationRequests++;
      }
    }
    await whileStarting(() =>
      me.call(
        'POST',
        `${base}/submissions/self_check`,
        { summary: `${code}自查自纠阶段工作总结：已组织本地区注册人员和单位开展自查。` },
        { key: `soak-sc-${code}` },
      ),
    );
    await whileStarting(() =>
      this.o.hrOfficers.get(code)!.call('POST', `${base}/submissions/self_check/1/signoff`, undefined, { key: `soak-sign-sc-${code}` }),
    );
    this.counters.submissions++;

    // Phase 2: the worklist until every case is opened and none is left open.
    await this.waitForCity(code, ['screening', 'openingCases', 'investigation']);
    // The officer takes the worklist's ready cases (their workflows take decisions) in
    // case-number order, a page at a time. A case still being started is not offered: a city
    // opens thousands at once and its shards start their workflows over the next minutes (tens of
    // minutes at 200,000 persons), in no fixed order. A ready case refused anyway (503: Temporal
    // did not answer in time) stays open and is taken again in the next pass.
    const refused = new Set<string>();
    for (let round = 0; ; round++) {
      if (this.stopped) return;
      const view = await this.city(code);
      const pageNo = 1 + Math.floor(refused.size / this.opts.bulk);
      const page = await me.call<{ items: { caseId: string; caseNo: string }[]; total: number }>(
        'GET',
        `${base}/cases?status=open&ready=true&sort=caseNo&pageSize=${this.opts.bulk}&page=${pageNo}`,
      );
      const fresh = page.items.filter((c) => !refused.has(c.caseId));
      if (fresh.length === 0 && refused.size > 0) {
        refused.clear();
        await sleep(1_000); // the end of a pass: take the refused ones again
        continue;
      }
      if (fresh.length === 0) {
        const preparing = await me.call<{ total: number }>('GET', `${base}/cases?status=open&ready=false&pageSize=1`);
        if (preparing.total > 0 || view.phase !== 'investigation') {
          // Cases still being started, or the city still screening and opening them: wait as
          // long as the API's Retry-After asks, as a client should.
          this.counters.waits++;
          await sleep(CASE_NOT_STARTED_RETRY_SECONDS * 1000);
          continue;
        }
        try {
          await whileStarting(() =>
            me.call('POST', `${base}/submissions/investigation`, { summary: `${code}排查阶段工作报告：全部案件已核查办结。` }, { key: `soak-inv-${code}` }),
          );
          await whileStarting(() =>
            this.o.hrOfficers.get(code)!.call('POST', `${base}/submissions/investigation/1/signoff`, undefined, { key: `soak-sign-inv-${code}` }),
          );
          this.counters.submissions++;
          this.counters.reportSubmittedAt.set(code, Date.now());
          return;
        } catch (err) {
          // A case opened after the page was read (the last shard starting): decide it, then submit again.
          if (err instanceof HttpError && err.status === 422) {
            await sleep(1_000);
            continue;
          }
          throw err;
        }
      }
      const items = fresh.map((c) => ({ caseId: c.caseId, decision: decisionFor(Number(c.caseNo.split('-')[1]), this.calendar) }));
      const res = await me.call<{ results: { caseId: string; status: number; problem?: { code: string; detail?: string } }[] }>(
        'POST',
        `${base}/decisions`,
        { items },
        { key: `soak-${code}-r${round}` },
      );
      let ok = 0;
      for (const [i, r] of res.results.entries()) {
        if (r.status === 200) {
          ok++;
          const outcome = items[i].decision.outcome;
          this.counters.byOutcome[outcome] = (this.counters.byOutcome[outcome] ?? 0) + 1;
        } else if (r.status === 409 || r.status === 503 || (r.status === 422 && /not open|deciding|未办结|正在/.test(r.problem?.detail ?? ''))) {
          // 409: the case's workflow has not started yet (its shard is still starting cases);
          // 503: Temporal did not answer in time (a loaded server). Both are taken again in the next pass.
          refused.add(r.caseId);
          this.counters.retried++;
          const why = `${r.status} ${r.problem?.code} ${(r.problem?.detail ?? '').replace(/soak-\w+-\d{4}-\d{6}/g, '<case>').slice(0, 80)}`;
          this.counters.refusals[why] = (this.counters.refusals[why] ?? 0) + 1;
        } else {
          throw new Error(`city ${code}: decision on ${r.caseId} refused: ${r.status} ${r.problem?.code} ${r.problem?.detail ?? ''}`);
        }
      }
      this.counters.decided += ok;
      if (ok > 0) this.counters.lastDecisionAt.set(code, Date.now());
    }
  }

  /** The coordinator: processes deregistration requests and approves every submission, until each city's investigation report is approved. */
  async runCoordinator(cities: string[]): Promise<void> {
    const c = this.o.coordinator;
    const processed = new Set<string>();
    const done = new Set<string>();
    while (done.size < cities.length) {
      if (this.stopped) return;
      for (const code of cities) {
        if (done.has(code)) continue;
        const base = `/campaigns/${this.campaignId}/cities/${code}`;
        const reqs = await c.call<{ items: { id: number; processedAt: string | null }[] }>('GET', `${base}/deregistration-requests?pageSize=500`);
        for (const r of reqs.items) {
          if (r.processedAt || processed.has(`${code}/${r.id}`)) continue;
          await whileStarting(() =>
            c.call('POST', `${base}/deregistration-requests/${r.id}/processing`, { outcome: 'cancelled' }, { key: `soak-dproc-${code}-${r.id}` }),
          );
          processed.add(`${code}/${r.id}`);
          this.counters.deregistrationsProcessed++;
        }
        const subs = await c.call<{ items: { kind: string; version: number; status: string }[] }>('GET', `${base}/submissions`);
        for (const s of subs.items) {
          if (s.status !== 'submitted') continue;
          try {
            // 省人社厅's part first (its answer is kept under its key: a retry of the round replays it), then 省住建厅's.
            await whileStarting(() =>
              this.o.hrCoordinator.call(
                'POST',
                `${base}/submissions/${s.kind}/${s.version}/review`,
                { decision: 'approve' },
                { key: `soak-review-hr-${code}-${s.kind}-${s.version}` },
              ),
            );
            await whileStarting(() =>
              c.call(
                'POST',
                `${base}/submissions/${s.kind}/${s.version}/review`,
                { decision: 'approve' },
                { key: `soak-review-${code}-${s.kind}-${s.version}` },
              ),
            );
          } catch (err) {
            // The submission row is written before the officer's update has finished in the city
            // workflow; until it has, the city refuses a review of that version. Next round.
            if (err instanceof HttpError && err.status === 422) {
              this.counters.reviewsRetried++;
              continue;
            }
            throw err;
          }
          this.counters.approvals++;
          if (s.kind === 'investigation') done.add(code);
        }
      }
      await sleep(2_000);
    }
  }
}
