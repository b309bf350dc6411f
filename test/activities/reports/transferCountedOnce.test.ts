/**
 * A person transferred from 长春市 to 吉林市 (issue 20 item 6) has two cases; the figures count the
 * person once, at the receiving city: the sending case closed as TRANSFERRED to another city is
 * neither listed nor counted by the sender, the receiving case is (readModel/detailRelation.ts
 * countedCaseSql). A TRANSFERRED decision without a transfer row (free text, the fixture's a6) stays
 * the sender's. The summary table's rows, its count and the worklist's figure filter agree.
 */
import { overrideCaseOutcome } from '../../../activities/cases/correctCase';
import { openTransfer } from '../../../activities/cases/openTransfer';
import { recordDecision } from '../../../activities/cases/recordDecision';
import { produceReport } from '../../../activities/reports/produceReport';
import { SEED_CALENDAR } from '../../../domain/calendar';
import { countCities, sumCounts, type CityCounts } from '../../../readModel/cityFigures';
import { worklist } from '../../../readModel/worklist';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { CAMPAIGN, EXPECTED, P, seedReadModel } from './readModelFixture';

const CITIES = ['2201', '2202'];
const officer = (cityCode: string) => ({ userId: `officer-${cityCode}`, role: 'city_officer' as const, cityCode });
const pick = ({ rows, cases, verified, confirmedHanging, stillOpen }: CityCounts) => ({ rows, cases, verified, confirmedHanging, stillOpen });

describe('a transferred person is counted once, by the receiving city', () => {
  let db: TestDatabase;
  let before: Map<string, CityCounts>;
  let received: string;
  let sent: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedReadModel(db.pool);
    before = await countCities(db.pool, CAMPAIGN, CITIES, 'investigation');
    // a8 (open at 长春市) is transferred to 吉林市 as the case workflow does it: the decision, then openTransfer.
    const caseId = (await db.pool.query('SELECT case_id FROM case_file WHERE id_number = $1', [P.a[7]])).rows[0].case_id as string;
    sent = caseId;
    const transferred = { outcome: 'TRANSFERRED', receivingAuthority: '吉林市住房和城乡建设局', transferTo: { kind: 'city', cityCode: '2202' } } as const;
    await recordDecision(db.pool, caseId, 'decide-transfer', transferred, officer('2201'), { decidedAt: '2025-01-10T10:00:00+08:00', decidedOn: '2025-01-10' });
    const t = await openTransfer(db.pool, { caseId, today: '2025-01-10', minDays: 10, clock: { kind: 'calendar' }, calendar: SEED_CALENDAR });
    expect(t).toMatchObject({ kind: 'city', toCityCode: '2202', opened: true });
    received = t.toCaseId!;
  });
  afterAll(async () => {
    await db.drop();
  });

  it('leaves the sending case out of the sending city and counts the receiving case, the province total unchanged', async () => {
    const after = await countCities(db.pool, CAMPAIGN, CITIES, 'investigation');
    const was = { a: pick(before.get('2201')!), b: pick(before.get('2202')!) };
    // Sanity: the fixture as worked by hand (a6's free-text TRANSFERRED is among 长春市's verified).
    expect(was.a).toMatchObject({ rows: EXPECTED.investigation['2201'].rows, verified: EXPECTED.investigation['2201'].verified });
    expect(pick(after.get('2201')!)).toEqual({ ...was.a, rows: was.a.rows - 1, cases: was.a.cases - 1, stillOpen: was.a.stillOpen - 1 });
    expect(pick(after.get('2202')!)).toEqual({ ...was.b, rows: was.b.rows + 1, cases: was.b.cases + 1, stillOpen: was.b.stillOpen + 1 });
    expect(pick(sumCounts([...after.values()]))).toEqual(pick(sumCounts([...before.values()])));
  });

  it('counts the person verified once, at the receiving city, once it decides', async () => {
    await recordDecision(
      db.pool,
      received,
      'decide-received',
      { outcome: 'VIOLATION', actualEmployer: { name: '吉林市实际工作单位有限公司' }, evidence: '社保由吉林市单位缴纳' },
      officer('2202'),
      {
        decidedAt: '2025-01-15T10:00:00+08:00',
        decidedOn: '2025-01-15',
      },
    );
    const after = await countCities(db.pool, CAMPAIGN, CITIES, 'investigation');
    expect(after.get('2201')!.verified).toBe(before.get('2201')!.verified);
    expect(after.get('2202')!.verified).toBe(before.get('2202')!.verified + 1);
    expect(sumCounts([...after.values()]).verified).toBe(sumCounts([...before.values()]).verified + 1);
    expect(sumCounts([...after.values()]).cases).toBe(sumCounts([...before.values()]).cases);
  });

  it('agrees with the summary tables’ rows and the worklist’s figure filter', async () => {
    const after = await countCities(db.pool, CAMPAIGN, CITIES, 'investigation');
    // The tables compare their printed rows with the count and fail on a mismatch.
    for (const cityCode of CITIES) {
      const r = await produceReport(db.pool, {
        campaignId: CAMPAIGN,
        kind: 'investigation_table',
        cityCode,
        requestedBy: 'test',
        at: '2025-01-20T10:00:00+08:00',
      });
      expect(r.report.reportId).toBeTruthy();
    }
    await produceReport(db.pool, { campaignId: CAMPAIGN, kind: 'province_table', requestedBy: 'test', at: '2025-01-20T10:00:00+08:00' });
    const list = (cityCode: string) => worklist(db.pool, { campaignId: CAMPAIGN, cityCode, figure: 'verified', sort: 'caseNo', page: 1, pageSize: 100 }, false);
    expect((await list('2201')).total).toBe(after.get('2201')!.verified);
    expect((await list('2202')).total).toBe(after.get('2202')!.verified);
  });

  it('counts the person at the sending city again once the province overrides the transfer, the receiving case no longer', async () => {
    await overrideCaseOutcome(
      db.pool,
      sent,
      'override-transfer',
      { outcome: 'VIOLATION', actualEmployer: { name: '长春市实际工作单位有限公司' }, evidence: '省厅复核：实际在长春市工作' },
      '省厅复核认定未实际在吉林市工作',
      { userId: 'coordinator', role: 'province_coordinator' },
      { at: '2025-01-21T10:00:00+08:00', on: '2025-01-21' },
      { calendar: SEED_CALENDAR, kinds: [] },
    );
    const after = await countCities(db.pool, CAMPAIGN, CITIES, 'investigation');
    expect(pick(after.get('2201')!)).toMatchObject({
      rows: before.get('2201')!.rows,
      cases: before.get('2201')!.cases,
      verified: before.get('2201')!.verified + 1,
    });
    expect(pick(after.get('2202')!)).toMatchObject({
      rows: before.get('2202')!.rows,
      cases: before.get('2202')!.cases,
      verified: before.get('2202')!.verified,
    });
    expect(sumCounts([...after.values()]).cases).toBe(sumCounts([...before.values()]).cases);
    // The tables still agree with the count (each fails on a mismatch), and the worklists' figure with them.
    for (const cityCode of CITIES) {
      await produceReport(db.pool, { campaignId: CAMPAIGN, kind: 'investigation_table', cityCode, requestedBy: 'test', at: '2025-01-22T10:00:00+08:00' });
    }
    const list = (cityCode: string) => worklist(db.pool, { campaignId: CAMPAIGN, cityCode, figure: 'verified', sort: 'caseNo', page: 1, pageSize: 100 }, false);
    expect((await list('2201')).total).toBe(after.get('2201')!.verified);
    expect((await list('2202')).total).toBe(after.get('2202')!.verified);
  });
});
