/**
 * The province's single sign-on (OIDC), by configuration: with OIDC_ISSUER, OIDC_AUDIENCE and
 * OIDC_JWKS_URL set, bearer tokens signed by the IdP are accepted beside our own. The IdP's keys
 * come from its JWKS endpoint (cached and refreshed by jose); its claims map to role and city.
 */
import { jose, type JWTPayload } from './jose';
import { JILIN_CITIES, resolveCity } from '../../domain/cities';
import type { ApiSettings } from '../config/apiSettings';
import { isCityRole, Role } from '../../domain/roles';
import type { Principal } from './principal';

export class OidcClaimError extends Error {}

/** Reads a claim by name; a dotted name walks into objects (realm_access.roles). */
function claim(payload: JWTPayload, name: string): unknown {
  let v: unknown = payload;
  for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** "idp-name=our_role,…" → map; our own role names always map to themselves. */
export function parseRoleMap(spec: string): Map<string, Role> {
  const map = new Map<string, Role>(Role.options.map((r) => [r, r]));
  for (const pair of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [from, to] = pair.split('=').map((s) => s.trim());
    const role = Role.safeParse(to);
    if (!from || !role.success) throw new Error(`OIDC_ROLE_MAP: "${pair}" is not idp-role=${Role.options.join('|')}`);
    map.set(from, role.data);
  }
  return map;
}

/** The claims → our principal. A token that maps to no role, or to several, is refused. */
export function principalFromClaims(
  payload: JWTPayload,
  s: Pick<ApiSettings, 'OIDC_ROLE_CLAIM' | 'OIDC_CITY_CLAIM' | 'OIDC_USER_CLAIM'> & Partial<Pick<ApiSettings, 'OIDC_RESPONSIBLE_CLAIM'>>,
  roleMap: Map<string, Role>,
): Principal {
  const raw = claim(payload, s.OIDC_ROLE_CLAIM);
  const names = (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string');
  const roles = [...new Set(names.flatMap((n) => (roleMap.has(n) ? [roleMap.get(n) as Role] : [])))];
  if (roles.length !== 1) throw new OidcClaimError(`token maps to ${roles.length} roles (claim ${s.OIDC_ROLE_CLAIM}); exactly one is required`);
  const role = roles[0];
  const user = claim(payload, s.OIDC_USER_CLAIM) ?? payload.sub;
  if (typeof user !== 'string' || user === '') throw new OidcClaimError(`token has no ${s.OIDC_USER_CLAIM} or sub claim`);
  let cityCode: string | null = null;
  if (isCityRole(role)) {
    const c = claim(payload, s.OIDC_CITY_CLAIM);
    const city = typeof c === 'string' ? resolveCity(c, JILIN_CITIES) : undefined;
    if (!city) throw new OidcClaimError(`a city officer's token needs a known city in claim ${s.OIDC_CITY_CLAIM}`);
    cityCode = city.code;
  }
  // Only the roles that act for an authority can be its responsible person.
  const responsible = (role === 'city_officer' || role === 'province_coordinator') && claim(payload, s.OIDC_RESPONSIBLE_CLAIM ?? 'gz_responsible') === true;
  return { userId: `oidc:${user}`, role, cityCode, responsible, source: 'oidc' };
}

export type OidcVerifier = (token: string) => Promise<Principal>;

/** Undefined when OIDC is not configured. */
export function createOidcVerifier(s: ApiSettings): OidcVerifier | undefined {
  if (!s.OIDC_ISSUER || !s.OIDC_AUDIENCE || !s.OIDC_JWKS_URL) return undefined;
  const jwks = jose.createRemoteJWKSet(new URL(s.OIDC_JWKS_URL), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  const roleMap = parseRoleMap(s.OIDC_ROLE_MAP);
  const { OIDC_ISSUER: issuer, OIDC_AUDIENCE: audience } = s;
  return async (token) => {
    // Asymmetric algorithms only: an HS* token would be checked against a public key as a secret.
    const { payload } = await jose.jwtVerify(token, jwks, {
      issuer,
      audience,
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
      requiredClaims: ['exp'], // a token without an expiry would be valid for ever
    });
    return principalFromClaims(payload, s, roleMap);
  };
}
