/**
 * The penalty procedure's activities against PostgreSQL (activities/procedure): each is idempotent
 * (a retry writes nothing twice), a step's measures keep their trail, penalty rows are dated on the
 * day the measures take effect and withdrawn with the trail kept, and a document's data is read by
 * reference (the party's name and ID number never come from the caller).
 */
import { recordCampaignStart } from '../../../activities/campaigns/recordCampaignStart';
import { openCasesFromScreening } from '../../../activities/cases/openCasesFromScreening';
import { settleCaseDecision } from '../../../activities/cases/settleCaseDecision';
import { procedureDocumentData } from '../../../activities/procedure/documentData';
import { openProcedure } from '../../../activities/procedure/openProcedure';
import { applyProcedurePenalties, withdrawProcedurePenalties } from '../../../activities/procedure/procedurePenalties';
import { recordProcedureStep, type ProcedureStepInput } from '../../../activities/procedure/recordProcedureStep';
import { allocateDocumentNumber } from '../../../documents/documentNumbers';
import { SEED_CALENDAR } from '../../../domain/calendar';
import { CampaignConfig } from '../../../domain/campaignConfig';
import { procedureIdOf } from '../../../domain/penaltyProcedure';
import { openingProcedureState, type ProcedureState } from '../../../domain/procedureState';
import { storeOfficerText } from '../../../services/officerTexts';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../../support/caseFixtures';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const CAMPAIGN = 'act-proc';
const CITY = '2201';
const caseId = `${CAMPAIGN}-${CITY}-000001`;
const procedureId = procedureIdOf(caseId, 'city');
const officer = { userId: 'officer-2201', role: 'city_officer' as const, cityCode: CITY };

describe('the penalty procedure’s activities', () => {
  let db: TestDatabase;
  const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    const { runId, snapshotId } = await seedScreenedCity(db.pool, CITY, [
      { idNumber: fixtureIdNumber(501), name: '张三', regUnit: { name: '吉林省活动测试建设有限公司', code: fixtureUscc(70) } },
    ]);
    const config = CampaignConfig.parse({ id: CAMPAIGN, name: '活动测试', cities: [CITY], dataSources: { snapshotId }, calendar: SEED_CALENDAR });
    await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'test', workflowId: `campaign/${CAMPAIGN}`, at: new Date().toISOString() });
    await openCasesFromScreening(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, screeningRunId: runId, dueAt: new Date().toISOString() });
    await settleCaseDecision(
      db.pool,
      caseId,
      'decide-1',
      { outcome: 'VIOLATION', actualEmployer: { name: '实际工作单位有限公司' }, evidence: '社保记录' },
      officer,
      { decidedAt: new Date().toISOString(), decidedOn: SEED_CALENDAR.investigation.start },
      { calendar: SEED_CALENDAR, kinds: [] },
    );
  });
  afterAll(() => db?.drop());

  const state = (over: Partial<ProcedureState> = {}): ProcedureState => ({
    ...openingProcedureState({
      procedureId,
      caseId,
      campaignId: CAMPAIGN,
      cityCode: CITY,
      level: 'city',
      authorityCode: CITY,
      violation: 'IMPROPER_REGISTRATION',
      openedOn: '2026-02-13',
      timeLimitOn: '2026-05-14',
    }),
    awaiting: ['approve_proposal'],
    certCategory: 'CONSTRUCTOR_2',
    hearingApplies: true,
    measures: [
      { kind: 'FINE', authority: 'CITY_BUREAU', status: 'proposed', amountYuan: 5000, illegalGainsYuan: 0, reapplyBarYears: null },
      { kind: 'BAD_CONDUCT_RECORD', authority: 'CITY_BUREAU', status: 'proposed', amountYuan: null, illegalGainsYuan: null, reapplyBarYears: null },
    ],
    ...over,
  });
  const step = (eventId: string, s: ProcedureState, extra: Partial<ProcedureStepInput> = {}): ProcedureStepInput => ({
    procedureId,
    eventId,
    action: 'test',
    officer,
    happenedOn: '2026-02-13',
    at: new Date().toISOString(),
    state: s,
    ...extra,
  });

  it('opens the procedure once per run, with the case’s category and the province’s settings', async () => {
    const input = {
      procedureId,
      caseId,
      campaignId: CAMPAIGN,
      cityCode: CITY,
      level: 'city' as const,
      authorityCode: CITY,
      violation: 'IMPROPER_REGISTRATION' as const,
      openedOn: '2026-02-13',
      timeLimitOn: '2026-05-14',
      runId: 'run-1',
    };
    const first = await openProcedure(db.pool, input);
    expect(first).toEqual({
      certCategory: 'CONSTRUCTOR_2',
      settings: { statementWorkingDays: 5, reminderDaysBeforeTimeLimit: 10, basisRecheckDays: 1 },
      runs: 1,
    });
    expect(await openProcedure(db.pool, input)).toEqual(first);
    // A running procedure is not opened again by another run.
    expect((await openProcedure(db.pool, { ...input, runId: 'run-2' })).runs).toBe(1);
  });

  it('writes a step once: a retry with the same event id adds no event and no second version of a measure', async () => {
    const facts = await storeOfficerText(db.pool, { kind: 'procedure.facts', text: '注册单位非实际工作单位', createdBy: 'test' });
    const first = step('submit-1', state(), { measuresRevised: true, texts: { facts: facts.textId } });
    expect(await recordProcedureStep(db.pool, first)).toEqual({ recorded: true });
    expect(await recordProcedureStep(db.pool, first)).toEqual({ recorded: false });
    // The review lowers the fine: the first version is kept as `changed`, the new one added.
    const lowered = state({ step: 'decision', measures: state().measures.map((m) => (m.kind === 'FINE' ? { ...m, amountYuan: 3000 } : m)) });
    await recordProcedureStep(db.pool, step('review-1', lowered, { measuresRevised: true }));
    expect(await q('SELECT kind, version, status, amount_yuan FROM procedure_measure WHERE procedure_id = $1 ORDER BY kind, version', [procedureId])).toEqual([
      { kind: 'BAD_CONDUCT_RECORD', version: 1, status: 'changed', amount_yuan: null },
      { kind: 'BAD_CONDUCT_RECORD', version: 2, status: 'proposed', amount_yuan: null },
      { kind: 'FINE', version: 1, status: 'changed', amount_yuan: 5000 },
      { kind: 'FINE', version: 2, status: 'proposed', amount_yuan: 3000 },
    ]);
    expect(await q('SELECT event_id FROM procedure_event WHERE procedure_id = $1 ORDER BY event_id', [procedureId])).toEqual([
      { event_id: 'review-1' },
      { event_id: 'submit-1' },
    ]);
  });

  it('fills a notice from the database by its number: the party’s name and ID number, the facts, the measures', async () => {
    const n = await allocateDocumentNumber(db.pool, {
      authorityCode: CITY,
      kind: 'penalty_notice',
      year: 2026,
      key: `${procedureId}/penalty_notice`,
      subjectRef: caseId,
    });
    const reviewed = state({ step: 'notice', measures: state().measures.map((m) => (m.kind === 'FINE' ? { ...m, amountYuan: 3000 } : m)) });
    await recordProcedureStep(db.pool, step('approve-1', reviewed, { payload: { documentNumbers: [n.number] }, happenedOn: '2026-02-16' }));
    const data = await procedureDocumentData(db.pool, { kind: 'penalty_notice', subjectRef: caseId, documentNumber: n.number });
    expect(data).toMatchObject({
      documentNumber: '长建罚告〔2026〕第0001号',
      authorityName: '长春市住房和城乡建设局',
      partyName: '张三',
      partyIdNumber: fixtureIdNumber(501),
      partyAddress: '注册单位：吉林省活动测试建设有限公司',
      facts: '注册单位非实际工作单位',
      measures: [{ text: '记入不良行为记录' }, { text: '罚款3000元' }],
      hearing: true,
      issueDate: '2026-02-16',
    });
  });

  it('records the penalty rows once, dated the day the measures take effect, and withdraws them with the trail kept', async () => {
    const input = { procedureId, caseId, level: 'city' as const, effectiveOn: '2026-03-10', kinds: ['BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT'] as const };
    const first = await applyProcedurePenalties(db.pool, { ...input, kinds: [...input.kinds] });
    expect(first.penaltyIds).toHaveLength(2);
    expect(await applyProcedurePenalties(db.pool, { ...input, kinds: [...input.kinds] })).toEqual(first);
    expect(await q(`SELECT DISTINCT to_char(imposed_on, 'YYYY-MM-DD') AS d, procedure_id FROM penalty WHERE case_id = $1`, [caseId])).toEqual([
      { d: '2026-03-10', procedure_id: procedureId },
    ]);
    const withdraw = { procedureId, caseId, updateId: 'redress-1', at: new Date().toISOString() };
    expect((await withdrawProcedurePenalties(db.pool, withdraw)).withdrawnPenaltyIds).toEqual(first.penaltyIds);
    expect(await withdrawProcedurePenalties(db.pool, withdraw)).toEqual({ withdrawnPenaltyIds: [] });
    expect(await q('SELECT count(*)::int AS n FROM penalty WHERE case_id = $1', [caseId])).toEqual([{ n: 0 }]);
    expect(await q(`SELECT DISTINCT withdrawn_because FROM penalty_withdrawn WHERE case_id = $1`, [caseId])).toEqual([{ withdrawn_because: 'redress' }]);
  });
});
