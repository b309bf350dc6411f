/**
 * Serves the web console from the API process: `/` is the single page, `/console/*` its script and
 * style. Everything else (the API routes, /docs, /healthz) stays the API's. Routing inside the
 * console uses the URL fragment (#/cases/…), so no API path is ever shadowed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createConsoleAssets, type Asset } from './bundle';

const PUBLIC = { action: 'console.read', access: { public: true as const } };

// The page loads only its own script and style; no inline script, no third-party origin.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

function send(req: FastifyRequest, reply: FastifyReply, a: Asset): FastifyReply {
  reply
    .header('content-type', a.contentType)
    .header('etag', a.etag)
    // Revalidate every time: a new server version must reach every desk at once.
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff');
  reply.header('vary', 'accept-encoding');
  if (req.headers['if-none-match'] === a.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(a.gzipped);
  return reply.send(a.body);
}

export interface ConsoleOptions {
  /** Build the bundle at registration instead of on the first request (production start-up). */
  prebuild?: boolean;
}

export async function registerConsole(app: FastifyInstance, opts: ConsoleOptions = {}): Promise<void> {
  const assets = createConsoleAssets();
  if (opts.prebuild) await assets.script();
  const routeOpts = { schema: { hide: true }, config: PUBLIC };

  const page = async (req: FastifyRequest, reply: FastifyReply) =>
    send(req, reply.header('content-security-policy', CSP).header('referrer-policy', 'no-referrer'), await assets.page());
  app.get('/', routeOpts, page);
  app.get('/index.html', routeOpts, page);
  app.get('/console/app.js', routeOpts, async (req, reply) => send(req, reply, await assets.script()));
  app.get('/console/app.css', routeOpts, async (req, reply) => send(req, reply, await assets.style()));
}
