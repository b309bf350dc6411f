/**
 * Two limits per minute, both from @fastify/rate-limit: one per client address (checked first, so
 * log-in guessing from one host is throttled) and one per signed-in user (checked after the
 * token, so one account cannot starve others behind the same proxy).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Problem } from './problem';

export type Limiter = (req: FastifyRequest) => Promise<void>;

export async function createLimiters(app: FastifyInstance, opts: { ipPerMinute: number; userPerMinute: number }): Promise<{ byIp: Limiter; byUser: Limiter }> {
  await app.register(rateLimit, { global: false });
  const ip = app.createRateLimit({ max: opts.ipPerMinute, timeWindow: 60_000, keyGenerator: (req) => `ip:${req.ip}` });
  const user = app.createRateLimit({
    max: opts.userPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `user:${req.principal?.userId ?? req.ip}`,
  });
  const enforce = (limit: typeof ip, what: string): Limiter => async (req) => {
    const r = await limit(req);
    // isAllowed means "on the allow list"; the limit itself is isExceeded.
    if (!r.isAllowed && r.isExceeded) {
      throw new Problem('rate_limited', `more than ${r.max} requests per minute ${what}`, { headers: { 'retry-after': String(r.ttlInSeconds) } });
    }
  };
  return { byIp: enforce(ip, 'from this address'), byUser: enforce(user, 'for this user') };
}
