/**
 * Recording a bad-conduct or ban penalty publishes it (migration 061's trigger, whatever code path
 * recorded it), for the province's period or the bar's own; a correction that withdraws the
 * penalty withdraws its publication, and the trail stays.
 */
import { publicationChanges, searchPublishedRecords } from '../../../readModel/publication';
import { registrationBansInForce } from '../../../readModel/registrationFreeze';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { seedPublishedRecords, type PublishedFixture } from '../../support/publicationFixtures';

let db: TestDatabase;
let fx: PublishedFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await seedPublishedRecords(db.pool);
});
afterAll(async () => {
  await db?.drop();
});

const threeYearsLess1Day = (from: string): string => {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 3);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

describe('publication of penalties', () => {
  it("publishes the person's record, the registration unit's record and the bar, each for its period", async () => {
    const all = await publicationChanges(db.pool, { limit: 100 });
    const mine = all.filter((p) => p.caseId === fx.published.caseId);
    expect(mine.map((p) => p.recordKind).sort()).toEqual(['BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT', 'REGISTRATION_BAN']);
    const person = mine.find((p) => p.recordKind === 'BAD_CONDUCT_PERSON')!;
    expect(person).toMatchObject({
      personName: fx.published.name,
      idNumberMasked: `${fx.published.idNumber.slice(0, 6)}********${fx.published.idNumber.slice(-4)}`,
      certNumbers: [fx.published.certNumber],
      certCategories: ['CONSTRUCTOR_2'],
      publishedFrom: fx.today,
      publishedUntil: threeYearsLess1Day(fx.today),
      withdrawnAt: null,
      authorityName: expect.stringContaining('长春'),
    });
    const unit = mine.find((p) => p.recordKind === 'BAD_CONDUCT_UNIT')!;
    expect(unit).toMatchObject({ personName: null, idNumberMasked: null, unitName: fx.unit.name, unitCode: fx.unit.code });
    const ban = mine.find((p) => p.recordKind === 'REGISTRATION_BAN')!;
    const registered = await db.pool.query(
      "SELECT to_char(start_date, 'YYYY-MM-DD') AS s, to_char(end_date, 'YYYY-MM-DD') AS e FROM registration_ban WHERE case_id = $1",
      [fx.published.caseId],
    );
    expect({ from: ban.publishedFrom, until: ban.publishedUntil }).toEqual({ from: registered.rows[0].s, until: registered.rows[0].e });
  });

  it('withdraws the publications of an overridden case, saying when, why and by whom, and keeps them', async () => {
    const rows = (await publicationChanges(db.pool, { limit: 100 })).filter((p) => p.caseId === fx.withdrawn.caseId);
    expect(rows.length).toBe(3);
    for (const r of rows) expect(r).toMatchObject({ withdrawnReason: 'override', withdrawnBy: 'coordinator', withdrawnAt: expect.any(Date) });
    expect(await searchPublishedRecords(db.pool, { name: fx.withdrawn.name, onDate: fx.today, limit: 10 })).toEqual([]);
  });

  it("takes a changed period from the province's setting for what is published after the change", async () => {
    await db.pool.query(
      `INSERT INTO publication_period_setting (record_kind, months, reason, set_by) VALUES ('BAD_CONDUCT_PERSON', 6, '测试：省厅确定为6个月', 'coordinator')`,
    );
    await db.pool.query(
      `INSERT INTO penalty (penalty_id, case_id, kind, level, imposed_on, target, published) VALUES ($1 || ':BAD_CONDUCT_PERSON', $1, 'BAD_CONDUCT_PERSON', 'province', '2025-01-31', 'person', true)`,
      [fx.withdrawn.caseId],
    );
    const again = (await publicationChanges(db.pool, { limit: 100 })).filter((p) => p.caseId === fx.withdrawn.caseId && p.withdrawnAt === null);
    expect(again).toEqual([expect.objectContaining({ recordKind: 'BAD_CONDUCT_PERSON', publishedFrom: '2025-01-31', publishedUntil: '2025-07-30' })]);
  });

  it("names the decision each publication rests on, and for a bar of a revocation by the ministry the ministry's document", async () => {
    const mine = async () => (await publicationChanges(db.pool, { limit: 100 })).filter((p) => p.caseId === fx.published.caseId);
    for (const p of await mine()) expect(p).toMatchObject({ decisionNo: fx.published.decisionNo, basis: expect.stringContaining('第三十四条') });
    await db.pool.query(`UPDATE penalty_procedure SET ministry_revoked = true, ministry_document_number = '建市罚〔2026〕12号' WHERE case_id = $1`, [
      fx.published.caseId,
    ]);
    const byKind = Object.fromEntries((await mine()).map((p) => [p.recordKind, p.decisionNo]));
    expect(byKind).toEqual({ BAD_CONDUCT_PERSON: fx.published.decisionNo, BAD_CONDUCT_UNIT: fx.published.decisionNo, REGISTRATION_BAN: '建市罚〔2026〕12号' });
    const [ban] = await registrationBansInForce(db.pool, fx.published.idNumber, fx.today);
    expect(ban).toMatchObject({ decisionNo: '建市罚〔2026〕12号', basis: expect.stringContaining('第三十四条') });
  });

  it('names the person of a case opened by a complaint (no screening row) from the registrations', async () => {
    await db.pool.query(
      `INSERT INTO case_file (case_id, case_no, campaign_id, city_code, seq, id_number, origin) VALUES ('complaint-case', 'TS-1', 'another', '2201', 1, $1, 'complaint')`,
      [fx.published.idNumber],
    );
    await db.pool.query(
      `INSERT INTO penalty (penalty_id, case_id, kind, level, imposed_on, target, published) VALUES ('complaint-case:BAD_CONDUCT_PERSON', 'complaint-case', 'BAD_CONDUCT_PERSON', 'city', '2025-03-01', 'person', true)`,
    );
    const [p] = (await publicationChanges(db.pool, { limit: 100 })).filter((x) => x.caseId === 'complaint-case');
    expect(p).toMatchObject({ personName: fx.published.name, decisionNo: null, basis: null });
  });
});
