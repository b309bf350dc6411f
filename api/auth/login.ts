/**
 * Password log-in with lock-out: after `maxFailures` wrong passwords in a row the account is
 * locked for `lockMinutes`; a success resets the count. The answer never tells whether the user
 * name exists (an unknown name costs a hash too).
 */
import type { Pool } from 'pg';
import { Problem } from '../http/problem';
import { dummyHash, verifyPassword } from './passwords';
import type { Role } from '../../domain/roles';
import type { Principal } from './principal';

export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
}

interface UserRow {
  id: string;
  username: string;
  role: Role;
  city_code: string | null;
  password_hash: string;
  locked: boolean;
  disabled_at: Date | null;
}

/** Returns the user on success; throws a Problem (invalid_credentials, account_locked, account_disabled). */
export async function checkLogin(pool: Pool, username: string, password: string, policy: LoginPolicy): Promise<{ id: number; principal: Principal }> {
  const { rows } = await pool.query<UserRow>(
    `SELECT id, username, role, city_code, password_hash, coalesce(locked_until > now(), false) AS locked, disabled_at
     FROM app_user WHERE username = $1`,
    [username],
  );
  const user = rows[0];
  if (!user) {
    await verifyPassword(password, await dummyHash());
    throw new Problem('invalid_credentials');
  }
  if (user.locked) throw new Problem('account_locked', 'too many failed log-ins; try again later');
  const ok = await verifyPassword(password, user.password_hash);
  if (!ok) {
    // One statement: concurrent failures each count, and the lock starts on the one that reaches the limit.
    const upd = await pool.query<{ locked: boolean }>(
      `UPDATE app_user SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1 RETURNING locked_until > now() AS locked`,
      [user.id, policy.maxFailures, policy.lockMinutes],
    );
    if (upd.rows[0]?.locked) throw new Problem('account_locked', `${policy.maxFailures} failed log-ins: locked for ${policy.lockMinutes} minutes`);
    throw new Problem('invalid_credentials');
  }
  if (user.disabled_at) throw new Problem('account_disabled');
  await pool.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
  return {
    id: Number(user.id),
    principal: { userId: user.username, role: user.role, cityCode: user.city_code, source: 'local' },
  };
}

/** For a refresh: the user as stored now (a disabled user gets no new tokens). */
export async function loadActiveUser(pool: Pool, id: number): Promise<Principal | undefined> {
  const { rows } = await pool.query<UserRow>(
    'SELECT id, username, role, city_code, disabled_at FROM app_user WHERE id = $1',
    [id],
  );
  const u = rows[0];
  if (!u || u.disabled_at) return undefined;
  return { userId: u.username, role: u.role, cityCode: u.city_code, source: 'local' };
}
