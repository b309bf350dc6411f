/**
 * Access tokens: a log-out ends the access token at once, not at its expiry; a token without an
 * expiry or a token id, and a token whose city does not fit its role, are refused even when
 * correctly signed.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call } from './apiSupport/http';
import { seedUsers, USERS } from './apiSupport/seed';

// startApi's GZ_JWT_SECRET: these tests sign tokens as the API would.
const SECRET = 'test-secret-test-secret-test-secret-0123456789';

let db: TestDatabase;
let api: RunningApi;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

function signed(claims: Record<string, unknown>): string {
  const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64(
    Object.fromEntries(
      Object.entries({ iss: 'guazheng', aud: 'guazheng-api', iat: now, exp: now + 300, jti: randomUUID(), ...claims }).filter(([, v]) => v !== undefined),
    ),
  );
  return `${head}.${body}.${createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url')}`;
}

describe('access tokens', () => {
  it('stop working at once when their log-in ends', async () => {
    const t = await call(api.url, 'POST', '/auth/login', { body: { username: 'auditor', password: USERS.auditor.password } });
    expect((await call(api.url, 'GET', '/auth/me', { token: t.body.accessToken })).status).toBe(200);
    expect((await call(api.url, 'POST', '/auth/logout', { token: t.body.accessToken, body: { refreshToken: t.body.refreshToken } })).status).toBe(204);
    const after = await call(api.url, 'GET', '/auth/me', { token: t.body.accessToken });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('invalid_token');
    const { rows } = await db.pool.query('SELECT expires_at > now() AS pending FROM revoked_access_token');
    expect(rows).toEqual([{ pending: true }]);
  });

  it('are accepted when signed with every claim in place (the forgery below is sound)', async () => {
    expect((await call(api.url, 'GET', '/auth/me', { token: signed({ sub: 'officer2201', role: 'city_officer', city: '2201' }) })).status).toBe(200);
    expect((await call(api.url, 'GET', '/auth/me', { token: signed({ sub: 'supervisor', role: 'supervisor', city: null }) })).status).toBe(200);
  });

  it('are refused without an expiry or a token id', async () => {
    for (const missing of ['exp', 'jti']) {
      const r = await call(api.url, 'GET', '/auth/me', { token: signed({ sub: 'supervisor', role: 'supervisor', [missing]: undefined }) });
      expect({ missing, status: r.status, code: r.body.code }).toEqual({ missing, status: 401, code: 'invalid_token' });
    }
  });

  it('are refused when the city does not fit the role', async () => {
    for (const claims of [
      { sub: 'officer2201', role: 'city_officer' },
      { sub: 'officer2201', role: 'city_officer', city: null },
      { sub: 'supervisor', role: 'supervisor', city: '2201' },
    ]) {
      const r = await call(api.url, 'GET', '/auth/me', { token: signed(claims) });
      expect({ claims, status: r.status, code: r.body.code }).toEqual({ claims, status: 401, code: 'invalid_token' });
    }
  });
});
