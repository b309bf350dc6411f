/**
 * Bearer token → principal. Our own HS256 tokens, or (when configured) the province IdP's. Tokens
 * come in the Authorization header only: no cookies, so no cross-site request forgery.
 */
import type { FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { Problem } from '../http/problem';
import { isLocalToken, type AccessTokenSigner, type VerifiedAccessToken } from './accessTokens';
import type { OidcVerifier } from './oidc';
import type { Principal } from './principal';
import { isAccessTokenRevoked, revokeAccessToken } from './revokedTokens';

const ACTIVE_CACHE_MS = 10_000;

export interface Authenticator {
  authenticate(req: FastifyRequest): Promise<Principal>;
  /** Log-out: the request's own access token stops working (local tokens; the IdP ends its own). */
  revoke(req: FastifyRequest): Promise<void>;
  /** Forget a user's cached state (after disabling them). */
  forget(userId: string): void;
}

export function createAuthenticator(deps: { pool: Pool; signer: AccessTokenSigner; oidc?: OidcVerifier }): Authenticator {
  // A disabled user's unexpired token must stop working soon: the account is re-checked at most
  // every ACTIVE_CACHE_MS, not on every request (the decision path is latency-sensitive).
  const active = new Map<string, { ok: boolean; at: number }>();
  // Revocations are looked up in PostgreSQL at most every ACTIVE_CACHE_MS per token; one made by
  // this process counts at once (revokedHere), one made by another API process within that time.
  const notRevoked = new Map<string, number>();
  const revokedHere = new Map<string, number>();
  const tokenOf = new WeakMap<FastifyRequest, VerifiedAccessToken>();

  async function isRevoked(t: VerifiedAccessToken): Promise<boolean> {
    const now = Date.now();
    if (revokedHere.has(t.jti)) return true;
    const checkedAt = notRevoked.get(t.jti);
    if (checkedAt !== undefined && now - checkedAt < ACTIVE_CACHE_MS) return false;
    if (await isAccessTokenRevoked(deps.pool, t.jti)) return true;
    if (notRevoked.size >= 10_000) notRevoked.clear();
    notRevoked.set(t.jti, now);
    return false;
  }

  async function isActive(userId: string): Promise<boolean> {
    const hit = active.get(userId);
    if (hit && Date.now() - hit.at < ACTIVE_CACHE_MS) return hit.ok;
    const { rows } = await deps.pool.query('SELECT disabled_at IS NULL AS ok FROM app_user WHERE username = $1', [userId]);
    const ok = rows[0]?.ok === true;
    active.set(userId, { ok, at: Date.now() });
    return ok;
  }

  return {
    async authenticate(req) {
      const header = req.headers.authorization;
      if (!header) throw new Problem('unauthenticated', 'send Authorization: Bearer <access token>');
      const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
      if (!m) throw new Problem('invalid_token', 'the Authorization header must be "Bearer <token>"');
      const token = m[1];
      let principal: Principal;
      let local: VerifiedAccessToken | undefined;
      try {
        if (isLocalToken(token) || !deps.oidc) {
          local = await deps.signer.verify(token);
          principal = local.principal;
        } else principal = await deps.oidc(token);
      } catch (err) {
        throw new Problem(
          'invalid_token',
          (err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'the access token has expired' : 'the token could not be verified',
        );
      }
      if (local) {
        if (await isRevoked(local)) throw new Problem('invalid_token', 'the access token was ended by a log-out');
        tokenOf.set(req, local);
      }
      if (principal.source === 'local' && !(await isActive(principal.userId))) throw new Problem('account_disabled');
      return principal;
    },
    async revoke(req) {
      const t = tokenOf.get(req);
      if (!t) return;
      for (const [jti, expMs] of revokedHere) if (expMs < Date.now()) revokedHere.delete(jti);
      revokedHere.set(t.jti, t.expMs);
      notRevoked.delete(t.jti);
      await revokeAccessToken(deps.pool, t.jti, t.expMs);
    },
    forget(userId) {
      active.delete(userId);
    },
  };
}
