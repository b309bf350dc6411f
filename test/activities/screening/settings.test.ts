/**
 * The window, as_of, age limit and risk weights as campaign settings; several batches per source;
 * one city's run; and the shape of screening_result rows.
 */
import { runScreening, SnapshotNotFoundError } from '../../../activities/screening/runScreening';
import { DEFAULT_RISK_WEIGHTS } from '../../../domain/flags';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { fund, idNumber, reg, screen, si, uscc, WINDOW } from './fixtures';

const HOME = '吉林宏达建设有限公司';
const OTHER = '长春鑫源工程咨询有限公司';

describe('screening settings and results', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('the window is inclusive: a record in its first month counts, one month earlier does not', async () => {
    const inFirst = idNumber(1);
    const before = idNumber(2);
    const r = await screen(db.pool, {
      registrations: [reg(inFirst, HOME), reg(before, HOME)],
      social_insurance: [...si(inFirst, HOME, ['2024-08']), ...si(before, HOME, ['2024-07']), ...si(idNumber(3), OTHER, ['2024-10'])],
    });
    expect(r.summary).toMatchObject({ asOf: '2024-10', windowMonths: 3 });
    expect(r.reasons(inFirst)).toEqual([]);
    expect(r.reasons(before)).toEqual(['SS_MISSING']);
  });

  it('as_of defaults to the latest period of the whole social-insurance file, not of each person', async () => {
    const lagging = idNumber(4);
    const r = await screen(db.pool, {
      registrations: [reg(lagging, HOME)],
      social_insurance: [...si(lagging, HOME, ['2024-05']), ...si(idNumber(5), OTHER, ['2024-10'])],
    });
    expect(r.summary.asOf).toBe('2024-10');
    expect(r.reasons(lagging)).toEqual(['SS_MISSING']);
  });

  it('an explicit as_of ignores later records, and window and age limit are settings', async () => {
    const id = idNumber(6, '1962-03-15');
    const rows = {
      registrations: [reg(id, HOME)],
      social_insurance: [...si(id, HOME, ['2024-01', '2024-02']), ...si(id, OTHER, ['2024-03', '2024-04'])],
    };
    const early = await screen(db.pool, rows, { asOf: '2024-02', windowMonths: 1, ageLimit: 62 });
    expect(early.summary).toMatchObject({ asOf: '2024-02', windowMonths: 1 });
    expect(early.reasons(id)).toEqual([]); // 61 on 2024-02-29
    const later = await screen(db.pool, rows, { asOf: '2024-03', windowMonths: 1, ageLimit: 62 });
    expect(later.reasons(id)).toEqual(['OVER_AGE', 'SS_UNIT_MISMATCH']); // 62 on 2024-03-31
    const noRecordInOneMonth = await screen(db.pool, rows, { asOf: '2024-06', windowMonths: 1 });
    expect(noRecordInOneMonth.reasons(id)).toEqual(['SS_MISSING']);
  });

  it('a 29 February birthday counts on 1 March in common years', async () => {
    const leap = idNumber(7, '1960-02-29');
    const rows = { registrations: [reg(leap, HOME)], social_insurance: si(leap, HOME, ['2025-02', '2025-03']) };
    expect((await screen(db.pool, rows, { asOf: '2025-02' })).reasons(leap)).toEqual([]);
    expect((await screen(db.pool, rows, { asOf: '2025-03' })).reasons(leap)).toEqual(['OVER_AGE']);
  });

  it("risk_score is the sum of the flags' weights, defaults overridden per flag", async () => {
    const id = idNumber(8);
    const rows = { registrations: [reg(id, HOME)], social_insurance: si(id, OTHER, WINDOW), housing_fund: fund(id, OTHER, WINDOW) };
    const byDefault = await screen(db.pool, rows);
    expect(byDefault.byId.get(id)?.risk_score).toBe(DEFAULT_RISK_WEIGHTS.SS_UNIT_MISMATCH + DEFAULT_RISK_WEIGHTS.FUND_UNIT_MISMATCH);
    const custom = await screen(db.pool, rows, { riskWeights: { SS_UNIT_MISMATCH: 7 } });
    expect(custom.byId.get(id)?.risk_score).toBe(7 + DEFAULT_RISK_WEIGHTS.FUND_UNIT_MISMATCH);
  });

  it('several batches of one source are unioned, and identical rows in two batches count once', async () => {
    const a = idNumber(9);
    const b = idNumber(10);
    const r = await screen(db.pool, [
      { registrations: [reg(a, HOME)], social_insurance: si(a, HOME, WINDOW), housing_fund: fund(a, OTHER, WINDOW) },
      // A second file of each source: the same rows again (for a), and another person (b).
      {
        registrations: [reg(a, HOME), reg(b, HOME)],
        social_insurance: [...si(a, HOME, WINDOW), ...si(b, OTHER, WINDOW)],
        housing_fund: fund(a, OTHER, WINDOW),
      },
    ]);
    expect(r.summary.personsScreened).toBe(2);
    expect(r.reasons(a)).toEqual(['FUND_UNIT_MISMATCH']);
    expect(r.reasons(b)).toEqual(['SS_UNIT_MISMATCH']);
    const row = r.byId.get(a)!;
    expect(row.cert_numbers).toHaveLength(1);
    expect(row.evidence.socialInsurance.units).toHaveLength(1);
    expect(row.evidence.housingFund.units[0].periods).toEqual(WINDOW);
  });

  it("a city's run screens the persons whose first registration is in that city, with all their registrations", async () => {
    const changchun = idNumber(11);
    const jilin = idNumber(12);
    const r = await screen(
      db.pool,
      {
        registrations: [
          reg(changchun, HOME, { registered_on: '2019-01-01', cert_number: 'X1' }),
          reg(changchun, OTHER, { registered_on: '2021-01-01', cert_number: 'X2', city_code: '吉林市' }),
          reg(jilin, OTHER, { city_code: '2202' }),
        ],
        social_insurance: [...si(changchun, HOME, WINDOW), ...si(jilin, HOME, WINDOW)],
      },
      {},
      '2201',
    );
    expect(r.summary.personsScreened).toBe(1);
    expect([...r.byId.keys()]).toEqual([changchun]);
    expect(r.reasons(changchun)).toEqual(['MULTI_UNIT']);
  });

  it('a 15-digit legacy ID in the registrations matches the 18-digit number elsewhere', async () => {
    const id18 = idNumber(13, '1975-06-01');
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    const r = await screen(db.pool, { registrations: [reg(id15, HOME)], social_insurance: si(id18, OTHER, WINDOW) });
    expect(r.reasons(id18)).toEqual(['SS_UNIT_MISMATCH']);
  });

  it('result rows: registration lists in registration order, reasons sorted, payers at P and Q as YYYY-MM', async () => {
    const id = idNumber(14);
    const r = await screen(db.pool, {
      registrations: [
        reg(id, OTHER, { registered_on: '2022-05-01', cert_number: 'LATER', cert_category: 'COST_1', unit_code: uscc(2) }),
        reg(id, HOME, { registered_on: '2018-05-01', cert_number: 'FIRST', cert_category: '一级注册建造师' }),
      ],
      social_insurance: si(id, '长春市住房和城乡建设局', WINDOW, { unit_code: uscc(3, '11'), region_code: '110105' }),
      housing_fund: fund(id, HOME, ['2024-08', '2024-09']),
    });
    expect(r.byId.get(id)).toMatchObject({
      name: '张三',
      city_code: '2201',
      cert_categories: ['CONSTRUCTOR_1', 'COST_1'],
      cert_numbers: ['FIRST', 'LATER'],
      reg_unit_names: [HOME, OTHER],
      reg_unit_codes: ['', uscc(2)],
      reasons: ['MULTI_UNIT', 'PUBLIC_SECTOR', 'SS_OUTSIDE_PROVINCE', 'SS_UNIT_MISMATCH'],
      ss_unit_name: '长春市住房和城乡建设局',
      ss_unit_code: uscc(3, '11'),
      ss_region_code: '110105',
      ss_latest_period: '2024-10',
      fund_unit_name: HOME,
      fund_unit_code: '',
      fund_latest_period: '2024-09',
    });
    const ev = r.byId.get(id)!.evidence;
    expect(ev).toMatchObject({ asOf: '2024-10', window: { from: '2024-08', to: '2024-10', months: 3 }, ageLimit: 65 });
    expect(ev.socialInsurance.latestPayers).toEqual([
      { unitName: '长春市住房和城乡建设局', unitCode: uscc(3, '11'), status: 'employed', regionCode: '110105' },
    ]);
    expect(ev.housingFund.units[0]).toMatchObject({ unitName: HOME, matchesRegistration: 1, relation: 'same_name' });
    expect(ev.registrationUnitRelations).toEqual([{ registration: 1, otherRegistration: 2, relation: null, parentCompanyLink: false }]);
  });

  it('refuses an unknown snapshot and bad settings before writing anything', async () => {
    await expect(runScreening(db.pool, { snapshotId: 987654, settings: {} })).rejects.toBeInstanceOf(SnapshotNotFoundError);
    await expect(runScreening(db.pool, { snapshotId: 1, settings: { windowMonths: 0 } })).rejects.toThrow();
    await expect(runScreening(db.pool, { snapshotId: 1, cityCode: '22', settings: {} })).rejects.toThrow();
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM screening_run WHERE snapshot_id = 987654');
    expect(rows[0].n).toBe(0);
  });

  it('keeps its working tables in a schema of the run that is gone afterwards, also when the run fails midway', async () => {
    const scratchSchemas = async () =>
      (await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'scr\\_run\\_%'")).rows[0].n;
    const flagged = idNumber(40);
    const rows = { registrations: [reg(flagged, HOME)], social_insurance: si(flagged, OTHER, ['2024-10']) };
    expect((await screen(db.pool, rows)).reasons(flagged)).toEqual(['SS_UNIT_MISMATCH']);
    expect(await scratchSchemas()).toBe(0);

    // The last step (storing the results) fails: the run's row, results and schema are all rolled back.
    await db.pool.query(`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await db.pool.query('CREATE TRIGGER test_refuse BEFORE INSERT ON screening_result FOR EACH ROW EXECUTE FUNCTION test_refuse()');
    try {
      const runsBefore = (await db.pool.query('SELECT count(*)::int AS n FROM screening_run')).rows[0].n;
      await expect(screen(db.pool, rows)).rejects.toThrow(/refused by the test/);
      expect(await scratchSchemas()).toBe(0);
      expect((await db.pool.query('SELECT count(*)::int AS n FROM screening_run')).rows[0].n).toBe(runsBefore);
    } finally {
      await db.pool.query('DROP TRIGGER test_refuse ON screening_result');
      await db.pool.query('DROP FUNCTION test_refuse()');
    }
  });
});
