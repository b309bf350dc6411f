/** Local users: created and disabled by the CLI (cli/users.ts), never through the API. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/campaignConfig';
import { hashPassword, passwordWeakness } from '../auth/passwords';
import { isCityRole, Role } from '../../domain/roles';

export const NewUser = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'user name: 2–63 of a-z 0-9 . _ -'),
    displayName: z.string().trim().min(1).max(100).optional(),
    role: Role,
    cityCode: CityCode.optional(),
    /** The authority's responsible person (负责人): approves procedures (city officers and coordinators only). */
    responsible: z.boolean().default(false),
    password: z
      .string()
      .max(256, '密码最多 256 个字符')
      .superRefine((p, ctx) => {
        const weakness = passwordWeakness(p);
        if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
      }),
  })
  .refine((u) => isCityRole(u.role) === (u.cityCode !== undefined), {
    path: ['cityCode'],
    message: 'a city role (city_officer, city_hr_officer, city_fund_officer) needs --city; the other roles take none',
  })
  .refine((u) => !u.responsible || u.role === 'city_officer' || u.role === 'province_coordinator', {
    path: ['responsible'],
    message: "only a city officer or a provincial coordinator can be an authority's responsible person",
  });
export type NewUser = z.input<typeof NewUser>;

export class UserExistsError extends Error {}

export async function createUser(pool: Pool, raw: NewUser): Promise<{ id: number; username: string }> {
  const u = NewUser.parse(raw);
  const hash = await hashPassword(u.password);
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO app_user (username, display_name, role, city_code, responsible, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO NOTHING RETURNING id`,
    [u.username, u.displayName ?? u.username, u.role, u.cityCode ?? null, u.responsible, hash],
  );
  if (!rows[0]) throw new UserExistsError(`user ${u.username} exists already`);
  return { id: Number(rows[0].id), username: u.username };
}

/** Disables the account and ends its refresh tokens; access tokens stop working within seconds. */
export async function disableUser(pool: Pool, username: string): Promise<boolean> {
  const { rows } = await pool.query<{ id: string }>('UPDATE app_user SET disabled_at = coalesce(disabled_at, now()) WHERE username = $1 RETURNING id', [
    username.trim().toLowerCase(),
  ]);
  if (!rows[0]) return false;
  await pool.query('UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [rows[0].id]);
  return true;
}
