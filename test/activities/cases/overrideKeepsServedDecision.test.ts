/**
 * The province's override of a case whose procedure's decision was served (activities/cases/correctCase.ts,
 * docs/procedure.md "Corrections of the case"): an outcome that keeps the case liable leaves the rows
 * the served decision wrote (and the bar) in place while that procedure keeps its measures in effect;
 * an outcome without liability, or a procedure already withdrawn, takes them to penalty_withdrawn.
 */
import { recordCampaignStart } from '../../../activities/campaigns/recordCampaignStart';
import { overrideCaseOutcome } from '../../../activities/cases/correctCase';
import { openCasesFromScreening } from '../../../activities/cases/openCasesFromScreening';
import { settleCaseDecision } from '../../../activities/cases/settleCaseDecision';
import { openProcedure } from '../../../activities/procedure/openProcedure';
import { applyProcedurePenalties } from '../../../activities/procedure/procedurePenalties';
import { SEED_CALENDAR } from '../../../domain/calendar';
import { CampaignConfig } from '../../../domain/campaignConfig';
import { procedureIdOf } from '../../../domain/penaltyProcedure';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../../support/caseFixtures';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const CAMPAIGN = 'act-override';
const CITY = '2201';
const caseId = (seq: number) => `${CAMPAIGN}-${CITY}-${String(seq).padStart(6, '0')}`;
const officer = { userId: 'officer-2201', role: 'city_officer' as const, cityCode: CITY };
const coordinator = { userId: 'province-1', role: 'province_coordinator' as const };
const violation = { outcome: 'VIOLATION' as const, actualEmployer: { name: '实际工作单位有限公司' }, evidence: '社保记录' };
const compliant = { outcome: 'COMPLIANT' as const, ground: 'BRANCH' as const, justification: '分支机构任职' };

describe("an override of a case whose procedure's decision was served", () => {
  let db: TestDatabase;
  const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;
  const time = () => ({ at: new Date().toISOString(), on: SEED_CALENDAR.provincialVerification.start });
  const penaltyKinds = async (seq: number) => (await q('SELECT kind FROM penalty WHERE case_id = $1 ORDER BY kind', [caseId(seq)])).map((r) => r.kind);
  const bans = async (seq: number) => (await q('SELECT count(*)::int AS n FROM registration_ban WHERE case_id = $1', [caseId(seq)]))[0].n;
  const override = (seq: number, updateId: string, decision: typeof violation | typeof compliant) =>
    overrideCaseOutcome(db.pool, caseId(seq), updateId, decision, '省级核查改变结论', coordinator, time(), { calendar: SEED_CALENDAR, kinds: [] });

  beforeAll(async () => {
    db = await createTestDatabase();
    const regUnit = { name: '吉林省改变结论测试建设有限公司', code: fixtureUscc(71) };
    const { runId, snapshotId } = await seedScreenedCity(db.pool, CITY, [
      { idNumber: fixtureIdNumber(601), regUnit },
      { idNumber: fixtureIdNumber(602), regUnit },
    ]);
    const config = CampaignConfig.parse({ id: CAMPAIGN, name: '改变结论测试', cities: [CITY], dataSources: { snapshotId }, calendar: SEED_CALENDAR });
    await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'test', workflowId: `campaign/${CAMPAIGN}`, at: new Date().toISOString() });
    await openCasesFromScreening(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, screeningRunId: runId, dueAt: new Date().toISOString() });
    for (const seq of [1, 2]) {
      await settleCaseDecision(
        db.pool,
        caseId(seq),
        `decide-${seq}`,
        violation,
        officer,
        {
          decidedAt: new Date().toISOString(),
          decidedOn: SEED_CALENDAR.investigation.start,
        },
        { calendar: SEED_CALENDAR, kinds: [] },
      );
      // The province's procedure: its revocation decision served, the rows and the bar recorded from the service.
      const procedureId = procedureIdOf(caseId(seq), 'province');
      await openProcedure(db.pool, {
        procedureId,
        caseId: caseId(seq),
        campaignId: CAMPAIGN,
        cityCode: CITY,
        level: 'province',
        authorityCode: '22',
        violation: 'IMPROPER_REGISTRATION',
        openedOn: SEED_CALENDAR.investigation.start,
        timeLimitOn: SEED_CALENDAR.provincialVerification.deadline,
        runId: `run-${seq}`,
      });
      await applyProcedurePenalties(db.pool, {
        procedureId,
        caseId: caseId(seq),
        level: 'province',
        effectiveOn: SEED_CALENDAR.provincialVerification.start,
        kinds: ['REVOKE_REGISTRATION', 'REGISTRATION_BAN_3Y', 'BAD_CONDUCT_PERSON'],
      });
      await db.pool.query(`UPDATE penalty_procedure SET step = 'redress', awaiting = '{await_redress}' WHERE procedure_id = $1`, [procedureId]);
    }
  });
  afterAll(() => db?.drop());

  it('keeps the served decision’s rows and its bar when the outcome stays liable, and withdraws them when the outcome is not', async () => {
    expect(await penaltyKinds(1)).toEqual(['BAD_CONDUCT_PERSON', 'REGISTRATION_BAN_3Y', 'REVOKE_REGISTRATION']);
    const kept = await override(1, 'override-1', violation);
    expect(kept).toMatchObject({ liability: 'liable', withdrawnPenaltyIds: [] });
    expect(await penaltyKinds(1)).toEqual(['BAD_CONDUCT_PERSON', 'REGISTRATION_BAN_3Y', 'REVOKE_REGISTRATION']);
    expect(await bans(1)).toBe(1);

    const cleared = await override(1, 'override-2', compliant);
    expect(cleared.liability).not.toBe('liable');
    expect(cleared.withdrawnPenaltyIds).toHaveLength(3);
    expect(await penaltyKinds(1)).toEqual([]);
    expect(await bans(1)).toBe(0);
    expect(await q(`SELECT DISTINCT withdrawn_because FROM penalty_withdrawn WHERE case_id = $1`, [caseId(1)])).toEqual([{ withdrawn_because: 'override' }]);
  });

  it('withdraws the rows of a procedure already withdrawn even when the outcome stays liable', async () => {
    await db.pool.query(`UPDATE penalty_procedure SET step = 'closed', awaiting = '{}', closed_because = 'withdrawn' WHERE procedure_id = $1`, [
      procedureIdOf(caseId(2), 'province'),
    ]);
    const r = await override(2, 'override-3', violation);
    expect(r).toMatchObject({ liability: 'liable' });
    expect(r.withdrawnPenaltyIds).toHaveLength(3);
    expect(await penaltyKinds(2)).toEqual([]);
    expect(await bans(2)).toBe(0);
  });
});
