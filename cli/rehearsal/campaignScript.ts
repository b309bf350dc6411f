/**
 * The campaign as the rehearsal plays it, on the seed calendar (2024-09-01 → 2025-02-28) mapped
 * onto the days after the test server's present (a compressed clock at 1,440 minutes a day, as
 * test/workflows/campaign.test.ts does): every date below is a calendar date, and time reaches it
 * by skipping on the server, never by sleeping here.
 *
 * Every officer acts through services/ (commands to workflows); the read model is only read.
 */
import path from 'node:path';
import { generateDataset } from '../../datagen/generate';
import { CampaignConfig, toWallTime, type CampaignConfigInput } from '../../domain/campaignConfig';
import type { Officer } from '../../domain/officer';
import * as commands from '../../services/campaignCommands';
import { decideCase } from '../../services/caseDecisions';
import { imposeProvincialPenalty, overrideOutcome, reopenCase } from '../../services/caseCorrections';
import { recordSelfCheckDeclaration } from '../../services/intakeCommands';
import { launchCampaign } from '../../services/launchCampaign';
import { officerTexts } from '../../services/officerTexts';
import { campaignWorkflowId } from '../../workflows/messages/campaign';
import { declaresInSelfCheck, decisionFor, readPlantedPersons, type PlantedPerson } from './officers';
import { inParallel } from './parallel';
import type { RehearsalStack } from './stack';

const DAY = 24 * 60 * 60 * 1000;
/** The city whose investigation report the province returns, naming a case to reopen. */
export const RETURNED_CITY = '2201';
/** The city one of whose outcomes the province overrides. */
export const OVERRIDDEN_CITY = '2202';
/** The city that submits its self-check summary late, and carries a case over. */
const LATE_CITY = '2224';

export const cityOfficer = (cityCode: string): Officer => ({ userId: `rehearsal-officer-${cityCode}`, role: 'city_officer', cityCode });
export const coordinator: Officer = { userId: 'rehearsal-coordinator', role: 'province_coordinator' };
/** Issue 21: each city's 人社局 co-signs its reports, 省人社厅 reviews their 人社 part. */
export const cityHrOfficer = (cityCode: string): Officer => ({ userId: `rehearsal-hr-${cityCode}`, role: 'city_hr_officer', cityCode });
export const hrCoordinator: Officer = { userId: 'rehearsal-hr-coordinator', role: 'province_hr_coordinator' };
/** 人社's signature of the version 住建 submitted: only then is it submitted to the province. */
const cosign = (client: Rehearsal['stack']['client'], campaignId: string, cityCode: string, kind: 'self_check' | 'investigation', version: number) =>
  commands.signSubmission(client, {
    campaignId,
    cityCode,
    kind,
    version,
    officer: cityHrOfficer(cityCode),
    requestId: `rehearsal/sign/${kind}/${cityCode}/${version}`,
  });

export interface CaseRow {
  campaignId: string;
  caseId: string;
  caseNo: string;
  cityCode: string;
  idNumber: string;
}

export interface Rehearsal {
  stack: RehearsalStack;
  config: CampaignConfig;
  persons: Map<string, PlantedPerson>;
  log: (line: string) => void;
  /**
   * Lets time pass on the server up to this calendar instant (ISO with +08:00), the procedures'
   * officers acting at 15:00 on each of their days on the way.
   */
  until(calendarIso: string): Promise<void>;
  /** The server's present, for services that date what they record. */
  now(): Promise<Date>;
  cases(): Promise<CaseRow[]>;
}

/** Generates the persons, launches the campaign; answers the rehearsal's handle. */
export async function launchRehearsal(
  stack: RehearsalStack,
  opts: {
    persons: number;
    seed: number;
    dataDir: string;
    campaignId: string;
    log: (line: string) => void;
    /** Calendar dates on which the procedures' officers act (15:00). */
    procedureDays: readonly string[];
    onProcedureDay: (r: Rehearsal, date: string) => Promise<void>;
  },
): Promise<Rehearsal> {
  const { log } = opts;
  const { files } = await generateDataset({ persons: opts.persons, seed: opts.seed, outDir: opts.dataDir });
  log(`generated ${opts.persons} synthetic persons (seed ${opts.seed})`);
  // Whole Shanghai days after the server's present, so calendar and wall dates differ by whole days.
  const now = await stack.now();
  const start = Math.ceil((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000 + DAY;
  const raw: CampaignConfigInput = {
    id: opts.campaignId,
    name: '演练：吉林省工程建设领域专业技术人员违规“挂证”行为专项治理',
    dataSources: {
      files: {
        registrations: [files.registrations],
        social_insurance: [files.socialInsurance],
        housing_fund: [files.housingFund],
        units: [files.units],
        public_sector_staff: [files.publicSector],
        exam_applications: [files.exams],
        labor_contracts: [files.labor],
      },
    },
    clock: { kind: 'compressed', start: new Date(start).toISOString(), minutesPerDay: 1440 },
  };
  const config = CampaignConfig.parse(raw);
  await launchCampaign({ client: stack.client, pool: stack.pool, taskQueue: stack.taskQueue, log: (l) => log(`launch: ${l}`) }, raw, {
    launchedBy: coordinator.userId,
  });
  const persons = readPlantedPersons({ groundTruth: path.join(opts.dataDir, 'ground_truth.csv'), registrations: files.registrations });
  const days = [...opts.procedureDays].sort().map((d) => ({ date: d, at: Date.parse(`${d}T15:00:00+08:00`) }));
  const r: Rehearsal = {
    stack,
    config,
    persons,
    log,
    async until(iso) {
      const target = Date.parse(iso);
      while (days.length > 0 && days[0].at < target) {
        const day = days.shift()!;
        await stack.advanceTo(toWallTime(config, day.at));
        await opts.onProcedureDay(r, day.date);
      }
      await stack.advanceTo(toWallTime(config, target));
    },
    now: async () => new Date(await stack.now()),
    async cases() {
      const { rows } = await stack.pool.query<{ case_id: string; case_no: string; city_code: string; id_number: string }>(
        'SELECT case_id, case_no, city_code, id_number FROM case_file WHERE campaign_id = $1 ORDER BY case_id',
        [config.id],
      );
      return rows.map((x) => ({ campaignId: config.id, caseId: x.case_id, caseNo: x.case_no, cityCode: x.city_code, idNumber: x.id_number }));
    },
  };
  return r;
}

/** The case as commands name it (ids only). */
export const refOf = (c: CaseRow) => ({ campaignId: c.campaignId, cityCode: c.cityCode, caseId: c.caseId });

/** Phase 1 (自查自纠): declarations of persons who corrected, the cities' summaries (one late). */
export async function playSelfCheck(r: Rehearsal): Promise<Set<string>> {
  const { client, pool } = r.stack;
  const campaignId = r.config.id;
  await r.until('2024-09-20T10:00:00+08:00');
  const declared = new Set<string>();
  let i = 0;
  for (const [idNumber, p] of r.persons) {
    if (!p.cityCode || !r.config.cities.includes(p.cityCode) || !declaresInSelfCheck(p, i++)) continue;
    await recordSelfCheckDeclaration(
      client,
      pool,
      {
        requestId: `rehearsal-declaration-${declared.size + 1}`,
        campaignId,
        cityCode: p.cityCode,
        idNumber,
        correction: 'moved_contributions',
        correctedOn: '2024-09-20',
        declaredBy: 'registration-unit',
      },
      await r.now(),
    );
    declared.add(idNumber);
  }
  r.log(`自查自纠: ${declared.size} self-check declarations recorded`);
  await r.until('2024-10-20T10:00:00+08:00');
  for (const cityCode of r.config.cities.filter((c) => c !== LATE_CITY)) {
    await commands.submitSelfCheck(client, { campaignId, cityCode, officer: cityOfficer(cityCode), requestId: `rehearsal/self-check/${cityCode}` });
    await cosign(client, campaignId, cityCode, 'self_check', 1);
  }
  await r.until('2024-11-06T09:00:00+08:00');
  await commands.submitSelfCheck(client, { campaignId, cityCode: LATE_CITY, officer: cityOfficer(LATE_CITY), requestId: `rehearsal/self-check/${LATE_CITY}` });
  await cosign(client, campaignId, LATE_CITY, 'self_check', 1);
  r.log(`自查自纠: ${r.config.cities.length} summaries submitted (${LATE_CITY} late)`);
  return declared;
}

/** Phase 2 (排查): every case decided by its city's officer but one carried over; the reports submitted. */
export async function playInvestigation(r: Rehearsal, declared: Set<string>): Promise<{ carried: CaseRow }> {
  const { client, pool } = r.stack;
  const campaignId = r.config.id;
  await r.until('2024-11-12T10:00:00+08:00');
  const cases = await r.cases();
  if (cases.length === 0) throw new Error('screening opened no case: try more persons');
  const carried = cases.filter((c) => c.cityCode === LATE_CITY).at(-1) ?? cases.at(-1)!;
  const toDecide = cases.filter((c) => c !== carried);
  await allCasesReady(r);
  let done = 0;
  await inParallel(toDecide, 8, async (c, n) => {
    const decision = decisionFor(r.persons.get(c.idNumber), n, declared.has(c.idNumber));
    await decideCase({ client, pool }, refOf(c), { decision, officer: cityOfficer(c.cityCode), requestId: `rehearsal/decide/${c.caseId}` });
    if (++done % 100 === 0) r.log(`排查: ${done} of ${toDecide.length} cases decided`);
  });
  r.log(`排查: ${cases.length} cases opened, ${toDecide.length} decided, 1 carried over`);

  await r.until('2025-01-10T10:00:00+08:00');
  const texts = officerTexts(pool, cityOfficer(carried.cityCode).userId);
  for (const cityCode of r.config.cities) {
    const carriedOver =
      cityCode === carried.cityCode ? [{ caseId: carried.caseId, reason: await texts.store('carryOver.reason', '当事人在外省，待协查回复') }] : [];
    await commands.submitInvestigation(client, {
      campaignId,
      cityCode,
      officer: cityOfficer(cityCode),
      carriedOver,
      requestId: `rehearsal/investigation/${cityCode}/1`,
    });
    await cosign(client, campaignId, cityCode, 'investigation', 1);
  }
  r.log(`排查: ${r.config.cities.length} investigation reports submitted`);
  return { carried };
}

/**
 * Phase 3 (省级核查): the province returns one city's report naming a case to reopen (the city
 * reopens it and decides anew, then resubmits), overrides one outcome in another city, decides the
 * carried-over case's fate with its city, and approves every report.
 */
export async function playVerification(r: Rehearsal, carried: CaseRow): Promise<{ reopened: CaseRow; overridden: CaseRow }> {
  const { client, pool } = r.stack;
  const campaignId = r.config.id;
  const deps = { client, pool, taskQueue: r.stack.taskQueue };
  const province = officerTexts(pool, coordinator.userId);
  const outcomes = await caseOutcomes(r);
  const cases = await r.cases();
  const compliantIn = (city: string) => cases.find((c) => c.cityCode === city && outcomes.get(c.caseId) === 'COMPLIANT');
  const reopened = compliantIn(RETURNED_CITY) ?? cases.find((c) => outcomes.get(c.caseId) === 'COMPLIANT')!;
  const overridden = compliantIn(OVERRIDDEN_CITY) ?? cases.find((c) => c !== reopened && outcomes.get(c.caseId) === 'COMPLIANT')!;

  await r.until('2025-02-05T10:00:00+08:00');
  await commands.reviewSubmission(client, {
    campaignId,
    cityCode: reopened.cityCode,
    kind: 'investigation',
    version: 1,
    decision: 'return',
    comments: await province.store('review.comments', '汇总表处罚情况填写不完整；所列案件请重新核查'),
    reopenCaseIds: [reopened.caseId],
    officer: coordinator,
    requestId: `rehearsal/review/${reopened.cityCode}/1`,
  });
  await r.until('2025-02-06T10:00:00+08:00');
  const cityTexts = officerTexts(pool, cityOfficer(reopened.cityCode).userId);
  await reopenCase(deps, {
    ...refOf(reopened),
    reason: await cityTexts.store('reopen.reason', '省厅退回重新核查'),
    officer: cityOfficer(reopened.cityCode),
    requestId: `rehearsal/reopen/${reopened.caseId}`,
  });
  await decideCase({ client, pool }, refOf(reopened), {
    decision: { outcome: 'VIOLATION', actualEmployer: { name: '长春某劳务有限公司' }, evidence: '复核：社保由劳务公司缴纳，本人询问笔录在案' },
    officer: cityOfficer(reopened.cityCode),
    requestId: `rehearsal/decide-again/${reopened.caseId}`,
  });
  await r.until('2025-02-07T10:00:00+08:00');
  await commands.submitInvestigation(client, {
    campaignId,
    cityCode: reopened.cityCode,
    officer: cityOfficer(reopened.cityCode),
    summary: await cityTexts.store('submission.summary', '已重新核查所列案件并补充处罚情况'),
    requestId: `rehearsal/investigation/${reopened.cityCode}/2`,
  });
  await cosign(client, campaignId, reopened.cityCode, 'investigation', 2);
  r.log(`省级核查: ${reopened.cityCode}'s report returned, case ${reopened.caseNo} reopened and decided anew, report resubmitted`);

  // The province imposes what the campaign reserves to it (revocation) on every liable case: its own procedure each.
  await r.until('2025-02-08T10:00:00+08:00');
  const liable = await liableCases(r);
  await inParallel(liable, 8, async (c) => {
    await imposeProvincialPenalty(deps, { ...refOf(c), officer: coordinator, requestId: `rehearsal/province/${c.caseId}` });
  });
  r.log(`省级核查: the province opened its procedure (revocation) on ${liable.length} liable cases`);

  await r.until('2025-02-09T10:00:00+08:00');
  await overrideOutcome(deps, {
    ...refOf(overridden),
    decision: {
      outcome: 'VIOLATION',
      actualEmployer: { name: await province.store('decision.actualEmployer', '吉林某建设工程有限公司') },
      evidence: await province.store('decision.evidence', '省级核查：社保与公积金均由其他单位缴纳'),
    },
    reason: await province.store('override.reason', '省级核查认定存在挂证'),
    officer: coordinator,
    requestId: `rehearsal/override/${overridden.caseId}`,
  });
  r.log(`省级核查: the outcome of case ${overridden.caseNo} overridden by the province`);

  // The carried-over case: the other province's answer came; the city decides it.
  await decideCase({ client, pool }, refOf(carried), {
    decision: { outcome: 'COMPLIANT', ground: 'OTHER_LAWFUL', justification: '外省协查回复：在注册单位外派项目部工作' },
    officer: cityOfficer(carried.cityCode),
    requestId: `rehearsal/decide/${carried.caseId}`,
  });

  await r.until('2025-02-10T10:00:00+08:00');
  for (const cityCode of r.config.cities) {
    const version = cityCode === reopened.cityCode ? 2 : 1;
    await commands.reviewSubmission(client, {
      campaignId,
      cityCode,
      kind: 'investigation',
      version,
      decision: 'approve',
      officer: hrCoordinator,
      requestId: `rehearsal/review-hr/${cityCode}/${version}`,
    });
    await commands.reviewSubmission(client, {
      campaignId,
      cityCode,
      kind: 'investigation',
      version,
      decision: 'approve',
      officer: coordinator,
      requestId: `rehearsal/review/${cityCode}/${version}`,
    });
  }
  r.log(`省级核查: every city's investigation report approved`);
  return { reopened, overridden };
}

/**
 * Officers work through the worklist's ready cases (case_file.ready_at: the case's workflow takes
 * decisions). Days after the opening every case is ready; a slow machine may still be starting the
 * last workflows, and the officers wait for them (the worker's pace, not the campaign's clock).
 */
async function allCasesReady(r: Rehearsal): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const { rows } = await r.stack.pool.query<{ n: number }>('SELECT count(*)::int n FROM case_file WHERE campaign_id = $1 AND ready_at IS NULL', [
      r.config.id,
    ]);
    if (rows[0].n === 0) return;
    if (attempt === 600) throw new Error(`${rows[0].n} cases are still not ready for decisions`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function liableCases(r: Rehearsal): Promise<CaseRow[]> {
  const { rows } = await r.stack.pool.query<{ case_id: string }>(
    "SELECT case_id FROM case_file WHERE campaign_id = $1 AND liability = 'liable' ORDER BY case_id",
    [r.config.id],
  );
  const ids = new Set(rows.map((x) => x.case_id));
  return (await r.cases()).filter((c) => ids.has(c.caseId));
}

async function caseOutcomes(r: Rehearsal): Promise<Map<string, string | null>> {
  const { rows } = await r.stack.pool.query<{ case_id: string; outcome: string | null }>('SELECT case_id, outcome FROM case_file WHERE campaign_id = $1', [
    r.config.id,
  ]);
  return new Map(rows.map((x) => [x.case_id, x.outcome]));
}

/**
 * Time passes to the campaign's close. Not by skipping to a date after it: the test server stops
 * skipping at the close (seen when the liable cases complete after their shards, their parents,
 * have closed; a hang of the kind sdk-java#1138 describes), so the rehearsal lets time skip while it
 * waits for the campaign's result, and asks nothing of the clock afterwards.
 */
export async function playToClose(r: Rehearsal, lastProcedureDay: string): Promise<void> {
  await r.until(`${lastProcedureDay}T18:00:00+08:00`);
  await r.stack.awaitClosed(campaignWorkflowId(r.config.id));
  r.log('the campaign is closed');
}
