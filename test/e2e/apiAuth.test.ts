/**
 * Authentication and the API's error contract: problem+json, refresh-token rotation (log-in
 * throttling: loginThrottle.test.ts; access-token rules: accessTokenRules.test.ts),
 * disabled users, rate limits, the append-only audit log, and sign-on through the province's IdP
 * (OIDC) with a JWKS endpoint this test serves.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createUser, disableUser } from '../../api/users/createUser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login, type Res } from './apiSupport/http';
import { seedCampaignWithCases, seedUsers, USERS } from './apiSupport/seed';

const ISSUER = 'https://sso.jl.example/realms/jilin';
const AUDIENCE = 'guazheng';

let db: TestDatabase;
let api: RunningApi;
let jwks: http.Server;
let privateKey: KeyObject;
let otherKey: KeyObject;

function b64(x: unknown): string {
  return Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
}

/** An RS256 token as the IdP would sign it. */
function idpToken(claims: Record<string, unknown>, key: KeyObject = privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'idp-1' });
  const body = b64({ iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300, sub: 'u-1', ...claims });
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
}

function expectProblem(r: Res, status: number, code: string): void {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ status, code, title: expect.any(String), title_zh: expect.stringMatching(/[\u4e00-\u9fff]/), detail: expect.any(String) });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  await createUser(db.pool, { username: 'leaving', role: 'auditor', password: 'leaving-password' });
  await createUser(db.pool, { username: 'busy', role: 'supervisor', password: 'busy-password-1' });
  await seedCampaignWithCases(db.pool, { campaignId: 'auth', cities: ['2201', '2202'], persons: 1 });
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  privateKey = pair.privateKey;
  otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'idp-1', alg: 'RS256', use: 'sig' };
  jwks = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  api = await startApi({
    databaseUrl: db.url,
    fakeCommands: true,
    env: {
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/protocol/openid-connect/certs`,
      OIDC_ROLE_CLAIM: 'realm_access.roles',
      OIDC_CITY_CLAIM: 'gz_city',
      OIDC_ROLE_MAP: 'gz-officer=city_officer,gz-supervisor=supervisor',
      GZ_RATE_LIMIT_USER_PER_MINUTE: '30',
      GZ_BODY_LIMIT_KB: '64',
    },
  });
});

afterAll(async () => {
  await api?.stop();
  await new Promise((r) => jwks?.close(r));
  await db?.drop();
});

describe('errors', () => {
  it('are application/problem+json with a code, English and Chinese titles and a detail', async () => {
    expectProblem(await call(api.url, 'GET', '/campaigns'), 401, 'unauthenticated');
    expectProblem(await call(api.url, 'GET', '/no/such/route'), 404, 'not_found');
    const token = await login(api.url, 'coordinator', USERS.coordinator.password);
    const bad = await call(api.url, 'POST', '/bans/lookup', { token, body: { idNumber: '220102198001010001' } });
    expectProblem(bad, 400, 'validation_failed');
    expect(bad.body.errors[0].path).toBe('body.idNumber');
    expect(bad.text).not.toContain('220102198001010001');
    expectProblem(
      await call(api.url, 'POST', '/cases/auth-2201-000001/decision', {
        token: await login(api.url, 'officer2201', USERS.officer2201.password),
        body: { outcome: 'TRANSFERRED', receivingAuthority: 'x' },
      }),
      400,
      'idempotency_key_required',
    );
    expectProblem(
      await call(api.url, 'POST', '/bans/lookup', { token, raw: 'x'.repeat(70 * 1024), contentType: 'application/json' }),
      413,
      'payload_too_large',
    );
    expectProblem(await call(api.url, 'POST', '/bans/lookup', { token, raw: '<xml/>', contentType: 'application/xml' }), 415, 'unsupported_media_type');
  });
});

describe('log-in', () => {
  it('rotates refresh tokens, and a reused one revokes the whole log-in', async () => {
    const first = await call(api.url, 'POST', '/auth/login', { body: { username: 'supervisor', password: USERS.supervisor.password } });
    const second = await call(api.url, 'POST', '/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    expect((await call(api.url, 'GET', '/auth/me', { token: second.body.accessToken })).body).toMatchObject({ userId: 'supervisor', role: 'supervisor' });
    expectProblem(await call(api.url, 'POST', '/auth/refresh', { body: { refreshToken: first.body.refreshToken } }), 401, 'invalid_token');
    // The thief's reuse ended the family: the legitimate successor is dead too.
    expectProblem(await call(api.url, 'POST', '/auth/refresh', { body: { refreshToken: second.body.refreshToken } }), 401, 'invalid_token');
    const rows = await db.pool.query('SELECT token_hash FROM refresh_token');
    expect(rows.rows.map((r) => r.token_hash)).not.toContain(first.body.refreshToken);
  });

  it("carries the responsible person's permission (负责人) in the log-in, the token and /auth/me, and no one else's", async () => {
    const leader = await call(api.url, 'POST', '/auth/login', { body: { username: 'leader22', password: USERS.leader22.password } });
    expect(leader.body.user).toMatchObject({ userId: 'leader22', role: 'province_coordinator', responsible: true });
    expect((await call(api.url, 'GET', '/auth/me', { token: leader.body.accessToken })).body).toMatchObject({ responsible: true });
    const refreshed = await call(api.url, 'POST', '/auth/refresh', { body: { refreshToken: leader.body.refreshToken } });
    expect(refreshed.body.user.responsible).toBe(true);
    const coordinator = await login(api.url, 'coordinator', USERS.coordinator.password);
    expect((await call(api.url, 'GET', '/auth/me', { token: coordinator })).body).toMatchObject({ responsible: false });
  });

  it('stops a disabled user at once (refresh) and within seconds (access token)', async () => {
    const t = await call(api.url, 'POST', '/auth/login', { body: { username: 'leaving', password: 'leaving-password' } });
    expect(await disableUser(db.pool, 'leaving')).toBe(true);
    expectProblem(await call(api.url, 'POST', '/auth/refresh', { body: { refreshToken: t.body.refreshToken } }), 401, 'invalid_token');
    expectProblem(await call(api.url, 'POST', '/auth/login', { body: { username: 'leaving', password: 'leaving-password' } }), 403, 'account_disabled');
    // The access token's account check is cached for at most 10 s.
    const deadline = Date.now() + 15_000;
    let r = await call(api.url, 'GET', '/audit-log', { token: t.body.accessToken });
    while (r.status === 200 && Date.now() < deadline) {
      await new Promise((x) => setTimeout(x, 500));
      r = await call(api.url, 'GET', '/audit-log', { token: t.body.accessToken });
    }
    expectProblem(r, 403, 'account_disabled');
  });

  it('refuses a forged or tampered token', async () => {
    const token = await login(api.url, 'auditor', USERS.auditor.password);
    const [h, p, s] = token.split('.');
    const elevated = b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'province_coordinator' });
    expectProblem(await call(api.url, 'POST', '/campaigns', { token: `${h}.${elevated}.${s}`, body: {} }), 401, 'invalid_token');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${elevated}.`;
    expectProblem(await call(api.url, 'GET', '/auth/me', { token: none }), 401, 'invalid_token');
  });
});

describe('rate limits', () => {
  it('answer 429 with Retry-After once a user exceeds the per-minute limit', async () => {
    const token = await login(api.url, 'busy', 'busy-password-1');
    const statuses: number[] = [];
    let limited: Res | undefined;
    for (let i = 0; i < 35; i++) {
      const r = await call(api.url, 'GET', '/auth/me', { token });
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expectProblem(limited!, 429, 'rate_limited');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the audit log', () => {
  it('refuses to change or delete a written entry, even for the table owner', async () => {
    await expect(db.pool.query(`UPDATE audit_log SET result = 'ok'`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('single sign-on (OIDC)', () => {
  it("accepts the IdP's token and maps its claims to role and city", async () => {
    const officer = idpToken({ preferred_username: 'zhang.wei', realm_access: { roles: ['offline_access', 'gz-officer'] }, gz_city: '长春市' });
    const me = await call(api.url, 'GET', '/auth/me', { token: officer });
    expect(me.body).toEqual({ userId: 'oidc:zhang.wei', role: 'city_officer', cityCode: '2201', responsible: false, source: 'oidc' });
    expect((await call(api.url, 'GET', '/campaigns/auth/cities/2201/cases', { token: officer })).status).toBe(200);
    expectProblem(await call(api.url, 'GET', '/campaigns/auth/cities/2202/cases', { token: officer }), 403, 'other_city');
    const supervisor = idpToken({ preferred_username: 'li.na', realm_access: { roles: ['gz-supervisor'] } });
    expect((await call(api.url, 'GET', '/alerts', { token: supervisor })).status).toBe(200);
    expectProblem(await call(api.url, 'GET', '/audit-log', { token: supervisor }), 403, 'forbidden');
    // The responsible person's claim (OIDC_RESPONSIBLE_CLAIM, gz_responsible) counts for an officer, never for a supervisor.
    const head = idpToken({ preferred_username: 'wang.juzhang', realm_access: { roles: ['gz-officer'] }, gz_city: '2201', gz_responsible: true });
    expect((await call(api.url, 'GET', '/auth/me', { token: head })).body).toMatchObject({ role: 'city_officer', responsible: true });
    const notHead = idpToken({ preferred_username: 'li.na', realm_access: { roles: ['gz-supervisor'] }, gz_responsible: true });
    expect((await call(api.url, 'GET', '/auth/me', { token: notHead })).body).toMatchObject({ role: 'supervisor', responsible: false });
  });

  it('refuses a token for another audience, signed by another key, expired, without an expiry, or without one known role', async () => {
    const roles = { realm_access: { roles: ['gz-supervisor'] } };
    expectProblem(await call(api.url, 'GET', '/auth/me', { token: idpToken({ ...roles, aud: 'other-app' }) }), 401, 'invalid_token');
    expectProblem(await call(api.url, 'GET', '/auth/me', { token: idpToken(roles, otherKey) }), 401, 'invalid_token');
    expectProblem(await call(api.url, 'GET', '/auth/me', { token: idpToken({ ...roles, exp: Math.floor(Date.now() / 1000) - 60 }) }), 401, 'invalid_token');
    expectProblem(await call(api.url, 'GET', '/auth/me', { token: idpToken({ ...roles, exp: undefined }) }), 401, 'invalid_token');
    expectProblem(
      await call(api.url, 'GET', '/auth/me', { token: idpToken({ realm_access: { roles: ['gz-officer', 'gz-supervisor'] } }) }),
      401,
      'invalid_token',
    );
    expectProblem(await call(api.url, 'GET', '/auth/me', { token: idpToken({ realm_access: { roles: ['gz-officer'] } }) }), 401, 'invalid_token');
  });
});
