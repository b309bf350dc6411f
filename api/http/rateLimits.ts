/**
 * Limits per minute, from @fastify/rate-limit: one per client address (checked first), a much
 * lower one per address on POST /auth/login (password guessing from one host; the per-name
 * backoff is in api/auth/login.ts) and, as low, on the public search of published records (no
 * log-in: harvesting the register name by name from one host), and one per signed-in user (checked
 * after the token, so one account cannot starve others behind the same proxy).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from './problem';

export type Limiter = (req: FastifyRequest) => Promise<void>;

const LOGIN_ROUTE = '/auth/login';
export const PUBLIC_SEARCH_ROUTE = '/public/records/search';
/** The public complaint form's writes and look-ups (api/routes/complaintRoutes.ts): as low as the public search. */
export const PUBLIC_COMPLAINT_ROUTES: readonly string[] = ['/public/complaints', '/public/complaints/status', '/public/complaints/challenge'];

export async function createLimiters(
  app: FastifyInstance,
  opts: { ipPerMinute: number; userPerMinute: number; loginIpPerMinute: number },
): Promise<{ byIp: Limiter; byUser: Limiter }> {
  await app.register(rateLimit, { global: false });
  const ip = app.createRateLimit({ max: opts.ipPerMinute, timeWindow: 60_000, keyGenerator: (req) => `ip:${req.ip}` });
  const loginIp = app.createRateLimit({ max: opts.loginIpPerMinute, timeWindow: 60_000, keyGenerator: (req) => `login:${req.ip}` });
  const publicIp = app.createRateLimit({ max: opts.loginIpPerMinute, timeWindow: 60_000, keyGenerator: (req) => `public:${req.ip}` });
  const complaintIp = app.createRateLimit({ max: opts.loginIpPerMinute, timeWindow: 60_000, keyGenerator: (req) => `complaint:${req.ip}` });
  const user = app.createRateLimit({
    max: opts.userPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `user:${req.principal?.userId ?? req.ip}`,
  });
  const enforce =
    (limit: typeof ip, what: string): Limiter =>
    async (req) => {
      const r = await limit(req);
      // isAllowed means "on the allow list"; the limit itself is isExceeded.
      if (!r.isAllowed && r.isExceeded) {
        throw new Problem('rate_limited', `more than ${r.max} requests per minute ${what}`, { headers: { 'retry-after': String(r.ttlInSeconds) } });
      }
    };
  const anyRequest = enforce(ip, 'from this address');
  const logIn = enforce(loginIp, 'to log in from this address');
  const searchPublic = enforce(publicIp, 'to search the published records from this address');
  const complainPublic = enforce(complaintIp, 'to the public complaint form from this address');
  return {
    byIp: async (req) => {
      await anyRequest(req);
      if (req.method === 'POST' && req.routeOptions.url === LOGIN_ROUTE) await logIn(req);
      if (req.method === 'POST' && req.routeOptions.url === PUBLIC_SEARCH_ROUTE) await searchPublic(req);
      if (PUBLIC_COMPLAINT_ROUTES.includes(req.routeOptions.url ?? '')) await complainPublic(req);
    },
    byUser: enforce(user, 'for this user'),
  };
}
