import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { raiseAlert } from '../../../activities/alerts/raiseAlert';
import { deliverAlert } from '../../../activities/notifications/deliverAlert';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** A local endpoint whose behaviour each test sets. */
function endpoint(): Promise<{ url: string; server: Server; received: unknown[]; behave: (h: (res: ServerResponse) => void) => void }> {
  const received: unknown[] = [];
  let handler: (res: ServerResponse) => void = (res) => res.end('ok');
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      handler(res);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server, received, behave: (h) => (handler = h) }),
    ),
  );
}

/** The worker's GZ_WEBHOOK_HOSTS in these tests: the local endpoint's host. */
const HOSTS = ['127.0.0.1'];

describe('delivering alerts through the notification port', () => {
  let db: TestDatabase;
  let hook: Awaited<ReturnType<typeof endpoint>>;
  const alert = (key: string, occurrence = 1) =>
    raiseAlert(db.pool, {
      alertKey: key,
      level: 'critical',
      kind: 'deadline_overdue',
      campaignId: 'n1',
      cityCode: '2201',
      message: '长春市未按期报送自查自纠汇总表，已逾期',
      occurrence,
    });
  const row = async (key: string) => (await db.pool.query('SELECT * FROM alert WHERE alert_key = $1', [key])).rows[0];

  beforeAll(async () => {
    [db, hook] = await Promise.all([createTestDatabase(), endpoint()]);
    await db.pool.query(`INSERT INTO campaign (id, name, config, calendar, workflow_id, launched_by) VALUES ('n1', 'n1', $1, '{}', 'campaign/n1', 't')`, [
      JSON.stringify({ notifications: { webhook: { url: hook.url, timeoutMs: 300 } } }),
    ]);
  });
  afterAll(async () => {
    hook.server.closeAllConnections();
    hook.server.close();
    await db.drop();
  });

  it('posts the alert as JSON once per repetition and records the delivery', async () => {
    hook.behave((res) => res.end('ok'));
    await alert('k/ok');
    await expect(deliverAlert(db.pool, { alertKey: 'k/ok' }, HOSTS)).resolves.toBe('delivered');
    await expect(deliverAlert(db.pool, { alertKey: 'k/ok' }, HOSTS)).resolves.toBe('already');
    await alert('k/ok', 2);
    await expect(deliverAlert(db.pool, { alertKey: 'k/ok' }, HOSTS)).resolves.toBe('delivered');
    expect(hook.received).toHaveLength(2);
    expect(hook.received[1]).toMatchObject({ alertKey: 'k/ok', level: 'critical', repeatCount: 2, cityCode: '2201' });
    expect(await row('k/ok')).toMatchObject({ delivery_status: 'delivered', delivered_count: 2, delivery_attempts: 2, delivery_last_error: null });
  });

  it('a failing endpoint throws (so the activity retries) and leaves the failure visible on the alert', async () => {
    hook.behave((res) => {
      res.statusCode = 503;
      res.end('down');
    });
    await alert('k/fail');
    await expect(deliverAlert(db.pool, { alertKey: 'k/fail' }, HOSTS)).rejects.toThrow(/HTTP 503/);
    expect(await row('k/fail')).toMatchObject({ delivery_status: 'failed', delivery_attempts: 1, delivered_count: 0 });
    hook.behave((res) => res.end('ok'));
    await expect(deliverAlert(db.pool, { alertKey: 'k/fail' }, HOSTS)).resolves.toBe('delivered');
    expect(await row('k/fail')).toMatchObject({ delivery_status: 'delivered', delivery_attempts: 2, delivery_last_error: null });
  });

  it('a hanging endpoint costs at most its timeout', async () => {
    hook.behave(() => undefined); // never answers
    await alert('k/hang');
    const t0 = Date.now();
    await expect(deliverAlert(db.pool, { alertKey: 'k/hang' }, HOSTS)).rejects.toThrow(/timed out after 300 ms/);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect((await row('k/hang')).delivery_last_error).toMatch(/timed out/);
  });

  it('without channels, or below the minimum level, an alert is only logged', async () => {
    await raiseAlert(db.pool, { alertKey: 'k/none', level: 'critical', kind: 'x', campaignId: 'no-such-campaign', message: '测试' });
    await expect(deliverAlert(db.pool, { alertKey: 'k/none' }, HOSTS)).resolves.toBe('skipped');
    await raiseAlert(db.pool, { alertKey: 'k/info', level: 'info', kind: 'x', campaignId: 'n1', message: '测试' });
    await expect(deliverAlert(db.pool, { alertKey: 'k/info' }, HOSTS)).resolves.toBe('skipped');
  });

  it('calls no webhook whose host GZ_WEBHOOK_HOSTS does not list, and says which setting to change', async () => {
    hook.behave((res) => res.end('ok'));
    const before = hook.received.length;
    await alert('k/unlisted');
    await expect(deliverAlert(db.pool, { alertKey: 'k/unlisted' }, [])).rejects.toThrow(/GZ_WEBHOOK_HOSTS/);
    await expect(deliverAlert(db.pool, { alertKey: 'k/unlisted' }, ['hooks.example.gov.cn', '127.0.0.1:1'])).rejects.toThrow(/不在允许列表中/);
    expect(hook.received).toHaveLength(before);
    expect((await row('k/unlisted')).delivery_last_error).toMatch(/GZ_WEBHOOK_HOSTS/);
  });

  it('does not follow a redirect from a listed webhook to anywhere else', async () => {
    const elsewhere = await endpoint();
    try {
      hook.behave((res) => {
        res.statusCode = 307;
        res.setHeader('location', elsewhere.url);
        res.end();
      });
      await alert('k/redirect');
      await expect(deliverAlert(db.pool, { alertKey: 'k/redirect' }, HOSTS)).rejects.toThrow(/HTTP 307/);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      elsewhere.server.closeAllConnections();
      elsewhere.server.close();
    }
  });
});
