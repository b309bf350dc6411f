import { openCasesFromScreening } from '../../../activities/cases/openCasesFromScreening';
import { gatherCaseEvidence } from '../../../activities/cases/gatherCaseEvidence';
import { listCaseIds } from '../../../activities/cases/listCaseIds';
import { markCaseReady } from '../../../activities/cases/markCaseReady';
import { registerComplaint } from '../../../services/complaintRegistry';
import { isRegistrationFrozen, isUnitQualificationFrozen } from '../../../readModel/registrationFreeze';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity, type ScreenedCity } from '../../support/caseFixtures';

const CAMPAIGN = 'open-cases';
const DUE = '2025-01-31T16:00:00.000Z';
const regUnit = { name: '吉林省某某建设有限公司', code: fixtureUscc(1) };
const otherUnit = { name: '长春某设计院有限公司', code: fixtureUscc(2), parentCode: fixtureUscc(1) };

describe('opening cases from a screening run', () => {
  let db: TestDatabase;
  let city: ScreenedCity;
  const low = fixtureIdNumber(1);
  const high = fixtureIdNumber(2);
  const tie = fixtureIdNumber(3);

  beforeAll(async () => {
    db = await createTestDatabase();
    city = await seedScreenedCity(db.pool, '2201', [
      { idNumber: low, regUnit, riskScore: 20 },
      { idNumber: high, regUnit, ssUnit: otherUnit, riskScore: 75, examUnit: otherUnit, contractUnit: otherUnit },
      { idNumber: tie, regUnit, riskScore: 75 },
    ]);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('opens one case per flagged person, numbered by risk then ID number, and a re-run opens none', async () => {
    const input = { campaignId: CAMPAIGN, cityCode: '2201', screeningRunId: city.runId, dueAt: DUE, shardSize: 2 };
    expect(await openCasesFromScreening(db.pool, input)).toEqual({ opened: 3, total: 3 });
    expect(await openCasesFromScreening(db.pool, input)).toEqual({ opened: 0, total: 3 });
    const { rows } = await db.pool.query('SELECT case_id, id_number, shard_index, status FROM case_file WHERE campaign_id = $1 ORDER BY seq', [CAMPAIGN]);
    expect(rows.map((r) => [r.case_id, r.id_number, r.shard_index, r.status])).toEqual([
      [`${CAMPAIGN}-2201-000001`, high < tie ? high : tie, 0, 'open'],
      [`${CAMPAIGN}-2201-000002`, high < tie ? tie : high, 0, 'open'],
      [`${CAMPAIGN}-2201-000003`, low, 1, 'open'],
    ]);
  });

  it('freezes the registration of every person with an open case, and their unit', async () => {
    expect(await isRegistrationFrozen(db.pool, high)).toBe(true);
    expect(await isRegistrationFrozen(db.pool, fixtureIdNumber(99))).toBe(false);
    expect(await isUnitQualificationFrozen(db.pool, { code: regUnit.code })).toBe(true);
    expect(await isUnitQualificationFrozen(db.pool, { name: ' 吉林省某某建设有限公司 ' })).toBe(true);
    expect(await isUnitQualificationFrozen(db.pool, { code: otherUnit.code })).toBe(false);
  });

  it('gathers every source into the evidence at opening, with exam applications, labour contracts and parent links', async () => {
    const caseId = (await db.pool.query('SELECT case_id FROM case_file WHERE id_number = $1', [high])).rows[0].case_id;
    const again = await gatherCaseEvidence(db.pool, caseId);
    expect(again.gathered).toBe(false);
    expect(again.kinds).toEqual(
      expect.arrayContaining([
        'screening',
        'registrations',
        'social_insurance',
        'housing_fund',
        'exam_applications',
        'labor_contracts',
        'public_sector',
        'units',
        'self_check',
      ]),
    );
    const ev = new Map((await db.pool.query('SELECT kind, payload FROM case_evidence WHERE case_id = $1', [caseId])).rows.map((r) => [r.kind, r.payload]));
    expect(ev.get('exam_applications')).toEqual([expect.objectContaining({ unitName: otherUnit.name, examYear: 2019 })]);
    expect(ev.get('labor_contracts')).toEqual([expect.objectContaining({ unitName: otherUnit.name, startDate: '2021-03-01' })]);
    expect(ev.get('social_insurance')).toMatchObject({ window: { from: '2024-08', to: '2024-10' }, monthsWithRecords: 3 });
    expect(ev.get('screening')).toMatchObject({ screened: true, riskScore: 75 });
    expect(ev.get('units')).toContainEqual(expect.objectContaining({ unitCode: otherUnit.code, parentName: regUnit.name }));
    const refreshed = await gatherCaseEvidence(db.pool, caseId, { refresh: true });
    expect(refreshed.gathered).toBe(true);
    const count = await db.pool.query('SELECT count(*)::int AS n FROM case_evidence WHERE case_id = $1', [caseId]);
    expect(count.rows[0].n).toBe(ev.size);
  });

  it('opens cases not ready, and marks a case ready once, keeping the first instant', async () => {
    const id = `${CAMPAIGN}-2201-000001`;
    const readyAt = async () => (await db.pool.query(`SELECT ready_at FROM case_file WHERE case_id = $1`, [id])).rows[0].ready_at;
    expect(await readyAt()).toBeNull();
    expect(await markCaseReady(db.pool, id, '2024-11-01T02:00:00.000Z')).toEqual({ caseId: id, marked: true });
    expect(await markCaseReady(db.pool, id, '2024-11-02T02:00:00.000Z')).toEqual({ caseId: id, marked: false });
    expect((await readyAt()).toISOString()).toBe('2024-11-01T02:00:00.000Z');
    const others = await db.pool.query('SELECT count(*)::int AS n FROM case_file WHERE campaign_id = $1 AND ready_at IS NOT NULL', [CAMPAIGN]);
    expect(others.rows[0].n).toBe(1);
  });

  it('pages case ids in case-number order', async () => {
    const first = await listCaseIds(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', limit: 2 });
    const rest = await listCaseIds(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', limit: 2, afterCaseId: first[1] });
    expect([...first, ...rest]).toEqual([1, 2, 3].map((n) => `${CAMPAIGN}-2201-00000${n}`));
  });

  it('attaches a complaint about a person with a case, and opens a complaint case for anyone else, once', async () => {
    const base = { campaignId: CAMPAIGN, cityCode: '2201', receivedAt: '2024-12-01T02:00:00Z', channel: 'phone' as const, content: '举报挂证' };
    const attached = await registerComplaint(db.pool, { ...base, complaintId: 'c-1', subjectIdNumber: high });
    expect(attached).toMatchObject({ created: false, caseStatus: 'open' });
    const stranger = fixtureIdNumber(50);
    const opened = await registerComplaint(db.pool, { ...base, complaintId: 'c-2', subjectIdNumber: stranger, dueAt: DUE });
    expect(opened).toEqual({ complaintId: 'c-2', caseId: `${CAMPAIGN}-2201-000004`, created: true, caseStatus: 'open' });
    expect(await registerComplaint(db.pool, { ...base, complaintId: 'c-2', subjectIdNumber: stranger })).toEqual(opened);
    const second = await registerComplaint(db.pool, { ...base, complaintId: 'c-3', subjectIdNumber: stranger });
    expect(second).toMatchObject({ caseId: opened.caseId, created: false });
    const unitOnly = await registerComplaint(db.pool, { ...base, complaintId: 'c-4', subjectUnit: '某人力资源服务公司' });
    expect(unitOnly).toMatchObject({ caseId: null, created: false });
    expect(await isRegistrationFrozen(db.pool, stranger)).toBe(true);
    // A complaint case is started by the complaint intake, not by the shards.
    expect(await listCaseIds(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', limit: 10 })).toHaveLength(3);
    const gathered = await gatherCaseEvidence(db.pool, opened.caseId!);
    expect(gathered.gathered).toBe(true);
    const complaints = await db.pool.query(`SELECT payload FROM case_evidence WHERE case_id = $1 AND kind = 'complaints'`, [opened.caseId]);
    expect(complaints.rows[0].payload).toHaveLength(2);
  });

  it('refuses a complaint that names nobody, or an invalid ID number', async () => {
    const base = { campaignId: CAMPAIGN, cityCode: '2201', receivedAt: '2024-12-01T02:00:00Z', channel: 'web' as const, content: 'x' };
    await expect(registerComplaint(db.pool, { ...base, complaintId: 'c-9' })).rejects.toThrow(/names a person/);
    await expect(registerComplaint(db.pool, { ...base, complaintId: 'c-9', subjectIdNumber: '220102198001010000' })).rejects.toThrow(/check character/);
  });
});
