/** Short-lived access tokens: JWT, HS256, signed with the API's own key (auth/jwtSecret.ts). */
import { jose } from './jose';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { Role } from '../../domain/roles';
import type { Principal } from './principal';

const ISSUER = 'guazheng';
const AUDIENCE = 'guazheng-api';

const Claims = z.object({
  sub: z.string().min(1),
  role: Role,
  city: CityCode.nullable().optional(),
});

export interface AccessTokenSigner {
  sign(p: Principal): Promise<{ token: string; expiresIn: number }>;
  verify(token: string): Promise<Principal>;
}

/** Verified tokens remembered, at most this many (an officer sends one token for many requests). */
const VERIFIED_MAX = 10_000;

export function createAccessTokenSigner(key: Uint8Array, ttlSeconds: number): AccessTokenSigner {
  // The same token string verifies the same way until it expires (HMAC with a key fixed for the
  // process), so a verified token's principal is kept until its exp: the signature check and the
  // claims parse are done once per token, not once per request (the decision path). Whether the
  // account is still enabled is checked per request by the authenticator, as before.
  const verified = new Map<string, { principal: Principal; expMs: number }>();
  return {
    async sign(p) {
      const token = await new jose.SignJWT({ role: p.role, city: p.cityCode })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(p.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
      return { token, expiresIn: ttlSeconds };
    },
    async verify(token) {
      const hit = verified.get(token);
      if (hit) {
        if (Date.now() < hit.expMs) return { ...hit.principal };
        verified.delete(token);
      }
      // algorithms pinned: a token claiming 'none' or an asymmetric algorithm is refused.
      const { payload } = await jose.jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const c = Claims.parse(payload);
      const principal: Principal = { userId: c.sub, role: c.role, cityCode: c.role === 'city_officer' ? (c.city ?? null) : null, source: 'local' };
      // Our tokens always carry exp; one without it is verified every time.
      if (typeof payload.exp === 'number') {
        if (verified.size >= VERIFIED_MAX) verified.clear();
        verified.set(token, { principal, expMs: payload.exp * 1000 });
      }
      return { ...principal };
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
