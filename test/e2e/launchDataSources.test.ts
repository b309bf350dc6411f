/**
 * Issue 17, finding 8: a launch over HTTP names no file on the server and calls no host the
 * configuration does not list. The API runs its real command port (no worker is needed: every
 * refusal here comes before any workflow starts); a local server counts the calls it receives.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login } from './apiSupport/http';
import { seedUsers, USERS } from './apiSupport/seed';

let db: TestDatabase;
let api: RunningApi;
let token: string;
let target: Server;
let targetUrl: string;
let calls = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  target = createServer((_req, res) => {
    calls++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"records":[],"next_cursor":null}');
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  api = await startApi({
    databaseUrl: db.url,
    env: { GZ_PROVIDER_HOSTS: 'hrss.example.gov.cn', GZ_WEBHOOK_HOSTS: 'alerts.example.gov.cn:8443' },
  });
  token = await login(api.url, 'coordinator', USERS.coordinator.password);
});

afterAll(async () => {
  await api?.stop();
  target?.closeAllConnections();
  target?.close();
  await db?.drop();
});

let seq = 0;
const launch = (dataSources: unknown, extra: Record<string, unknown> = {}) =>
  call(api.url, 'POST', '/campaigns', { token, body: { id: `ds-${++seq}`, name: '数据来源测试', cities: ['2201'], dataSources, ...extra } });

describe('launching a campaign over HTTP', () => {
  it('refuses file paths on the server alike, whether or not they exist, and reads none of them', async () => {
    const answers = await Promise.all(
      ['/etc/shadow', '/etc/passwd', '/no/such/file.csv'].map((p) => launch({ files: { registrations: [p], social_insurance: [p] } })),
    );
    for (const a of answers) {
      expect(a.status).toBe(400);
      expect(a.text).toMatch(/dataSources\.files/);
      expect(a.text).toMatch(/POST \/imports/);
    }
    const shapes = answers.map((a) => JSON.stringify({ ...a.body, instance: undefined, requestId: undefined }));
    expect(new Set(shapes).size).toBe(1);
    expect(answers.map((a) => a.text).join('')).not.toMatch(/shadow|passwd|no such|ENOENT|EACCES/i);
  });

  it('does not advertise file paths in its OpenAPI document', async () => {
    const doc = (await call(api.url, 'GET', '/openapi.json')).body;
    const body = doc.paths['/campaigns'].post.requestBody.content['application/json'].schema;
    const sources = body.properties.dataSources.properties as Record<string, { not?: unknown; type?: string }>;
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(['snapshotId', 'providers']));
    expect(sources.files === undefined || (sources.files.not !== undefined && sources.files.type === undefined)).toBe(true);
  });

  it('refuses a provider or webhook whose host the configuration does not list, naming the setting, without calling it', async () => {
    const provider = await launch({ providers: { registrations: `${targetUrl}/v1/registrations` } });
    expect(provider.status).toBe(400);
    expect(provider.text).toMatch(/GZ_PROVIDER_HOSTS/);
    expect(provider.text).toMatch(/不在允许列表中/);
    // Another spelling of the loopback address is the same host.
    const spelled = await launch({ providers: { registrations: `http://2130706433:${new URL(targetUrl).port}/x` } });
    expect(spelled.status).toBe(400);
    expect(spelled.text).toMatch(/GZ_PROVIDER_HOSTS/);
    const webhook = await launch({ snapshotId: 1 }, { notifications: { webhook: { url: `${targetUrl}/hook` } } });
    expect(webhook.status).toBe(400);
    expect(webhook.text).toMatch(/GZ_WEBHOOK_HOSTS/);
    // The listed host on another port than the one listed is not the listed endpoint.
    const otherPort = await launch({ snapshotId: 1 }, { notifications: { webhook: { url: 'https://alerts.example.gov.cn/hook' } } });
    expect(otherPort.status).toBe(400);
    expect(otherPort.text).toMatch(/GZ_WEBHOOK_HOSTS/);
    expect(calls).toBe(0);
    const audit = await db.pool.query("SELECT result FROM audit_log WHERE action = 'campaign.launch'");
    expect(audit.rows.every((r) => r.result !== 'ok')).toBe(true);
    expect((await db.pool.query('SELECT count(*)::int n FROM campaign')).rows[0].n).toBe(0);
  });
});
