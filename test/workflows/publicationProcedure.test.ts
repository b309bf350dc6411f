/**
 * Publication follows the due-process procedure (issue 19 items 2 and 6) on the time-skipping
 * server with the real workflow and activities: nothing is published before the decision is
 * served; at its service the bad-conduct records are published from that day, naming the
 * decision's number and its basis; a redress that revokes the decision withdraws them (why, by
 * whom), the trail kept, and the public search no longer finds them.
 */
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { settleCaseDecision } from '../../activities/cases/settleCaseDecision';
import { addDays, shanghaiDate } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import type { Officer } from '../../domain/officer';
import type { OfficerTextKind } from '../../domain/officerText';
import { procedureIdOf } from '../../domain/penaltyProcedure';
import { publicationChanges, searchPublishedRecords } from '../../readModel/publication';
import { storeOfficerText } from '../../services/officerTexts';
import * as procedure from '../../services/penaltyProcedure';
import type { penaltyProcedureWorkflow } from '../../workflows/penaltyProcedure';
import { procedureStateQuery } from '../../workflows/messages/penaltyProcedure';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { bundleWorkflows, calendarAround, createTimeSkippingEnv, eventually, startWorker, type RunningWorker } from '../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../support/database';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';

const CAMPAIGN = 'wf-pub';
const CITY = '2201';
const CASE_ID = `${CAMPAIGN}-${CITY}-000001`;
const officer: Officer = { userId: 'officer-2201', role: 'city_officer', cityCode: CITY };
const head: Officer = { userId: 'head-2201', role: 'city_officer', cityCode: CITY, responsible: true };
const regUnit = { name: '吉林省公开程序测试建设有限公司', code: fixtureUscc(64) };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TODAY = '2026-03-02';

describe('publication under the penalty procedure (time-skipping)', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;
  let requests = 0;
  const rid = () => `pub-req-${++requests}`;
  const deps = () => ({ client: env.client });
  const at = { caseId: CASE_ID, level: 'city' as const };
  const published = async () => (await publicationChanges(db.pool, { limit: 100 })).filter((p) => p.caseId === CASE_ID);

  beforeAll(async () => {
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), bundleWorkflows()]);
    const { runId, snapshotId } = await seedScreenedCity(db.pool, CITY, [{ idNumber: fixtureIdNumber(640), name: '赵程序', regUnit }]);
    const calendar = calendarAround(await env.currentTimeMs());
    const config = CampaignConfig.parse({ id: CAMPAIGN, name: '公开程序测试', cities: [CITY], dataSources: { snapshotId }, calendar });
    await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'test', workflowId: `campaign/${CAMPAIGN}`, at: new Date().toISOString() });
    await openCasesFromScreening(db.pool, {
      campaignId: CAMPAIGN,
      cityCode: CITY,
      screeningRunId: runId,
      dueAt: new Date(Date.now() + 90 * 24 * HOUR).toISOString(),
    });
    await settleCaseDecision(
      db.pool,
      CASE_ID,
      'decide-1',
      { outcome: 'VIOLATION', actualEmployer: { name: '实际工作单位有限公司' }, evidence: '社保由实际工作单位缴纳' },
      officer,
      { decidedAt: new Date().toISOString(), decidedOn: calendar.investigation.start },
      { calendar, kinds: [] },
    );
    worker = await startWorker(env, bundle, db.pool);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('publishes at the service of the decision, naming it, and withdraws on a revoking redress', async () => {
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start<typeof penaltyProcedureWorkflow>('penaltyProcedureWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId: procedureIdOf(CASE_ID, 'city'),
      args: [
        {
          caseId: CASE_ID,
          campaignId: CAMPAIGN,
          cityCode: CITY,
          level: 'city',
          openedOn: TODAY,
          clock: { kind: 'compressed', start: new Date(now - 10 * HOUR).toISOString(), minutesPerDay: 1440 },
          calendar: {
            selfCheck: { start: TODAY, deadline: addDays(TODAY, 5) },
            progressNotice: { date: addDays(TODAY, 6) },
            investigation: { start: addDays(TODAY, 6), deadline: addDays(TODAY, 60) },
            provincialVerification: { start: addDays(TODAY, 61), deadline: addDays(TODAY, 90) },
          },
        },
      ],
    });
    await eventually(async () => expect(await handle.query(procedureStateQuery)).toMatchObject({ awaiting: ['submit_proposal'] }));
    const text = (kind: OfficerTextKind, t: string) => storeOfficerText(db.pool, { kind, text: t, createdBy: 'test' });
    await procedure.submitProposal(deps(), {
      ...at,
      requestId: rid(),
      args: {
        officer,
        measures: [{ kind: 'BAD_CONDUCT_RECORD' }],
        facts: await text('procedure.facts', '注册单位与社保缴纳单位不一致'),
        evidence: await text('procedure.evidence', '社会保险缴费记录'),
      },
    });
    await procedure.approveProposal(deps(), { ...at, requestId: rid(), args: { officer: head, approved: true } });
    const receiver = await text('procedure.receiver', '当事人本人');
    await procedure.recordService(deps(), { ...at, requestId: rid(), args: { officer, document: 'notice', method: 'direct', servedOn: TODAY, receiver } });
    await procedure.waiveRights(deps(), { ...at, requestId: rid(), args: { officer, waivedOn: TODAY } });
    const decided = await procedure.approveDecision(deps(), { ...at, requestId: rid(), args: { officer: head, approved: true } });
    const decisionNo = decided.decision?.number;
    expect(decisionNo).toMatch(/^长建罚决〔2026〕第\d{4}号$/);
    expect(await published()).toEqual([]);

    await procedure.recordService(deps(), { ...at, requestId: rid(), args: { officer, document: 'decision', method: 'direct', servedOn: TODAY, receiver } });
    const rows = await published();
    expect(rows.map((p) => p.recordKind).sort()).toEqual(['BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT']);
    for (const p of rows) {
      expect(p).toMatchObject({ publishedFrom: TODAY, decisionNo, basis: expect.stringContaining('第三十四条'), withdrawnAt: null });
    }
    const onDate = shanghaiDate(new Date());
    expect(await searchPublishedRecords(db.pool, { name: '赵程序', onDate, limit: 10 })).toHaveLength(1);

    await env.sleep(10 * DAY);
    await procedure.recordRedress(deps(), { ...at, requestId: rid(), args: { officer, kind: 'administrative_review', filedOn: addDays(TODAY, 10) } });
    await env.sleep(30 * DAY);
    await procedure.recordRedressResult(deps(), { ...at, requestId: 'redress-result-1', args: { officer, result: 'revoked', decidedOn: addDays(TODAY, 40) } });
    const withdrawn = await published();
    expect(withdrawn).toHaveLength(2);
    for (const p of withdrawn) expect(p).toMatchObject({ withdrawnReason: 'redress', withdrawnBy: officer.userId, decisionNo });
    expect(await searchPublishedRecords(db.pool, { name: '赵程序', onDate, limit: 10 })).toEqual([]);
  });
});
