/**
 * Short-lived access tokens: JWT, HS256, signed with the API's own key (auth/jwtSecret.ts). Each
 * carries a token id (jti) so a log-out can revoke it (auth/revokedTokens.ts) and an expiry; a
 * token without either, or whose city does not fit its role, is refused.
 */
import { randomUUID } from 'node:crypto';
import { jose } from './jose';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { isCityRole, Role } from '../../domain/roles';
import type { Principal } from './principal';

const ISSUER = 'guazheng';
const AUDIENCE = 'guazheng-api';

const Claims = z
  .object({
    sub: z.string().min(1),
    jti: z.uuid(),
    exp: z.number().int(),
    role: Role,
    city: CityCode.nullable().optional(),
    /** The responsible person's permission (absent: not responsible). */
    resp: z.boolean().optional(),
  })
  // A city user (住建, 人社, 公积金) acts for exactly one city; the other roles for none.
  .refine((c) => isCityRole(c.role) === (typeof c.city === 'string'), { message: 'role and city do not fit together' });

/** What a log-out needs to revoke a verified token. */
export interface VerifiedAccessToken {
  principal: Principal;
  jti: string;
  expMs: number;
}

export interface AccessTokenSigner {
  sign(p: Principal): Promise<{ token: string; expiresIn: number }>;
  verify(token: string): Promise<VerifiedAccessToken>;
}

/** Verified tokens remembered, at most this many (an officer sends one token for many requests). */
const VERIFIED_MAX = 10_000;

export function createAccessTokenSigner(key: Uint8Array, ttlSeconds: number): AccessTokenSigner {
  // The same token string verifies the same way until it expires (HMAC with a key fixed for the
  // process), so a verified token's principal is kept until its exp: the signature check and the
  // claims parse are done once per token, not once per request (the decision path). Whether the
  // account is still enabled is checked per request by the authenticator, as before.
  const verified = new Map<string, VerifiedAccessToken>();
  return {
    async sign(p) {
      const token = await new jose.SignJWT({ role: p.role, city: p.cityCode, ...(p.responsible ? { resp: true } : {}) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(p.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
      return { token, expiresIn: ttlSeconds };
    },
    async verify(token) {
      const hit = verified.get(token);
      if (hit) {
        if (Date.now() < hit.expMs) return { ...hit, principal: { ...hit.principal } };
        verified.delete(token);
      }
      // algorithms pinned: a token claiming 'none' or an asymmetric algorithm is refused.
      const { payload } = await jose.jwtVerify(token, key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'jti', 'sub'],
      });
      const c = Claims.parse(payload);
      const principal: Principal = { userId: c.sub, role: c.role, cityCode: c.city ?? null, responsible: c.resp === true, source: 'local' };
      const result: VerifiedAccessToken = { principal, jti: c.jti, expMs: c.exp * 1000 };
      if (verified.size >= VERIFIED_MAX) verified.clear();
      verified.set(token, result);
      return { ...result, principal: { ...principal } };
    },
  };
}

/** Our own tokens carry iss 'guazheng'; anything else goes to the OIDC verifier. */
export function isLocalToken(token: string): boolean {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return payload.iss === ISSUER;
  } catch {
    return false;
  }
}
