import { alertCase } from '../../../activities/cases/alertCase';
import { checkPronouncedHanging } from '../../../activities/cases/checkPronouncedHanging';
import { closeCase } from '../../../activities/cases/closeCase';
import { openCasesFromScreening } from '../../../activities/cases/openCasesFromScreening';
import { recordDecision } from '../../../activities/cases/recordDecision';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { addStaff, fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../../support/caseFixtures';

const CAMPAIGN = 'pronounced';
const officer = { userId: 'officer-2202', role: 'city_officer' as const, cityCode: '2202' };
const big = { name: '大型建设集团有限公司', code: fixtureUscc(20) };
const small = { name: '小型设计有限公司', code: fixtureUscc(21) };
const time = { decidedAt: '2025-01-10T02:00:00Z', decidedOn: '2025-01-10' };

describe('units with pronounced hanging, and case alerts', () => {
  let db: TestDatabase;
  let caseIds: string[];
  beforeAll(async () => {
    db = await createTestDatabase();
    const persons = [1, 2, 3]
      .map((n) => ({ idNumber: fixtureIdNumber(n), regUnit: big }))
      .concat([4].map((n) => ({ idNumber: fixtureIdNumber(n), regUnit: small })));
    const { runId, snapshotId } = await seedScreenedCity(db.pool, '2202', persons);
    // big has 32 registered staff in all (3 violations ≈ 9 %), two of them registered under its
    // name without a unit code (matched by name); small has 2 (1 violation = 50 %).
    await addStaff(
      db.pool,
      snapshotId,
      big,
      Array.from({ length: 27 }, (_, i) => fixtureIdNumber(100 + i)),
      '2202',
    );
    await addStaff(db.pool, snapshotId, { ...big, code: null as unknown as string }, [fixtureIdNumber(300), fixtureIdNumber(301)], '2202');
    await addStaff(db.pool, snapshotId, small, [fixtureIdNumber(200)], '2202');
    await openCasesFromScreening(db.pool, { campaignId: CAMPAIGN, cityCode: '2202', screeningRunId: runId, dueAt: '2025-01-31T16:00:00Z' });
    caseIds = (await db.pool.query('SELECT case_id FROM case_file WHERE campaign_id = $1 ORDER BY seq', [CAMPAIGN])).rows.map((r) => r.case_id);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates an on-site check task at K violations or at X of the staff, once per unit', async () => {
    for (const [i, caseId] of caseIds.entries()) {
      await recordDecision(
        db.pool,
        caseId,
        `u-${i}`,
        {
          outcome: 'VIOLATION',
          actualEmployer: { name: '实际单位' },
          evidence: '实际在他处工作',
        },
        officer,
        time,
      );
    }
    const input = { campaignId: CAMPAIGN, cityCode: '2202', minViolations: 3, minShare: 0.5 };
    expect(await checkPronouncedHanging(db.pool, input)).toEqual({ units: 2, created: 2 });
    expect(await checkPronouncedHanging(db.pool, input)).toEqual({ units: 2, created: 0 });
    const tasks = await db.pool.query('SELECT unit_name, reason, violations, staff_total FROM onsite_check_task ORDER BY unit_name');
    expect(tasks.rows).toEqual(
      expect.arrayContaining([
        { unit_name: big.name, reason: 'min_violations', violations: 3, staff_total: 32 },
        { unit_name: small.name, reason: 'min_share', violations: 1, staff_total: 2 },
      ]),
    );
  });

  it('creates nothing below both thresholds', async () => {
    const none = await checkPronouncedHanging(db.pool, { campaignId: CAMPAIGN, cityCode: '2202', minViolations: 4, minShare: 0.6 });
    expect(none).toEqual({ units: 0, created: 0 });
  });

  it('raises a case reminder per occurrence and resolves the case alerts when the case closes', async () => {
    const base = { campaignId: CAMPAIGN, cityCode: '2202', caseId: caseIds[0], daysOpen: 7, at: '2024-12-08T00:00:00Z' };
    await alertCase(db.pool, { ...base, kind: 'reminder', occurrence: 1 });
    await alertCase(db.pool, { ...base, kind: 'reminder', occurrence: 1 });
    await alertCase(db.pool, { ...base, kind: 'reminder', occurrence: 2, daysOpen: 10 });
    await alertCase(db.pool, { ...base, kind: 'escalation', daysOpen: 14 });
    const alerts = await db.pool.query('SELECT kind, level, repeat_count, message, resolved_at FROM alert WHERE case_id = $1 ORDER BY kind', [caseIds[0]]);
    expect(alerts.rows.map((a) => [a.kind, a.level, a.repeat_count])).toEqual([
      ['case_escalation', 'critical', 1],
      ['case_reminder', 'warning', 2],
    ]);
    expect(alerts.rows[1].message).toContain('2202-000001');
    expect(alerts.rows.every((a) => !/\d{17}/.test(a.message))).toBe(true);
    const c = await db.pool.query('SELECT reminders, escalated_at IS NOT NULL AS escalated FROM case_file WHERE case_id = $1', [caseIds[0]]);
    expect(c.rows[0]).toEqual({ reminders: 2, escalated: true });
    await closeCase(db.pool, caseIds[0], '2025-01-10T03:00:00Z');
    const open = await db.pool.query('SELECT count(*)::int AS n FROM alert WHERE case_id = $1 AND resolved_at IS NULL', [caseIds[0]]);
    expect(open.rows[0].n).toBe(0);
  });
});
