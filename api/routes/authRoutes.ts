/** Log-in, token refresh, log-out and "who am I". */
import { z } from 'zod';
import { checkLogin, loadActiveUser, loginPolicyOf } from '../auth/login';
import { Role } from '../../domain/roles';
import { issueRefreshToken, revokeRefreshToken, rotateRefreshToken } from '../auth/refreshTokens';
import { READ_ALL } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { tags } from './schemas';
import { plainText } from '../../domain/text';

const Tokens = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('seconds'),
  refreshToken: z.string(),
  user: z.object({
    userId: z.string(),
    role: Role,
    cityCode: z.string().nullable().describe('city officers only'),
    responsible: z.boolean().describe("the authority's responsible person (负责人): approves procedures"),
  }),
});

export function registerAuthRoutes(app: ZodApp, ctx: RouteContext): void {
  const policy = loginPolicyOf(ctx.settings);

  app.post(
    '/auth/login',
    {
      config: { action: 'auth.login', access: { public: true }, audit: true },
      schema: {
        summary: 'Log in with user name and password',
        tags: tags.auth,
        security: [],
        body: z.object({ username: plainText({ max: 64, trim: true }), password: plainText({ max: 256 }) }),
        response: { 200: Tokens, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (req) => {
      req.auditTarget = `user=${req.body.username}`;
      const { id, principal } = await checkLogin(ctx.pool, req.body.username, req.body.password, policy);
      req.principal = principal;
      const access = await ctx.signer.sign(principal);
      const refreshToken = await issueRefreshToken(ctx.pool, id, ctx.settings.GZ_REFRESH_TOKEN_TTL_SECONDS);
      return { accessToken: access.token, tokenType: 'Bearer' as const, expiresIn: access.expiresIn, refreshToken, user: principal };
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { action: 'auth.refresh', access: { public: true }, audit: true },
      schema: {
        summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
        tags: tags.auth,
        security: [],
        body: z.object({ refreshToken: plainText({ min: 20, max: 200 }) }),
        response: { 200: Tokens, ...problemResponses(400, 401) },
      },
    },
    async (req) => {
      const r = await rotateRefreshToken(ctx.pool, req.body.refreshToken, ctx.settings.GZ_REFRESH_TOKEN_TTL_SECONDS);
      if (!r.ok)
        throw new Problem(
          'invalid_token',
          r.reason === 'reused' ? 'refresh token already used: every token of this log-in is revoked' : `refresh token ${r.reason}`,
        );
      const principal = await loadActiveUser(ctx.pool, r.userId);
      if (!principal) throw new Problem('account_disabled');
      req.principal = principal;
      req.auditTarget = `user=${principal.userId}`;
      const access = await ctx.signer.sign(principal);
      return { accessToken: access.token, tokenType: 'Bearer' as const, expiresIn: access.expiresIn, refreshToken: r.token, user: principal };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { action: 'auth.logout', access: { roles: READ_ALL, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: 'End the log-in: the refresh token and its successors stop working',
        tags: tags.auth,
        body: z.object({ refreshToken: plainText({ min: 20, max: 200 }) }),
        response: { 204: z.null(), ...problemResponses(400, 401) },
      },
    },
    async (req, reply) => {
      await revokeRefreshToken(ctx.pool, req.body.refreshToken);
      await ctx.auth.revoke(req);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { action: 'auth.me', access: { roles: READ_ALL, city: { kind: 'none' } } },
      schema: {
        summary: 'The signed-in user',
        tags: tags.auth,
        response: { 200: Tokens.shape.user.extend({ source: z.enum(['local', 'oidc']) }), ...problemResponses(401) },
      },
    },
    async (req) => req.principal!,
  );
}
