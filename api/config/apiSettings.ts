/**
 * The API's own settings, read from the environment and validated once (platform/config.ts holds
 * the settings every process shares). Every variable is documented in docs/api.md.
 */
import { z } from 'zod';
import { DEFAULT_ATTACHMENT_LIMIT_MB } from '../../domain/attachmentContent';

const positiveInt = z.coerce.number().int().positive();

export const ApiEnvSchema = z.object({
  /** HS256 key for access tokens; unset = generated once and kept in <data dir>/api/jwt-secret. */
  GZ_JWT_SECRET: z.string().min(32, 'GZ_JWT_SECRET must be at least 32 characters').optional(),
  GZ_ACCESS_TOKEN_TTL_SECONDS: positiveInt.max(24 * 3600).default(900),
  GZ_REFRESH_TOKEN_TTL_SECONDS: positiveInt.max(90 * 24 * 3600).default(12 * 3600),
  /** Wrong passwords in a row for one user name before each further attempt must wait (api/auth/login.ts). */
  GZ_LOGIN_MAX_FAILURES: positiveInt.max(100).default(5),
  /** The first wait; it doubles with each further failure, up to the maximum. */
  GZ_LOGIN_BACKOFF_SECONDS: positiveInt.max(3600).default(1),
  GZ_LOGIN_BACKOFF_MAX_SECONDS: positiveInt.max(24 * 3600).default(60),
  /** Log-in attempts per minute from one client address (stricter than the general limit). */
  GZ_RATE_LIMIT_LOGIN_IP_PER_MINUTE: positiveInt.default(60),
  /** Requests per minute: per signed-in user, and per client address (unauthenticated too). */
  GZ_RATE_LIMIT_USER_PER_MINUTE: positiveInt.default(6000),
  GZ_RATE_LIMIT_IP_PER_MINUTE: positiveInt.default(20000),
  /** Largest JSON body, and largest uploaded data file. */
  GZ_BODY_LIMIT_KB: positiveInt.max(100 * 1024).default(1024),
  GZ_UPLOAD_LIMIT_MB: positiveInt.max(4096).default(512),
  /** Largest attachment of a task's findings (issue 20); the default is DEFAULT_ATTACHMENT_LIMIT_MB. */
  GZ_ATTACHMENT_LIMIT_MB: positiveInt.max(512).default(DEFAULT_ATTACHMENT_LIMIT_MB),
  /** How often the alert stream (server-sent events) looks for new alerts. */
  GZ_ALERT_POLL_MS: positiveInt.min(100).max(60_000).default(2000),
  /** How often an open alert stream re-checks its token and account (and before each alert it sends). */
  GZ_ALERT_STREAM_RECHECK_MS: positiveInt.min(100).max(300_000).default(30_000),
  /** The longest a command (a workflow update) may take before the API answers 503 with Retry-After. */
  GZ_UPDATE_DEADLINE_SECONDS: positiveInt.max(3600).default(30),
  /** The province's single sign-on: all three set = bearer tokens from the IdP are accepted. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_JWKS_URL: z.string().url().optional(),
  /** Claim names that carry the role and the city (dots walk into nested claims: realm_access.roles). */
  OIDC_ROLE_CLAIM: z.string().min(1).default('gz_role'),
  OIDC_CITY_CLAIM: z.string().min(1).default('gz_city'),
  /** Claim that is `true` for the authority's responsible person (负责人, who approves procedures). */
  OIDC_RESPONSIBLE_CLAIM: z.string().min(1).default('gz_responsible'),
  /** IdP role names → ours, e.g. "gz-coordinator=province_coordinator,gz-officer=city_officer". */
  OIDC_ROLE_MAP: z.string().default(''),
  /** Claim used as the user id in the audit log. */
  OIDC_USER_CLAIM: z.string().min(1).default('preferred_username'),
});

export type ApiSettings = z.infer<typeof ApiEnvSchema>;

/** Parses the API's variables; throws one line per bad variable. */
export function loadApiSettings(env: NodeJS.ProcessEnv = process.env): ApiSettings {
  const relevant = Object.fromEntries(Object.keys(ApiEnvSchema.shape).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])));
  const parsed = ApiEnvSchema.safeParse(relevant);
  if (!parsed.success) {
    // Never echo GZ_JWT_SECRET's value.
    throw new Error(parsed.error.issues.map((i) => `environment variable ${String(i.path[0])} is invalid: ${i.message}`).join('\n'));
  }
  const s = parsed.data;
  const oidc = [s.OIDC_ISSUER, s.OIDC_AUDIENCE, s.OIDC_JWKS_URL].filter(Boolean).length;
  if (oidc !== 0 && oidc !== 3) throw new Error('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL must be set together');
  return s;
}
