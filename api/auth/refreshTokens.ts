/**
 * Refresh tokens: random, stored as SHA-256 hashes, rotated on every use. Presenting a token that
 * was already rotated means it leaked: the whole family (every token descended from that log-in)
 * is revoked.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueRefreshToken(db: Pool | PoolClient, userId: number, ttlSeconds: number, familyId: string = randomUUID()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO refresh_token (token_hash, family_id, user_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [hashToken(token), familyId, userId, ttlSeconds],
  );
  return token;
}

export type RotateResult = { ok: true; userId: number; token: string } | { ok: false; reason: 'unknown' | 'expired' | 'reused' | 'revoked' };

export async function rotateRefreshToken(pool: Pool, token: string, ttlSeconds: number): Promise<RotateResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ family_id: string; user_id: string; expired: boolean; replaced_at: Date | null; revoked_at: Date | null }>(
      `SELECT family_id, user_id, expires_at <= now() AS expired, replaced_at, revoked_at
       FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
      [hashToken(token)],
    );
    const row = rows[0];
    let result: RotateResult;
    if (!row) result = { ok: false, reason: 'unknown' };
    else if (row.revoked_at) result = { ok: false, reason: 'revoked' };
    else if (row.replaced_at) {
      await client.query('UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [row.family_id]);
      result = { ok: false, reason: 'reused' };
    } else if (row.expired) result = { ok: false, reason: 'expired' };
    else {
      await client.query('UPDATE refresh_token SET replaced_at = now() WHERE token_hash = $1', [hashToken(token)]);
      const next = await issueRefreshToken(client, Number(row.user_id), ttlSeconds, row.family_id);
      result = { ok: true, userId: Number(row.user_id), token: next };
    }
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Log-out: the token's family ends. */
export async function revokeRefreshToken(pool: Pool, token: string): Promise<void> {
  await pool.query(
    `UPDATE refresh_token SET revoked_at = now()
     WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1) AND revoked_at IS NULL`,
    [hashToken(token)],
  );
}
