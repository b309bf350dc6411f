/**
 * Re-screening on fresh data (issue 21 item 4): a new snapshot in which some persons corrected
 * themselves, some are newly inconsistent and one changed reasons is screened as a diff (only the
 * changed persons again), gives the same results as a full screening, and the city's re-screening
 * records the changes, puts them on the open cases as evidence and closes none.
 */
import { rescreenCity } from '../../../activities/campaigns/rescreenCity';
import { openCasesFromScreening } from '../../../activities/cases/openCasesFromScreening';
import { rescreen } from '../../../activities/screening/rescreen';
import { runScreening } from '../../../activities/screening/runScreening';
import { createSnapshot } from '../../../dataImport/snapshot';
import { listRescreens, rescreenChanges } from '../../../readModel/rescreens';
import { selfCheckList, unitNoticeContent } from '../../../readModel/selfCheckList';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { fund, idNumber, importFixture, reg, si, WINDOW, type ResultRow } from './fixtures';

const HOME = '吉林宏达建设有限公司';
const OTHER = '长春鑫源工程咨询有限公司';
const THIRD = '四平市远大劳务有限公司';
const SETTINGS = { windowMonths: 3, ageLimit: 65, riskWeights: {} };
const CAMPAIGN = 'rescreen-test';

const steady = idNumber(11); // compliant throughout; only a row before the window changes
const corrects = idNumber(12); // paid by another unit, then by the registration unit
const becomes = idNumber(13); // compliant, then paid by another unit
const unchanged = idNumber(14); // flagged throughout
const moreReasons = idNumber(15); // one payer elsewhere, then two

describe('re-screening a new snapshot as a diff', () => {
  let db: TestDatabase;
  let before: number;
  let after: number;
  let fromRunId: number;
  const regs = [reg(steady, HOME), reg(corrects, HOME), reg(becomes, HOME), reg(unchanged, HOME), reg(moreReasons, HOME)];

  beforeAll(async () => {
    db = await createTestDatabase();
    const [regBatch, si1, fundBatch] = await importFixture(db.pool, {
      registrations: regs,
      social_insurance: [
        ...si(steady, HOME, ['2024-01', ...WINDOW]),
        ...si(corrects, OTHER, WINDOW),
        ...si(becomes, HOME, WINDOW),
        ...si(unchanged, OTHER, WINDOW),
        ...si(moreReasons, OTHER, WINDOW),
      ],
      housing_fund: fund(steady, HOME, WINDOW),
    });
    // The social-insurance file arrives again, whole.
    const [si2] = await importFixture(db.pool, {
      registrations: [],
      social_insurance: [
        ...si(steady, HOME, ['2024-02', ...WINDOW]),
        ...si(corrects, HOME, WINDOW),
        ...si(becomes, OTHER, WINDOW),
        ...si(unchanged, OTHER, WINDOW),
        ...si(moreReasons, OTHER, WINDOW),
        ...si(moreReasons, THIRD, WINDOW),
      ],
    }).then((ids) => ids.slice(1));
    before = await createSnapshot(db.pool, 'before', [regBatch, si1, fundBatch]);
    after = await createSnapshot(db.pool, 'after', [regBatch, si2, fundBatch]);
    fromRunId = (await runScreening(db.pool, { snapshotId: before, cityCode: '2201', settings: SETTINGS })).runId;
  });
  afterAll(async () => {
    await db.drop();
  });

  const results = async (runId: number) =>
    new Map(
      (await db.pool.query<ResultRow>('SELECT * FROM screening_result WHERE run_id = $1', [runId])).rows.map((r) => [
        r.id_number,
        { reasons: r.reasons, risk: r.risk_score, evidence: r.evidence, units: r.reg_unit_names },
      ]),
    );

  it('screens only the persons whose rows in the window changed, and agrees with a full screening', async () => {
    const diff = await rescreen(db.pool, { fromRunId, snapshotId: after, cityCode: '2201', settings: SETTINGS });
    expect(diff).toMatchObject({ mode: 'diff', personsTouched: 3, personsScreened: 5 });
    const full = await runScreening(db.pool, { snapshotId: after, cityCode: '2201', settings: SETTINGS });
    expect(diff.personsFlagged).toBe(full.personsFlagged);
    expect(await results(diff.runId)).toEqual(await results(full.runId));
    const got = await results(diff.runId);
    expect([...got.keys()].sort()).toEqual([becomes, unchanged, moreReasons].sort());
    expect(got.get(moreReasons)?.reasons).toEqual(['SS_MULTIPLE_PAYERS', 'SS_UNIT_MISMATCH']);
  });

  it('screens everyone again when the settings differ, and reuses the run when nothing changed', async () => {
    const full = await rescreen(db.pool, { fromRunId, snapshotId: after, cityCode: '2201', settings: { ...SETTINGS, windowMonths: 2 } });
    expect(full.mode).toBe('full');
    const same = await rescreen(db.pool, { fromRunId, snapshotId: before, cityCode: '2201', settings: SETTINGS });
    expect(same).toMatchObject({ mode: 'unchanged', runId: fromRunId });
  });

  it("records a city's changes, puts them on the open cases as evidence and closes no case", async () => {
    await db.pool.query(
      `INSERT INTO campaign (id, name, config, calendar, snapshot_id, workflow_id, launched_by) VALUES ($1, 'test', '{}', '{}', $2, $3, 'test')`,
      [CAMPAIGN, before, `campaign/${CAMPAIGN}`],
    );
    await db.pool.query(`INSERT INTO city_progress (campaign_id, city_code, screening_run_id, updated_at) VALUES ($1, '2201', $2, now())`, [
      CAMPAIGN,
      fromRunId,
    ]);
    // Phase 1's list: the persons flagged on the launch's data, and their unit.
    const list = await selfCheckList(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', page: 1, pageSize: 50 }, true);
    expect(list.persons.map((p) => p.idNumber).sort()).toEqual([corrects, unchanged, moreReasons].sort());
    expect(list.units).toEqual([expect.objectContaining({ unitName: HOME, staff: 3 })]);
    const notice = await unitNoticeContent(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', unitKey: HOME });
    expect(notice?.staff).toHaveLength(3);
    expect(notice?.staff[0]).toContain('社保单位与注册单位不一致');

    await openCasesFromScreening(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', screeningRunId: fromRunId, dueAt: '2025-01-31T16:00:00.000Z' });
    await db.pool.query('INSERT INTO campaign_snapshot (campaign_id, snapshot_id, added_by) VALUES ($1, $2, $3)', [CAMPAIGN, after, 'test']);
    const input = {
      campaignId: CAMPAIGN,
      cityCode: '2201',
      trigger: 'new_snapshot' as const,
      requestKey: 'k1',
      settings: SETTINGS,
      at: new Date().toISOString(),
    };
    const r = await rescreenCity(db.pool, input);
    expect(r).toMatchObject({ mode: 'diff', newlyFlagged: 1, noLongerFlagged: 1, reasonsChanged: 1 });
    expect(await rescreenCity(db.pool, input)).toEqual(r); // idempotent by key

    const [listed] = await listRescreens(db.pool, { campaignId: CAMPAIGN, cityCode: '2201' });
    expect(listed).toMatchObject({ id: r.rescreenId, mode: 'diff', personsTouched: 3, newlyFlagged: 1, noLongerFlagged: 1, reasonsChanged: 1 });
    const changes = await rescreenChanges(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', rescreenId: r.rescreenId!, page: 1, pageSize: 50 }, true);
    expect(changes?.map((c) => [c.idNumber, c.change]).sort()).toEqual(
      [
        [becomes, 'newly_flagged'],
        [corrects, 'no_longer_flagged'],
        [moreReasons, 'reasons_changed'],
      ].sort(),
    );
    const corrected = changes!.find((c) => c.idNumber === corrects)!;
    expect(corrected).toMatchObject({ caseStatus: 'open', reasonsAfter: [] });
    const masked = await rescreenChanges(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', rescreenId: r.rescreenId!, page: 1, pageSize: 50 }, false);
    expect(masked?.map((c) => c.idNumber)).not.toContain(corrects);

    // The corrected person's case stays open, with the change in its evidence.
    const ev = await db.pool.query(`SELECT payload FROM case_evidence WHERE case_id = $1 AND kind = $2`, [corrected.caseId, `rescreen/${r.rescreenId}`]);
    expect(ev.rows[0].payload).toMatchObject({ change: 'no_longer_flagged', reasonsBefore: ['SS_UNIT_MISMATCH'], reasonsAfter: [] });
    const statuses = await db.pool.query(`SELECT DISTINCT status FROM case_file WHERE campaign_id = $1`, [CAMPAIGN]);
    expect(statuses.rows).toEqual([{ status: 'open' }]);

    // The city's list is the fresh one now; the newly flagged person opens a case from the new run.
    const fresh = await selfCheckList(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', page: 1, pageSize: 50 }, true);
    expect(fresh.persons.map((p) => p.idNumber).sort()).toEqual([becomes, unchanged, moreReasons].sort());
    const opened = await openCasesFromScreening(db.pool, {
      campaignId: CAMPAIGN,
      cityCode: '2201',
      screeningRunId: r.runId!,
      dueAt: '2025-01-31T16:00:00.000Z',
    });
    expect(opened).toEqual({ opened: 1, total: 4 });
    const [after1] = await listRescreens(db.pool, { campaignId: CAMPAIGN, cityCode: '2201' });
    expect(after1.casesOpened).toBe(1);
  });
});
