/**
 * The deny list of access tokens ended by a log-out, by token id, kept in PostgreSQL until the
 * token would have expired anyway (so every API process sees it, and a restart forgets nothing).
 */
import type { Pool } from 'pg';

export async function revokeAccessToken(pool: Pool, jti: string, expMs: number): Promise<void> {
  await pool.query(
    `INSERT INTO revoked_access_token (jti, expires_at) VALUES ($1, to_timestamp($2::double precision / 1000))
     ON CONFLICT (jti) DO NOTHING`,
    [jti, expMs],
  );
  // Expired entries can go: their tokens are refused for their expiry already.
  await pool.query('DELETE FROM revoked_access_token WHERE expires_at < now()');
}

export async function isAccessTokenRevoked(pool: Pool, jti: string): Promise<boolean> {
  const { rows } = await pool.query('SELECT 1 FROM revoked_access_token WHERE jti = $1', [jti]);
  return rows.length > 0;
}
