/**
 * Idempotency-Key for writes: the first request with a key runs; its response is stored and a
 * repeat with the same body gets it again without running anything (marked on the request, so the
 * audit trail records a replay as `replayed`, not as a second action). The same key with another
 * body is refused (422); a repeat while the first still runs gets 409.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { fieldSubject } from '../../domain/fieldLabels';
import { Problem } from './problem';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function idempotencyKeyOf(req: FastifyRequest, required: boolean): string | undefined {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || key === '') {
    if (required) throw new Problem('idempotency_key_required', 'send an Idempotency-Key header (8–128 of A-Z a-z 0-9 . _ : -), e.g. a UUID');
    return undefined;
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new Problem('validation_failed', 'Idempotency-Key: 8–128 of A-Z a-z 0-9 . _ : -', {
      errors: [{ path: 'headers.idempotency-key', message: `${fieldSubject(['idempotency-key'])}应为8至128个字母、数字或“._:-”，如一个 UUID` }],
    });
  }
  return key;
}

/** An unanswered claim older than this is abandoned: well past the update deadline (GZ_UPDATE_DEADLINE_SECONDS). */
export const CLAIM_EXPIRES_AFTER_SECONDS = 5 * 60;

export interface StoredResponse {
  status: number;
  body: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the answer is a stored one: nothing ran. */
    idempotentReplay?: boolean;
  }
}

export function requestHash(route: string, params: unknown, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([route, params, body ?? null]))
    .digest('hex');
}

/**
 * The id a command carries to Temporal (an update id) for this key: one per user, key and body.
 * The key alone would let another body, or another user's request with the same key, receive the
 * first request's result from the workflow whenever the key's row is gone (a failed first request
 * is not stored, so that the caller may retry).
 */
export function commandIdOf(req: FastifyRequest, key: string): string {
  const user = req.principal?.userId ?? 'anonymous';
  const route = req.routeOptions.config.action ?? req.routeOptions.url ?? '';
  const digest = createHash('sha256')
    .update(JSON.stringify([user, key, requestHash(route, req.params, req.body)]))
    .digest('hex');
  return `${key}:${digest.slice(0, 16)}`;
}

/**
 * Runs `fn` once per (user, key). A failure thrown by `fn` is not stored: the key is released, so the
 * same body may be sent again with it, while another body is still refused.
 */
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
  // taken over once it is older than CLAIM_EXPIRES_AFTER_SECONDS, so a key is never stuck; only by
  // the same request, since the key stays bound to its body.
  const claimed = await pool.query(
    `INSERT INTO idempotency_key AS k (idem_key, user_id, route, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, idem_key) DO UPDATE SET created_at = now(), released = false
       WHERE k.response_status IS NULL AND k.request_hash = EXCLUDED.request_hash
         AND k.created_at < now() - make_interval(secs => $5)`,
    [key, user, route, hash, CLAIM_EXPIRES_AFTER_SECONDS],
  );
  if (claimed.rowCount === 0) {
    const { rows } = await pool.query<{ request_hash: string; response_status: number | null; response_body: unknown; released: boolean }>(
      'SELECT request_hash, response_status, response_body, released FROM idempotency_key WHERE user_id = $1 AND idem_key = $2',
      [user, key],
    );
    const prior = rows[0];
    if (!prior || prior.request_hash !== hash) throw new Problem('idempotency_key_reused', 'this Idempotency-Key was used for a different request');
    if (!prior.released) {
      if (prior.response_status === null)
        throw new Problem('idempotency_in_progress', 'retry when the first request has answered', { headers: { 'retry-after': '1' } });
      req.idempotentReplay = true;
      return { status: prior.response_status, body: prior.response_body, replayed: true };
    }
    // The first attempt failed: this one takes the key over, unless a concurrent retry already did.
    const retaken = await pool.query('UPDATE idempotency_key SET released = false WHERE user_id = $1 AND idem_key = $2 AND released', [user, key]);
    if (retaken.rowCount === 0) throw new Problem('idempotency_in_progress', 'retry when the first request has answered', { headers: { 'retry-after': '1' } });
  }
  try {
    const res = await fn();
    await pool.query('UPDATE idempotency_key SET response_status = $3, response_body = $4 WHERE user_id = $1 AND idem_key = $2', [
      user,
      key,
      res.status,
      JSON.stringify(res.body ?? null),
    ]);
    return { ...res, replayed: false };
  } catch (err) {
    // Not stored, but the body stays bound to the key: the same request may be sent again with it.
    await pool.query('UPDATE idempotency_key SET released = true WHERE user_id = $1 AND idem_key = $2', [user, key]).catch(() => undefined);
    throw err;
  }
}
