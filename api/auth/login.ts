/**
 * Password log-in, throttled by the name tried: after `freeFailures` wrong passwords in a row each
 * further attempt for that name must wait a delay that doubles from `backoffSeconds` up to
 * `backoffMaxSeconds` (429 with Retry-After), and a success clears the count. No hard lock: a
 * stranger who guesses at a name delays its owner by the current wait at most, never for minutes.
 * A known and an unknown name are treated alike (the same throttle, the same hash work, the same
 * answers), so log-in does not tell which accounts exist.
 */
import type { Pool } from 'pg';
import { Problem } from '../http/problem';
import { dummyHash, verifyPassword } from './passwords';
import type { Role } from '../../domain/roles';
import type { Principal } from './principal';

export interface LoginPolicy {
  /** Wrong passwords in a row before the waits begin. */
  freeFailures: number;
  backoffSeconds: number;
  backoffMaxSeconds: number;
}

/** A name's count of failures is forgotten after a day without one. */
const FAILURE_MEMORY = '1 day';

export function loginPolicyOf(s: { GZ_LOGIN_MAX_FAILURES: number; GZ_LOGIN_BACKOFF_SECONDS: number; GZ_LOGIN_BACKOFF_MAX_SECONDS: number }): LoginPolicy {
  return { freeFailures: s.GZ_LOGIN_MAX_FAILURES, backoffSeconds: s.GZ_LOGIN_BACKOFF_SECONDS, backoffMaxSeconds: s.GZ_LOGIN_BACKOFF_MAX_SECONDS };
}

/** The wait after the n-th failure in a row: none before the limit, then base, 2·base, 4·base … up to the cap. */
export function backoffAfter(failures: number, policy: LoginPolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.backoffMaxSeconds, policy.backoffSeconds * 2 ** Math.min(30, failures - policy.freeFailures));
}

function mustWait(seconds: number): Problem {
  return new Problem('rate_limited', `登录失败次数过多，请 ${seconds} 秒后再试 (too many failed log-ins for this user name: wait ${seconds} s)`, {
    headers: { 'retry-after': String(seconds) },
  });
}

interface UserRow {
  id: string;
  username: string;
  role: Role;
  city_code: string | null;
  responsible: boolean;
  password_hash: string;
  disabled_at: Date | null;
}

/** Returns the user on success; throws a Problem (invalid_credentials, rate_limited, account_disabled). */
export async function checkLogin(pool: Pool, rawUsername: string, password: string, policy: LoginPolicy): Promise<{ id: number; principal: Principal }> {
  const username = rawUsername.trim().toLowerCase();
  const waiting = await pool.query<{ wait: string }>(
    `SELECT ceil(extract(epoch FROM blocked_until - now()))::int AS wait FROM login_throttle
     WHERE username = $1 AND blocked_until > now() AND last_failure_at > now() - $2::interval`,
    [username, FAILURE_MEMORY],
  );
  if (waiting.rows[0]) throw mustWait(Math.max(1, Number(waiting.rows[0].wait)));

  const { rows } = await pool.query<UserRow>(
    'SELECT id, username, role, city_code, responsible, password_hash, disabled_at FROM app_user WHERE username = $1',
    [username],
  );
  const user = rows[0];
  // The same scrypt work whether the name exists or not.
  const fallback = await dummyHash();
  const ok = await verifyPassword(password, user?.password_hash ?? fallback);
  if (!user || !ok) {
    const failed = await pool.query<{ failures: number }>(
      `INSERT INTO login_throttle (username, failures, last_failure_at) VALUES ($1, 1, now())
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN login_throttle.last_failure_at < now() - $2::interval THEN 1 ELSE login_throttle.failures + 1 END,
         last_failure_at = now()
       RETURNING failures`,
      [username, FAILURE_MEMORY],
    );
    const wait = backoffAfter(failed.rows[0].failures, policy);
    if (wait > 0) {
      await pool.query('UPDATE login_throttle SET blocked_until = now() + make_interval(secs => $2) WHERE username = $1', [username, wait]);
      throw mustWait(wait);
    }
    throw new Problem('invalid_credentials');
  }
  if (user.disabled_at) throw new Problem('account_disabled');
  await pool.query(`DELETE FROM login_throttle WHERE username = $1 OR last_failure_at < now() - $2::interval`, [username, FAILURE_MEMORY]);
  return {
    id: Number(user.id),
    principal: { userId: user.username, role: user.role, cityCode: user.city_code, responsible: user.responsible, source: 'local' },
  };
}

/** For a refresh: the user as stored now (a disabled user gets no new tokens). */
export async function loadActiveUser(pool: Pool, id: number): Promise<Principal | undefined> {
  const { rows } = await pool.query<UserRow>('SELECT id, username, role, city_code, responsible, disabled_at FROM app_user WHERE id = $1', [id]);
  const u = rows[0];
  if (!u || u.disabled_at) return undefined;
  return { userId: u.username, role: u.role, cityCode: u.city_code, responsible: u.responsible, source: 'local' };
}
