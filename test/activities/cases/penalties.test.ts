import type { PoolClient } from 'pg';
import { applyPenalties, applyPenaltiesTx } from '../../../activities/penalties/applyPenalties';
import { closeCase } from '../../../activities/cases/closeCase';
import { cityCaseCounts } from '../../../activities/cases/cityCaseCounts';
import { openCasesFromScreening } from '../../../activities/cases/openCasesFromScreening';
import { recordDecision } from '../../../activities/cases/recordDecision';
import { settleCaseDecision } from '../../../activities/cases/settleCaseDecision';
import { isRegistrationFrozen, registrationBansInForce } from '../../../readModel/registrationFreeze';
import { SEED_CALENDAR } from '../../../domain/calendar';
import type { CaseDecisionInput } from '../../../domain/outcomes';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../../support/caseFixtures';

const CAMPAIGN = 'penalties';
const officer = { userId: 'officer-2201', role: 'city_officer' as const, cityCode: '2201' };
const regUnit = { name: '吉林省挂靠建设有限公司', code: fixtureUscc(10) };
const bureau = { name: '长春市某区水利局', code: fixtureUscc(11, '11'), kind: 'government' as const };
const agency = { name: '长春某人力资源服务有限公司', code: fixtureUscc(12), kind: 'hr_agency' as const };
const violation = (employer = bureau): CaseDecisionInput => ({
  outcome: 'VIOLATION',
  actualEmployer: { name: employer.name, code: employer.code },
  evidence: '社保由实际工作单位缴纳',
});

describe('penalties for a decided case', () => {
  let db: TestDatabase;
  /** What the activity would do, then undone: the case stays open for the tests after. */
  const inTransactionRolledBack = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      return await work(client);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  };
  const caseOf = async (idNumber: string): Promise<string> =>
    (await db.pool.query('SELECT case_id FROM case_file WHERE id_number = $1', [idNumber])).rows[0].case_id;
  const penaltiesOf = async (caseId: string) =>
    (
      await db.pool.query(
        "SELECT penalty_id, kind, level, target, unit_name, published, to_char(imposed_on, 'YYYY-MM-DD') AS on FROM penalty WHERE case_id = $1 ORDER BY penalty_id",
        [caseId],
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    const { runId } = await seedScreenedCity(db.pool, '2201', [
      { idNumber: fixtureIdNumber(1), regUnit, ssUnit: bureau, publicSectorEmployer: bureau, reasons: ['PUBLIC_SECTOR', 'SS_UNIT_MISMATCH'] },
      { idNumber: fixtureIdNumber(2), regUnit, ssUnit: agency, reasons: ['SS_VIA_AGENCY'] },
      { idNumber: fixtureIdNumber(3), regUnit },
      { idNumber: fixtureIdNumber(4), regUnit },
      { idNumber: fixtureIdNumber(5), regUnit: { name: '另一家建设有限公司', code: fixtureUscc(13) } },
      { idNumber: fixtureIdNumber(6), regUnit },
    ]);
    await openCasesFromScreening(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', screeningRunId: runId, dueAt: '2025-01-31T16:00:00Z' });
    // Phase 1: the registration unit declared a correction in the self-check (for its staff).
    await db.pool.query(
      `INSERT INTO campaign (id, name, config, calendar, workflow_id, launched_by) VALUES ($1, '处罚测试', '{}', $2, 'campaign/' || $1, 'test')`,
      [CAMPAIGN, JSON.stringify(SEED_CALENDAR)],
    );
    await db.pool.query(
      `INSERT INTO self_check_declaration (request_id, campaign_id, city_code, unit_name, unit_code, correction, corrected_on, declared_by, received_at)
       VALUES ('unit-decl', $1, '2201', $2, $3, 'moved_contributions', '2024-10-20', 'unit-hr', '2024-10-21T02:00:00Z')`,
      [CAMPAIGN, regUnit.name, regUnit.code],
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  it('records a decision once per update id and refuses a second decision', async () => {
    const caseId = await caseOf(fixtureIdNumber(1));
    const time = { decidedAt: '2025-01-15T02:00:00Z', decidedOn: '2025-01-15' };
    const first = await recordDecision(db.pool, caseId, 'u-1', violation(), officer, time);
    const again = await recordDecision(db.pool, caseId, 'u-1', violation(), officer, time);
    expect(first).toEqual({ caseId, updateId: 'u-1', decidedOn: '2025-01-15', duplicate: false });
    expect(again.duplicate).toBe(true);
    await expect(recordDecision(db.pool, caseId, 'u-2', violation(), officer, time)).rejects.toThrow(/decided by another update/);
    const log = await db.pool.query('SELECT count(*)::int AS n FROM decision_log WHERE case_id = $1', [caseId]);
    expect(log.rows[0].n).toBe(1);
  });

  it('applies the contract penalties to a violation once, with the public-sector employer notified', async () => {
    const caseId = await caseOf(fixtureIdNumber(1));
    const first = await applyPenalties(db.pool, caseId, violation(), 'city', '2025-01-15', { calendar: SEED_CALENDAR });
    const second = await applyPenalties(db.pool, caseId, violation(), 'city', '2025-01-15', { calendar: SEED_CALENDAR });
    expect(first.imposed).toBe(6);
    expect(second).toEqual({ ...first, imposed: 0 });
    const rows = await penaltiesOf(caseId);
    expect(rows.map((r) => r.kind).sort()).toEqual([
      'BAD_CONDUCT_PERSON',
      'BAD_CONDUCT_UNIT',
      'DYNAMIC_QUALIFICATION_CHECK',
      'NOTIFY_EMPLOYER',
      'REGISTRATION_BAN_3Y',
      'REVOKE_REGISTRATION',
    ]);
    expect(rows.every((r) => r.level === 'city' && r.on === '2025-01-15')).toBe(true);
    expect(rows.find((r) => r.kind === 'NOTIFY_EMPLOYER')).toMatchObject({ target: 'unit', unit_name: bureau.name });
    expect(rows.find((r) => r.kind === 'BAD_CONDUCT_UNIT')).toMatchObject({ unit_name: regUnit.name, published: true });
    expect(first.penaltyIds).toEqual(rows.map((r) => r.penalty_id));
  });

  it('keeps the 3-year ban from the decision date to the day before the third anniversary', async () => {
    const bans = await registrationBansInForce(db.pool, fixtureIdNumber(1), '2027-06-01');
    expect(bans).toEqual([{ caseId: await caseOf(fixtureIdNumber(1)), start: '2025-01-15', end: '2028-01-14', decisionNo: null, basis: null }]);
    expect(await registrationBansInForce(db.pool, fixtureIdNumber(1), '2028-01-15')).toEqual([]);
  });

  it('orders the HR agency that paid the contributions to rectify', async () => {
    const caseId = await caseOf(fixtureIdNumber(2));
    const decision = violation({ name: '某施工企业', code: fixtureUscc(14) } as typeof bureau);
    const r = await applyPenalties(db.pool, caseId, decision, 'city', '2025-01-10', { calendar: SEED_CALENDAR });
    const rows = await penaltiesOf(caseId);
    expect(rows.map((x) => x.kind)).toContain('AGENCY_RECTIFY_ORDER');
    expect(rows.map((x) => x.kind)).not.toContain('NOTIFY_EMPLOYER');
    expect(rows.find((x) => x.kind === 'AGENCY_RECTIFY_ORDER')?.unit_name).toBe(agency.name);
    expect(r.imposed).toBe(6);
  });

  it("records a person who rectified within phase 1 as exempt, with no penalty, on the registration unit's self-check declaration", async () => {
    const caseId = await caseOf(fixtureIdNumber(3));
    const r = await applyPenalties(db.pool, caseId, { outcome: 'RECTIFIED', rectifiedOn: '2024-10-20', how: 'moved_contributions' }, 'city', '2024-12-01', {
      calendar: SEED_CALENDAR,
    });
    expect(r).toEqual({ caseId, penaltyIds: [], imposed: 0, exempt: true, liability: 'exempt' });
    const c = await db.pool.query('SELECT liability, exemption_basis, liability_basis FROM case_file WHERE case_id = $1', [caseId]);
    expect(c.rows[0]).toEqual({ liability: 'exempt', exemption_basis: 'rectified_in_self_check', liability_basis: 'rectified_in_self_check' });
  });

  it('holds a correction dated within phase 1 liable when no declaration of the person or their registration unit is on record', async () => {
    // Person 5's registration unit declared nothing: the date alone does not exempt.
    const caseId = await caseOf(fixtureIdNumber(5));
    const decision = { outcome: 'RECTIFIED', rectifiedOn: '2024-10-20', how: 'moved_contributions' } as const;
    const r = await inTransactionRolledBack((client) => applyPenaltiesTx(client, caseId, decision, 'city', '2024-12-01', { calendar: SEED_CALENDAR }));
    expect(r).toMatchObject({ exempt: false, liability: 'liable', imposed: 5, notice: { field: 'rectifiedOn' } });
  });

  it('holds a correction made after phase 1 liable, and imposes nothing for other outcomes', async () => {
    const late = await applyPenalties(
      db.pool,
      await caseOf(fixtureIdNumber(4)),
      { outcome: 'RECTIFIED', rectifiedOn: '2024-11-20', how: 'moved_registration' },
      'city',
      '2024-12-01',
      { calendar: SEED_CALENDAR },
    );
    expect(late.exempt).toBe(false);
    expect(late.imposed).toBe(5);
    const compliant = await applyPenalties(
      db.pool,
      await caseOf(fixtureIdNumber(5)),
      { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保转移在途' },
      'city',
      '2024-12-01',
    );
    expect(compliant).toMatchObject({ penaltyIds: [], imposed: 0 });
  });

  it('lets the province penalise a late correction, whose liability the city recorded, without the calendar', async () => {
    // The case workflow's provincial imposition passes the decision but no calendar: the recorded liability decides.
    const caseId = await caseOf(fixtureIdNumber(4));
    const coordinator = { userId: 'province-1', role: 'province_coordinator' as const };
    const late = { outcome: 'RECTIFIED', rectifiedOn: '2024-11-20', how: 'moved_registration' } as const;
    const r = await applyPenalties(db.pool, caseId, late, 'province', '2025-02-11', {
      kinds: ['BAD_CONDUCT_PERSON', 'DYNAMIC_QUALIFICATION_CHECK'],
      audit: { updateId: 'p-late', officer: coordinator, at: '2025-02-11T02:00:00Z' },
    });
    expect(r.penaltyIds).toEqual([`${caseId}:BAD_CONDUCT_PERSON`, `${caseId}:DYNAMIC_QUALIFICATION_CHECK:${regUnit.code}`]);
    // An exempt correction carries no liability: without the calendar it is refused, not penalised.
    const exempt = await caseOf(fixtureIdNumber(3));
    await expect(
      applyPenalties(db.pool, exempt, { outcome: 'RECTIFIED', rectifiedOn: '2024-10-20', how: 'moved_contributions' }, 'province', '2025-02-11', {
        kinds: ['BAD_CONDUCT_PERSON'],
      }),
    ).rejects.toThrow(/needs the calendar/);
  });

  it('lets the province impose only the kinds it names, logged under its update id', async () => {
    const caseId = await caseOf(fixtureIdNumber(2));
    const coordinator = { userId: 'province-1', role: 'province_coordinator' as const };
    const audit = { updateId: 'p-1', officer: coordinator, at: '2025-02-10T02:00:00Z' };
    const r = await applyPenalties(db.pool, caseId, violation(), 'province', '2025-02-10', { kinds: ['REVOKE_REGISTRATION'], audit });
    // The city already revoked: the province's imposition finds it and adds nothing.
    expect(r).toMatchObject({ imposed: 0, penaltyIds: [`${caseId}:REVOKE_REGISTRATION`] });
    const log = await db.pool.query(`SELECT action FROM decision_log WHERE case_id = $1 AND update_id = 'p-1'`, [caseId]);
    expect(log.rows).toEqual([{ action: 'provincial_penalty' }]);
  });

  it('closes a decided case, lifting the freeze but not the ban, and counts the city', async () => {
    const caseId = await caseOf(fixtureIdNumber(1));
    await expect(closeCase(db.pool, await caseOf(fixtureIdNumber(5)))).rejects.toThrow(/only a decided case/);
    await closeCase(db.pool, caseId, '2025-01-15T03:00:00Z');
    await closeCase(db.pool, caseId, '2025-01-15T03:00:00Z');
    expect(await isRegistrationFrozen(db.pool, fixtureIdNumber(1))).toBe(false);
    expect(await isRegistrationFrozen(db.pool, fixtureIdNumber(2))).toBe(true);
    expect(await registrationBansInForce(db.pool, fixtureIdNumber(1), '2025-02-01')).toHaveLength(1);
    const counts = await cityCaseCounts(db.pool, { campaignId: CAMPAIGN, cityCode: '2201' });
    expect(counts).toMatchObject({ total: 6, open: 5, closed: 1, decided: 1, byOutcome: { VIOLATION: 1 }, exempt: 1, bans: 3 });
    expect(counts.penalties.REVOKE_REGISTRATION).toEqual({ city: 3, province: 0 });
    expect(counts.penalties.NOTIFY_EMPLOYER).toEqual({ city: 1, province: 0 });
  });

  it('settles a decision in one step (recorded, penalised, closed) and a retry changes nothing', async () => {
    const caseId = await caseOf(fixtureIdNumber(6));
    const time = { decidedAt: '2025-01-20T02:00:00Z', decidedOn: '2025-01-20' };
    const first = await settleCaseDecision(db.pool, caseId, 's-1', violation(), officer, time, {
      calendar: SEED_CALENDAR,
      exceptKinds: ['REVOKE_REGISTRATION'],
    });
    const retry = await settleCaseDecision(db.pool, caseId, 's-1', violation(), officer, time, {
      calendar: SEED_CALENDAR,
      exceptKinds: ['REVOKE_REGISTRATION'],
    });
    expect(first).toMatchObject({ decidedOn: '2025-01-20', exempt: false, duplicate: false });
    expect(retry).toEqual({ ...first, duplicate: true });
    expect(first.penaltyIds.map((p) => p.split(':')[1]).sort()).toEqual([
      'BAD_CONDUCT_PERSON',
      'BAD_CONDUCT_UNIT',
      'DYNAMIC_QUALIFICATION_CHECK',
      'NOTIFY_EMPLOYER',
      'REGISTRATION_BAN_3Y',
    ]);
    expect((await penaltiesOf(caseId)).length).toBe(5);
    const c = await db.pool.query('SELECT status, decision_update_id FROM case_file WHERE case_id = $1', [caseId]);
    expect(c.rows[0]).toEqual({ status: 'closed', decision_update_id: 's-1' });
    expect(await isRegistrationFrozen(db.pool, fixtureIdNumber(6))).toBe(false);
  });
});

describe('settling a decision that carries no penalty (one statement)', () => {
  let db: TestDatabase;
  const caseOf = async (idNumber: string): Promise<string> =>
    (await db.pool.query('SELECT case_id FROM case_file WHERE id_number = $1', [idNumber])).rows[0].case_id;
  const rowOf = async (caseId: string) =>
    (
      await db.pool.query(
        `SELECT status, outcome, decision, decision_update_id, decided_by, decided_at, to_char(decided_on, 'YYYY-MM-DD') AS decided_on,
            liability, exemption_basis, closed_at FROM case_file WHERE case_id = $1`,
        [caseId],
      )
    ).rows[0];
  const logOf = async (caseId: string) =>
    (
      await db.pool.query('SELECT update_id, action, officer_id, officer_role, officer_city, payload, recorded_at FROM decision_log WHERE case_id = $1', [
        caseId,
      ])
    ).rows;
  const time = { decidedAt: '2025-01-20T02:00:00.000Z', decidedOn: '2025-01-20' };
  const transferred: CaseDecisionInput = { outcome: 'TRANSFERRED', receivingAuthority: '省人力资源和社会保障厅', note: '移交处理' };

  beforeAll(async () => {
    db = await createTestDatabase();
    const { runId } = await seedScreenedCity(db.pool, '2201', [
      { idNumber: fixtureIdNumber(21), regUnit },
      { idNumber: fixtureIdNumber(22), regUnit },
      { idNumber: fixtureIdNumber(23), regUnit },
    ]);
    await openCasesFromScreening(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', screeningRunId: runId, dueAt: '2025-01-31T16:00:00Z' });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('leaves the same case row, log and freeze as the three steps, once per update id', async () => {
    const [fast, steps] = [await caseOf(fixtureIdNumber(21)), await caseOf(fixtureIdNumber(22))];
    expect(await isRegistrationFrozen(db.pool, fixtureIdNumber(21))).toBe(true);
    const first = await settleCaseDecision(db.pool, fast, 'f-1', transferred, officer, time, { calendar: SEED_CALENDAR });
    const retry = await settleCaseDecision(db.pool, fast, 'f-1', transferred, officer, time, { calendar: SEED_CALENDAR });
    expect(first).toEqual({ caseId: fast, updateId: 'f-1', decidedOn: '2025-01-20', penaltyIds: [], exempt: false, liability: 'none', duplicate: false });
    expect(retry).toEqual({ ...first, duplicate: true });
    await expect(settleCaseDecision(db.pool, fast, 'f-2', transferred, officer, time)).rejects.toThrow(/decided by another update/);

    await recordDecision(db.pool, steps, 'f-1', transferred, officer, time);
    await applyPenalties(db.pool, steps, transferred, 'city', time.decidedOn, { calendar: SEED_CALENDAR });
    await closeCase(db.pool, steps, time.decidedAt);
    expect(await rowOf(fast)).toEqual(await rowOf(steps));
    expect(await logOf(fast)).toEqual(await logOf(steps));
    expect((await logOf(fast)).length).toBe(1);
    expect(await isRegistrationFrozen(db.pool, fixtureIdNumber(21))).toBe(false);
    expect(await isRegistrationFrozen(db.pool, fixtureIdNumber(22))).toBe(false);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM penalty WHERE case_id = $1', [fast])).rows[0].n).toBe(0);
  });

  it('finishes a decision recorded but not closed, and refuses an unknown case', async () => {
    const caseId = await caseOf(fixtureIdNumber(23));
    await recordDecision(db.pool, caseId, 'r-1', transferred, officer, time);
    const settled = await settleCaseDecision(db.pool, caseId, 'r-1', transferred, officer, time);
    expect(settled.duplicate).toBe(true);
    expect((await rowOf(caseId)).status).toBe('closed');
    await expect(settleCaseDecision(db.pool, 'no-such-case', 'x-1', transferred, officer, time)).rejects.toThrow(/does not exist/);
  });
});
