/**
 * Issue 18, the alert board: GET /alerts pages and filters (city, kind, level, acknowledged, time),
 * GET /alerts/summary counts the same alerts by city × kind, and POST /alerts/acknowledgements
 * acknowledges many alerts at once (named, or all matching a filter), idempotently, with a result per
 * alert. The live stream keeps working beside them.
 */
import { raiseAlert } from '../../activities/alerts/raiseAlert';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, logInEveryone } from './apiSupport/http';
import { seedUsers, type UserName } from './apiSupport/seed';

const C = 'board';
const T0 = Date.parse('2025-01-10T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();

let db: TestDatabase;
let api: RunningApi;
const tokens: Partial<Record<UserName, string>> = {};
const get = async (who: UserName, path: string) => {
  const r = await call(api.url, 'GET', path, { token: tokens[who] });
  if (r.status !== 200) throw new Error(`${who} GET ${path}: ${r.status} ${r.text}`);
  return r.body;
};
const ack = (who: UserName, body: unknown) => call(api.url, 'POST', '/alerts/acknowledgements', { token: tokens[who], body });

/** 2201: 3 case_overdue (one critical), 1 city_lagging; 2202: 2 case_overdue; the province: 1 overdue. Hour h = index. */
const ALERTS = [
  { key: 'board/2201/case/1/overdue', city: '2201', kind: 'case_overdue', level: 'warning' },
  { key: 'board/2201/case/2/overdue', city: '2201', kind: 'case_overdue', level: 'warning' },
  { key: 'board/2201/case/3/overdue', city: '2201', kind: 'case_overdue', level: 'critical' },
  { key: 'board/2201/lagging', city: '2201', kind: 'city_lagging', level: 'warning' },
  { key: 'board/2202/case/4/overdue', city: '2202', kind: 'case_overdue', level: 'warning' },
  { key: 'board/2202/case/5/overdue', city: '2202', kind: 'case_overdue', level: 'warning' },
  { key: 'board/province/overdue', city: undefined, kind: 'overdue', level: 'critical' },
] as const;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  for (const [i, a] of ALERTS.entries()) {
    await raiseAlert(db.pool, { alertKey: a.key, level: a.level, kind: a.kind, campaignId: C, cityCode: a.city, message: '测试告警', raisedAt: at(i) });
  }
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  Object.assign(tokens, await logInEveryone(api.url));
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const keysOf = (page: { items: { alertKey: string }[] }) => page.items.map((i) => i.alertKey);

describe('GET /alerts', () => {
  it('pages newest first with the total, each alert on exactly one page', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const p = await get('supervisor', `/alerts?campaignId=${C}&pageSize=3&page=${page}`);
      expect([p.page, p.pageSize, p.total]).toEqual([page, 3, 7]);
      seen.push(...keysOf(p));
    }
    expect(seen).toEqual(ALERTS.map((a) => a.key).reverse());
  });

  it('filters by city, kind, level and time range; a city officer gets their own city whatever they ask', async () => {
    expect(keysOf(await get('supervisor', `/alerts?campaignId=${C}&cityCode=2201&kind=case_overdue`))).toEqual([
      'board/2201/case/3/overdue',
      'board/2201/case/2/overdue',
      'board/2201/case/1/overdue',
    ]);
    expect(keysOf(await get('supervisor', `/alerts?campaignId=${C}&level=critical`))).toEqual(['board/province/overdue', 'board/2201/case/3/overdue']);
    const window = await get('supervisor', `/alerts?campaignId=${C}&from=${at(1)}&to=${at(3)}`);
    expect(keysOf(window)).toEqual(['board/2201/case/3/overdue', 'board/2201/case/2/overdue']);
    const officer = await get('officer2202', `/alerts?campaignId=${C}&cityCode=2201`);
    expect(keysOf(officer)).toEqual(['board/2202/case/5/overdue', 'board/2202/case/4/overdue']);
    expect(officer.total).toBe(2);
  });

  it('refuses a malformed filter with 400', async () => {
    for (const q of ['from=yesterday', 'acknowledged=maybe', 'level=loud', 'pageSize=0']) {
      expect((await call(api.url, 'GET', `/alerts?${q}`, { token: tokens.supervisor })).status).toBe(400);
    }
  });
});

describe('GET /alerts/summary', () => {
  it('counts the matching alerts by city × kind, and each count is what the list finds for that city and kind', async () => {
    const s = await get('supervisor', `/alerts/summary?campaignId=${C}&state=all`);
    expect(s.groups.map((g: { cityCode: string | null; kind: string; total: number }) => [g.cityCode, g.kind, g.total])).toEqual([
      [null, 'overdue', 1],
      ['2201', 'case_overdue', 3],
      ['2201', 'city_lagging', 1],
      ['2202', 'case_overdue', 2],
    ]);
    expect(s.groups[1].byLevel).toEqual({ critical: 1, warning: 2, info: 0 });
    expect([s.total, s.unacknowledged]).toEqual([7, 7]);
    for (const g of s.groups.filter((x: { cityCode: string | null }) => x.cityCode !== null)) {
      const list = await get('supervisor', `/alerts?campaignId=${C}&state=all&cityCode=${g.cityCode}&kind=${g.kind}`);
      expect(list.total).toBe(g.total);
    }
    const officer = await get('officer2201', `/alerts/summary?campaignId=${C}`);
    expect(new Set(officer.groups.map((g: { cityCode: string }) => g.cityCode))).toEqual(new Set(['2201']));
  });
});

describe('the live stream beside the board', () => {
  it('still sends a new alert as a server-sent event', async () => {
    const ac = new AbortController();
    const res = await fetch(`${api.url}/alerts/stream?campaignId=live`, { headers: { authorization: `Bearer ${tokens.supervisor}` }, signal: ac.signal });
    const reader = res.body!.getReader();
    let text = '';
    const read = async (until: RegExp) => {
      while (!until.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await read(/event: ready/);
    await raiseAlert(db.pool, { alertKey: 'live/2202', level: 'critical', kind: 'overdue', campaignId: 'live', cityCode: '2202', message: '排查报告逾期' });
    await read(/live\/2202/);
    ac.abort();
    expect(text).toMatch(/event: alert/);
  });
});

describe('POST /alerts/acknowledgements', () => {
  it('acknowledges many named alerts with a result each; a repeat changes nothing and keeps who acknowledged first', async () => {
    const keys = ['board/2201/case/1/overdue', 'board/2201/case/2/overdue', 'board/none'];
    const first = await ack('supervisor', { alertKeys: keys });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      results: [
        { alertKey: keys[0], result: 'acknowledged' },
        { alertKey: keys[1], result: 'acknowledged' },
        { alertKey: keys[2], result: 'not_found' },
      ],
      acknowledged: keys.slice(0, 2),
      unknown: [keys[2]],
      more: false,
    });
    const again = await ack('coordinator', { alertKeys: keys });
    expect(again.body.results.map((r: { result: string }) => r.result)).toEqual(['already_acknowledged', 'already_acknowledged', 'not_found']);
    const rows = await db.pool.query('SELECT acknowledged_by FROM alert WHERE alert_key = ANY($1) ORDER BY alert_key', [keys]);
    expect(rows.rows).toEqual([{ acknowledged_by: 'supervisor' }, { acknowledged_by: 'supervisor' }]);
    const acked = await get('supervisor', `/alerts?campaignId=${C}&acknowledged=true`);
    expect(keysOf(acked)).toEqual([keys[1], keys[0]]);
    expect((await get('supervisor', `/alerts?campaignId=${C}&acknowledged=false`)).total).toBe(5);
  });

  it('acknowledges every unacknowledged alert matching a filter, and nothing more the second time', async () => {
    const r = await ack('coordinator', { filter: { campaignId: C, cityCode: '2202', kind: 'case_overdue' } });
    expect(r.body).toEqual({
      results: [
        { alertKey: 'board/2202/case/4/overdue', result: 'acknowledged' },
        { alertKey: 'board/2202/case/5/overdue', result: 'acknowledged' },
      ],
      acknowledged: ['board/2202/case/4/overdue', 'board/2202/case/5/overdue'],
      unknown: [],
      more: false,
    });
    expect((await ack('coordinator', { filter: { campaignId: C, cityCode: '2202', kind: 'case_overdue' } })).body.results).toEqual([]);
    const s = await get('supervisor', `/alerts/summary?campaignId=${C}`);
    expect(s.unacknowledged).toBe(3);
    const audit = await db.pool.query(`SELECT user_id, target, detail FROM audit_log WHERE action = 'alert.acknowledge' AND detail ? 'byFilter'`);
    expect(audit.rows[0]).toMatchObject({ user_id: 'coordinator', target: 'alerts=2', detail: { acknowledged: 2, more: false } });
  });

  it('acknowledges a large filter in portions and says when more remain', async () => {
    await db.pool.query(
      `INSERT INTO alert (alert_key, level, kind, campaign_id, city_code, message, raised_at, last_raised_at)
       SELECT 'bulk/' || n, 'info', 'case_reminder', 'bulk', '2201', '提醒', now(), now() FROM generate_series(1, 5003) n`,
    );
    const first = await ack('supervisor', { filter: { campaignId: 'bulk' } });
    expect([first.body.results.length, first.body.more]).toEqual([5000, true]);
    const second = await ack('supervisor', { filter: { campaignId: 'bulk' } });
    expect([second.body.results.length, second.body.more]).toEqual([3, false]);
    expect(new Set([...first.body.acknowledged, ...second.body.acknowledged]).size).toBe(5003);
  });

  it('counts an alert raised again after its acknowledgement as unacknowledged until it is acknowledged again', async () => {
    const key = 'board/2201/lagging';
    expect((await ack('supervisor', { alertKeys: [key] })).body.results).toEqual([{ alertKey: key, result: 'acknowledged' }]);
    // Raised again later (its second occurrence).
    const later = new Date(Date.now() + 60_000).toISOString();
    await raiseAlert(db.pool, {
      alertKey: key,
      level: 'warning',
      kind: 'city_lagging',
      campaignId: C,
      cityCode: '2201',
      message: '测试告警',
      occurrence: 2,
      raisedAt: later,
    });
    expect(keysOf(await get('supervisor', `/alerts?campaignId=${C}&acknowledged=false&kind=city_lagging`))).toEqual([key]);
    expect((await ack('supervisor', { alertKeys: [key] })).body.results).toEqual([{ alertKey: key, result: 'acknowledged' }]);
  });

  it('refuses a body with both or neither of alertKeys and filter, and an officer', async () => {
    expect((await ack('supervisor', {})).status).toBe(400);
    expect((await ack('supervisor', { alertKeys: ['x'], filter: {} })).status).toBe(400);
    expect((await ack('officer2201', { alertKeys: ['board/2201/case/3/overdue'] })).status).toBe(403);
  });
});
