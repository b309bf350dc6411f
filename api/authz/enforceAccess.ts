/**
 * The one authorization hook: every request is checked against its route's `config.access`
 * before validation or the handler run. 401 without a valid token, 403 for a role the route does
 * not allow or another city's data, 404 for an unknown case.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import type { Authenticator } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { Problem } from '../http/problem';
import type { Limiter } from '../http/rateLimits';
import { findCaseRef } from './caseRef';
import { isCityRole } from '../../domain/roles';

/** Routes that plugins add (the documentation pages): public, read-only. */
const PLUGIN_ROUTE = /^\/(docs|openapi\.json)(\/|$)/;

export function assertOwnCity(p: Principal, cityCode: string): void {
  if (isCityRole(p.role) && p.cityCode !== cityCode) {
    throw new Problem('other_city', '市（州）经办人只能查看和办理本市（州）的事项');
  }
}

export function registerAccessControl(app: FastifyInstance, deps: { pool: Pool; auth: Authenticator; limits: { byIp: Limiter; byUser: Limiter } }): void {
  app.addHook('onRoute', (route) => {
    if (PLUGIN_ROUTE.test(route.url) || route.url === '/healthz') {
      route.config = { ...(route.config ?? {}), access: { public: true }, action: route.config?.action ?? 'docs.read' };
      return;
    }
    const cfg = route.config;
    if (!cfg?.access || !cfg.action) throw new Error(`route ${String(route.method)} ${route.url} declares no config.access/action`);
    // The access rule goes into the OpenAPI document: readers see it, and the route walk test reads it.
    if (route.schema && !route.schema.hide) {
      const a = cfg.access;
      const roles = a.public ? 'public' : a.roles.join(', ');
      const scope = a.public ? 'none' : a.city.kind;
      Object.assign(route.schema, {
        'x-action': cfg.action,
        'x-roles': a.public ? [] : [...a.roles],
        'x-public': a.public === true,
        'x-city-scope': scope,
        'x-responsible': !a.public && a.responsible === true,
        description: [
          route.schema.description,
          `Roles: ${roles}${!a.public && a.responsible ? " (the authority's responsible person only)" : ''}. City scope: ${scope}.`,
        ]
          .filter(Boolean)
          .join('\n\n'),
      });
    }
  });

  app.addHook('onRequest', async (req: FastifyRequest) => {
    const access = req.routeOptions.config.access;
    if (!access) {
      // No route matched: the 404 handler answers; nothing to authorize.
      return;
    }
    await deps.limits.byIp(req);
    if (access.public) return;
    const principal = await deps.auth.authenticate(req);
    req.principal = principal;
    await deps.limits.byUser(req);
    if (!access.roles.includes(principal.role)) {
      throw new Problem('forbidden', `${req.routeOptions.config.action} is for ${access.roles.join(', ')}`);
    }
    if (access.responsible && !principal.responsible) {
      throw new Problem('forbidden', `须由负责人审批 (${req.routeOptions.config.action} is for the authority's responsible person)`);
    }
    const params = (req.params ?? {}) as Record<string, string>;
    if (access.city.kind === 'param') {
      assertOwnCity(principal, params[access.city.param]);
    } else if (access.city.kind === 'case') {
      const ref = await findCaseRef(deps.pool, params[access.city.param]);
      if (!ref) throw new Problem('not_found', 'no such case');
      assertOwnCity(principal, ref.cityCode);
      req.caseRef = ref;
    }
  });
}
