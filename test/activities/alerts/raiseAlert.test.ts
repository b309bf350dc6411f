import { raiseAlert } from '../../../activities/alerts/raiseAlert';
import { acknowledgeAlert, resolveAlert, resolveAlerts } from '../../../activities/alerts/resolveAlert';
import { createTestDatabase, type TestDatabase } from '../../support/database';

describe('alerts in the read model', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const base = {
    level: 'critical' as const,
    kind: 'deadline_overdue',
    campaignId: 'c1',
    cityCode: '2201',
    phase: 'selfCheck',
    message: '长春市未按期报送自查自纠汇总表',
  };
  const row = async (key: string) => (await db.pool.query('SELECT * FROM alert WHERE alert_key = $1', [key])).rows[0];

  it('raising the same alert twice (an activity retry) records it once', async () => {
    const key = 'campaign/c1/city/2201/selfCheck/overdue/2024-10-31';
    const first = await raiseAlert(db.pool, { ...base, alertKey: key, raisedAt: '2024-11-01T00:00:00+08:00' });
    const retry = await raiseAlert(db.pool, { ...base, alertKey: key, raisedAt: '2024-11-01T00:00:00+08:00' });
    expect(first).toEqual({ alertKey: key, repeatCount: 1, changed: true });
    expect(retry).toEqual({ alertKey: key, repeatCount: 1, changed: false });
    const r = await row(key);
    expect(r.raised_at.toISOString()).toBe('2024-10-31T16:00:00.000Z');
    expect(r.delivery_status).toBe('pending');
  });

  it('a repetition bumps the count, keeps the first raise time and reopens a resolved alert', async () => {
    const key = 'campaign/c1/city/2201/investigation/overdue/2025-01-31';
    await raiseAlert(db.pool, { ...base, alertKey: key, raisedAt: '2025-02-01T00:00:00+08:00' });
    expect(await resolveAlert(db.pool, key)).toBe(true);
    expect(await resolveAlert(db.pool, key)).toBe(false);
    const again = await raiseAlert(db.pool, { ...base, alertKey: key, occurrence: 2, raisedAt: '2025-02-02T00:00:00+08:00' });
    expect(again.repeatCount).toBe(2);
    const r = await row(key);
    expect(r.raised_at.toISOString()).toBe('2025-01-31T16:00:00.000Z');
    expect(r.last_raised_at.toISOString()).toBe('2025-02-01T16:00:00.000Z');
    expect(r.resolved_at).toBeNull();
  });

  it('resolves a deadline family by key prefix and records acknowledgement once', async () => {
    const prefix = 'campaign/c1/city/2202/selfCheck/';
    await raiseAlert(db.pool, { ...base, cityCode: '2202', level: 'info', alertKey: `${prefix}due-soon-7/2024-10-31` });
    await raiseAlert(db.pool, { ...base, cityCode: '2202', alertKey: `${prefix}overdue/2024-10-31` });
    await raiseAlert(db.pool, { ...base, cityCode: '2202', alertKey: 'campaign/c1/city/2202_x/other' });
    expect(await acknowledgeAlert(db.pool, `${prefix}overdue/2024-10-31`, 'supervisor-1')).toBe(true);
    expect(await acknowledgeAlert(db.pool, `${prefix}overdue/2024-10-31`, 'supervisor-2')).toBe(false);
    expect(await resolveAlerts(db.pool, { keyPrefix: prefix })).toBe(2);
    expect((await row('campaign/c1/city/2202_x/other')).resolved_at).toBeNull();
  });
});
