/**
 * Idempotency-Key for writes: the first request with a key runs; its response is stored and a
 * repeat with the same body gets it again without running anything. The same key with another
 * body is refused (422); a repeat while the first still runs gets 409.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { Problem } from './problem';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function idempotencyKeyOf(req: FastifyRequest, required: boolean): string | undefined {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || key === '') {
    if (required) throw new Problem('idempotency_key_required', 'send an Idempotency-Key header (8–128 of A-Z a-z 0-9 . _ : -), e.g. a UUID');
    return undefined;
  }
  if (!IDEMPOTENCY_KEY.test(key)) throw new Problem('validation_failed', 'Idempotency-Key: 8–128 of A-Z a-z 0-9 . _ : -');
  return key;
}

/** An unanswered claim older than this is abandoned: well past the update deadline (GZ_UPDATE_DEADLINE_SECONDS). */
export const CLAIM_EXPIRES_AFTER_SECONDS = 5 * 60;

export interface StoredResponse {
  status: number;
  body: unknown;
}

function requestHash(route: string, params: unknown, body: unknown): string {
  return createHash('sha256').update(JSON.stringify([route, params, body ?? null])).digest('hex');
}

/** Runs `fn` once per (user, key); problems thrown by `fn` are not stored, so the caller may retry. */
export async function runIdempotent(
  pool: Pool,
  req: FastifyRequest,
  key: string | undefined,
  fn: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  if (!key) return { ...(await fn()), replayed: false };
  const user = req.principal?.userId ?? 'anonymous';
  const route = req.routeOptions.config.action ?? req.routeOptions.url ?? '';
  const hash = requestHash(route, req.params, req.body);
  // A claim never answered (its API process died, or its command outlived every deadline) is
  // taken over once it is older than CLAIM_EXPIRES_AFTER_SECONDS, so a key is never stuck.
  const claimed = await pool.query(
    `INSERT INTO idempotency_key AS k (idem_key, user_id, route, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, idem_key) DO UPDATE SET route = EXCLUDED.route, request_hash = EXCLUDED.request_hash, created_at = now()
       WHERE k.response_status IS NULL AND k.created_at < now() - make_interval(secs => $5)`,
    [key, user, route, hash, CLAIM_EXPIRES_AFTER_SECONDS],
  );
  if (claimed.rowCount === 0) {
    const { rows } = await pool.query<{ request_hash: string; response_status: number | null; response_body: unknown }>(
      'SELECT request_hash, response_status, response_body FROM idempotency_key WHERE user_id = $1 AND idem_key = $2',
      [user, key],
    );
    const prior = rows[0];
    if (!prior || prior.request_hash !== hash) throw new Problem('idempotency_key_reused', 'this Idempotency-Key was used for a different request');
    if (prior.response_status === null) throw new Problem('idempotency_in_progress', 'retry when the first request has answered', { headers: { 'retry-after': '1' } });
    return { status: prior.response_status, body: prior.response_body, replayed: true };
  }
  try {
    const res = await fn();
    await pool.query(
      'UPDATE idempotency_key SET response_status = $3, response_body = $4 WHERE user_id = $1 AND idem_key = $2',
      [user, key, res.status, JSON.stringify(res.body ?? null)],
    );
    return { ...res, replayed: false };
  } catch (err) {
    // Not stored: a refused or failed request may be sent again with the same key.
    await pool.query('DELETE FROM idempotency_key WHERE user_id = $1 AND idem_key = $2', [user, key]).catch(() => undefined);
    throw err;
  }
}
