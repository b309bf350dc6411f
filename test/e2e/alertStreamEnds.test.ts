/**
 * An open alert stream stops serving a user the API no longer accepts: the account disabled while
 * the stream runs, or the access token expiring while it runs. Finding 5 of issue 17: a stream
 * kept sending alerts for 18 minutes after both.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { disableUser } from '../../api/users/createUser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { login } from './apiSupport/http';
import { seedUsers, USERS } from './apiSupport/seed';

const JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
let db: TestDatabase;
let api: RunningApi;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  api = await startApi({ databaseUrl: db.url, fakeCommands: true, env: { GZ_JWT_SECRET: JWT_SECRET, GZ_ALERT_STREAM_RECHECK_MS: '200' } });
}, 190_000);

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

/** Opens the stream and reads it to its end: the text it sent, and whether the server closed it. */
async function streamUntilEnd(token: string, onReady: () => Promise<void>): Promise<string> {
  const res = await fetch(`${api.url}/alerts/stream`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let readySeen = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
    if (!readySeen && text.includes('event: ready')) {
      readySeen = true;
      await onReady();
    }
  }
}

function endEventOf(text: string): { reason: string; message: string } {
  const m = /event: end\ndata: (.*)\n\n$/.exec(text);
  if (!m) throw new Error(`the stream closed without an end event: ${JSON.stringify(text.slice(-300))}`);
  return JSON.parse(m[1]);
}

/** An access token as the API signs them (HS256, its issuer and audience), expiring in `seconds`. */
function tokenExpiringIn(seconds: number, user: { sub: string; role: string; city?: string }): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({
    sub: user.sub,
    jti: randomUUID(),
    role: user.role,
    city: user.city ?? null,
    iss: 'guazheng',
    aud: 'guazheng-api',
    iat: now,
    exp: now + seconds,
  })}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

describe('the alert stream', () => {
  it('ends with a Chinese end event when the account is disabled while it streams', async () => {
    const token = await login(api.url, 'supervisor', USERS.supervisor.password);
    const text = await streamUntilEnd(token, async () => {
      await disableUser(db.pool, 'supervisor');
    });
    expect(endEventOf(text)).toEqual({ reason: 'account_disabled', message: expect.stringMatching(/账户已停用/) });
  }, 90_000);

  it('ends with a Chinese end event when the access token expires while it streams', async () => {
    const token = tokenExpiringIn(5, { sub: 'officer2201', role: 'city_officer', city: '2201' });
    const text = await streamUntilEnd(token, async () => undefined);
    expect(text).toContain('event: ready');
    expect(endEventOf(text)).toEqual({ reason: 'token_expired', message: expect.stringMatching(/登录已过期/) });
  }, 90_000);
});
