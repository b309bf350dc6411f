/**
 * Issue 18: what a supervisor or an auditor sees of a case (no name, no ID number, no officer's
 * free text: their masks only), that no link from the worklist to a case and back is dead, and the
 * worklist's filters, sorting and pages.
 */
import { FULL_ID } from '../activities/reports/readBack';
import { CAMPAIGN, P, seedReadModel } from '../activities/reports/readModelFixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, logInEveryone } from './apiSupport/http';
import { seedUsers, type UserName } from './apiSupport/seed';

const REASON = '本人长期外派，正在补充调查材料';

let db: TestDatabase;
let api: RunningApi;
const tokens: Partial<Record<UserName, string>> = {};
const get = (who: UserName, path: string) => call(api.url, 'GET', path, { token: tokens[who] });
const ok = async (who: UserName, path: string) => {
  const r = await get(who, path);
  if (r.status !== 200) throw new Error(`${who} GET ${path}: ${r.status} ${r.text}`);
  return r.body;
};
const caseOf = async (idNumber: string) => (await db.pool.query('SELECT case_id FROM case_file WHERE id_number = $1', [idNumber])).rows[0].case_id as string;
const worklist = (query = '') => `/campaigns/${CAMPAIGN}/cities/2201/cases${query}`;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  await seedReadModel(db.pool);
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  Object.assign(tokens, await logInEveryone(api.url));
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('a case as a supervisor or an auditor sees it', () => {
  it("masks the person's ID number and name and leaves out the officer's carry-over reason; the officer sees all three", async () => {
    const caseId = await caseOf(P.a[6]);
    for (const who of ['supervisor', 'auditor'] as const) {
      const c = await ok(who, `/cases/${caseId}`);
      const text = JSON.stringify(c);
      expect(text).not.toContain(P.a[6]);
      expect(text).not.toMatch(FULL_ID);
      expect(text).not.toContain('长春7');
      expect(text).not.toContain(REASON);
      expect(c.person).toEqual({ idNumberMasked: `${P.a[6].slice(0, 6)}********${P.a[6].slice(14)}`, nameMasked: '长**' });
      expect(c.timeline.find((t: { kind: string }) => t.kind === 'carried_over').detail).toEqual({});
      expect(c).toMatchObject({ campaignId: CAMPAIGN, cityCode: '2201', status: 'carried_over' });
    }
    const officer = await ok('officer2201', `/cases/${caseId}`);
    expect(officer.person).toEqual({ idNumber: P.a[6], name: '长春7' });
    expect(officer.timeline.find((t: { kind: string }) => t.kind === 'carried_over').detail).toEqual({ reason: REASON });
  });

  it("never carries a full ID number or a name in any case of the city, decided ones' decisions and evidence included", async () => {
    const list = await ok('supervisor', worklist('?pageSize=50'));
    expect(list.total).toBe(9);
    for (const item of list.items) {
      expect(item).not.toHaveProperty('name');
      const text = JSON.stringify(await ok('supervisor', `/cases/${item.caseId}`));
      expect(text).not.toMatch(FULL_ID);
      expect(text).not.toMatch(/长春\d/);
      expect(text).not.toContain('社保由实际工作单位缴纳'); // the violation's evidence text
    }
    expect(JSON.stringify(list)).not.toMatch(FULL_ID);
    expect(list.items.map((i: { nameMasked: string | null }) => i.nameMasked)).toEqual(
      list.items.map((i: { origin: string }) => (i.origin === 'complaint' ? null : '长**')),
    );
  });
});

describe('links between the worklist and a case', () => {
  it('names the campaign and city in the worklist and in every item, and each case page links back to a list that answers', async () => {
    for (const who of ['supervisor', 'auditor', 'officer2201', 'coordinator'] as const) {
      const list = await ok(who, worklist('?pageSize=50'));
      expect([list.campaignId, list.cityCode]).toEqual([CAMPAIGN, '2201']);
      for (const item of list.items) {
        expect([item.campaignId, item.cityCode]).toEqual([CAMPAIGN, '2201']);
        const c = await ok(who, `/cases/${item.caseId}`);
        expect([c.campaignId, c.cityCode]).toEqual([item.campaignId, item.cityCode]);
        expect((await get(who, `/campaigns/${c.campaignId}/cities/${c.cityCode}/cases?pageSize=1`)).status).toBe(200);
        expect((await get(who, `/campaigns/${c.campaignId}/cities/${c.cityCode}`)).status).toBe(200);
      }
    }
  });
});

describe('the worklist', () => {
  it('pages: every case once over the pages, the total and the page count on each', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await ok('officer2201', worklist(`?pageSize=4&page=${page}&sort=caseNo`));
      expect([p.page, p.pageSize, p.total, p.pages]).toEqual([page, 4, 9, 3]);
      seen.push(...p.items.map((i: { caseId: string }) => i.caseId));
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    expect((await ok('officer2201', worklist('?pageSize=4&page=4'))).items).toEqual([]);
  });

  it('filters by origin, case number, status and outcome', async () => {
    const complaint = await ok('officer2201', worklist('?origin=complaint'));
    expect(complaint.items.map((i: { origin: string }) => i.origin)).toEqual(['complaint']);
    const all = (await ok('officer2201', worklist('?sort=caseNo'))).items as { caseId: string; caseNo: string }[];
    const third = all[2];
    const byNo = await ok('officer2201', worklist(`?caseNo=${encodeURIComponent(third.caseNo.slice(-3))}`));
    expect(byNo.items.map((i: { caseId: string }) => i.caseId)).toEqual([third.caseId]);
    expect((await ok('officer2201', worklist('?status=carried_over'))).total).toBe(1);
    expect((await ok('officer2201', worklist('?outcome=VIOLATION'))).total).toBe(2);
    expect((await ok('officer2201', worklist('?caseNo=%25'))).total).toBe(0);
  });

  it('filters by certificate category: the cases whose person is registered in it, as the screening recorded', async () => {
    const { rows } = await db.pool.query<{ category: string; n: number }>(
      `SELECT cat AS category, count(DISTINCT c.case_id)::int AS n
         FROM case_file c JOIN screening_result s ON s.run_id = c.screening_run_id AND s.id_number = c.id_number, unnest(s.cert_categories) cat
        WHERE c.city_code = '2201' GROUP BY cat ORDER BY cat`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { category, n } of rows)
      expect({ category, total: (await ok('officer2201', worklist(`?certCategory=${category}`))).total }).toEqual({ category, total: n });
    expect((await get('officer2201', worklist('?certCategory=NOT_A_CATEGORY'))).status).toBe(400);
  });

  it('sorts by case number either way and by decision time, the undecided last', async () => {
    const nos = async (sort: string) => (await ok('officer2201', worklist(`?sort=${sort}`))).items.map((i: { caseNo: string }) => i.caseNo) as string[];
    const up = await nos('caseNo');
    expect(up).toEqual([...up].sort());
    expect(await nos('-caseNo')).toEqual([...up].reverse());
    const decided = (await ok('officer2201', worklist('?sort=decided'))).items as { decidedAt: string | null }[];
    const times = decided.map((i) => i.decidedAt);
    const firstNull = times.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(times.slice(firstNull).every((t) => t === null)).toBe(true);
    const set = times.slice(0, firstNull) as string[];
    expect(set).toEqual([...set].sort().reverse());
  });

  it('refuses an unknown sort or figure, and a page larger than 500', async () => {
    for (const q of ['?sort=name', '?figure=revoked', '?pageSize=501']) {
      const r = await get('officer2201', worklist(q));
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('validation_failed');
    }
  });
});
