/**
 * Log-in answers a known and an unknown user name alike, slows repeated failures for one name
 * with a doubling wait (429 with Retry-After) instead of a lock a stranger could impose, and
 * limits log-in attempts per client address more strictly than other requests.
 */
import { createUser } from '../../api/users/createUser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, type Res } from './apiSupport/http';

let db: TestDatabase;
let api: RunningApi;

const LOGIN_LIMIT_PER_ADDRESS = 20;

beforeAll(async () => {
  db = await createTestDatabase();
  await createUser(db.pool, { username: 'owner', role: 'supervisor', password: 'owner-password-7' });
  api = await startApi({
    databaseUrl: db.url,
    fakeCommands: true,
    env: {
      GZ_LOGIN_MAX_FAILURES: '3',
      GZ_LOGIN_BACKOFF_SECONDS: '1',
      GZ_LOGIN_BACKOFF_MAX_SECONDS: '2',
      GZ_RATE_LIMIT_LOGIN_IP_PER_MINUTE: String(LOGIN_LIMIT_PER_ADDRESS),
    },
  });
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const logIn = (username: string, password: string): Promise<Res> => call(api.url, 'POST', '/auth/login', { body: { username, password } });

/** What a client sees of an answer, without the per-request id. */
function visible(r: Res): unknown {
  const { instance: _instance, ...body } = r.body as Record<string, unknown>;
  return { status: r.status, retryAfter: r.headers.get('retry-after'), body };
}

describe('log-in', () => {
  it('answers a known name with a wrong password exactly as an unknown name, failure after failure', async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 1; i <= 3; i++) {
      known.push(visible(await logIn('owner', `wrong-password-${i}`)));
      unknown.push(visible(await logIn('ghost', `wrong-password-${i}`)));
    }
    expect(unknown).toEqual(known);
    expect(known.map((k) => (k as { status: number }).status)).toEqual([401, 401, 429]);
    expect(known[2]).toMatchObject({ retryAfter: '1', body: { code: 'rate_limited' } });
  });

  it('makes a name wait after repeated failures, and its owner gets in with the right password once the wait is over', async () => {
    // A stranger's guesses at the name: the failures beyond the free ones each set a wait.
    let r = await logIn('owner', 'stranger-guess-1');
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 10 && r.status === 429; attempt++) {
      const wait = Number(r.headers.get('retry-after'));
      expect(r.body.code).toBe('rate_limited');
      waits.push(wait);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
      r = await logIn('owner', 'owner-password-7');
    }
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ userId: 'owner', role: 'supervisor' });
    // The wait is capped by GZ_LOGIN_BACKOFF_MAX_SECONDS: no lock of minutes.
    expect(Math.max(...waits)).toBeLessThanOrEqual(2);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM login_throttle WHERE username = 'owner'`);
    expect(rows[0].n).toBe(0);
  });

  it('limits log-in attempts per client address, more strictly than other requests', async () => {
    let limited: Res | undefined;
    for (let i = 0; i < 3 * LOGIN_LIMIT_PER_ADDRESS && !limited; i++) {
      const r = await logIn(`visitor-${i}`, 'some-password-123');
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(401);
    }
    expect(limited?.body).toMatchObject({ code: 'rate_limited', detail: expect.stringContaining('log in from this address') });
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other requests from the same address are not held back by the log-in limit.
    expect((await call(api.url, 'GET', '/healthz')).status).not.toBe(429);
  });
});
