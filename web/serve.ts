/**
 * Serves the web console from the API process: `/` is the single page, `/console/*` its hashed
 * scripts and styles, `/favicon.svg` its icon. Everything else (the API routes, /docs, /healthz)
 * stays the API's. Routing inside the console uses the URL fragment (#/cases/…), so no API path is
 * ever shadowed. The files come from web/dist, built by web/build.ts when the sources changed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_DIST, ensureConsoleBuilt } from './build';

const PUBLIC = { action: 'console.read', access: { public: true as const } };

/**
 * The page loads only its own scripts and styles. Ant Design writes its component styles into
 * <style> elements at run time: they carry this response's nonce (read by the console from the
 * csp-nonce meta tag), so no inline style from anywhere else is accepted.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The public complaint form's ALTCHA widget solves its proof-of-work challenge in workers made from blobs.
    "worker-src 'self' blob:",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

interface Asset {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  contentType: string;
  /** Hashed file names never change content: cached for a year. The page and the icon revalidate. */
  immutable: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

function asset(body: Buffer, contentType: string, immutable: boolean): Asset {
  return {
    body,
    gzipped: gzipSync(body, { level: 9 }),
    contentType,
    immutable,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
}

function send(req: FastifyRequest, reply: FastifyReply, a: Asset): FastifyReply {
  reply
    .header('content-type', a.contentType)
    .header('etag', a.etag)
    .header('cache-control', a.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('vary', 'accept-encoding');
  if (req.headers['if-none-match'] === a.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(a.gzipped);
  return reply.send(a.body);
}

/** The built files, read once: the console is a few files and a restart brings a new build. */
function loadDist(): { page: string; files: Map<string, Asset> } {
  const files = new Map<string, Asset>();
  const consoleDir = path.join(CONSOLE_DIST, 'console');
  for (const name of readdirSync(consoleDir)) {
    const type = CONTENT_TYPES[path.extname(name)];
    if (type) files.set(`/console/${name}`, asset(readFileSync(path.join(consoleDir, name)), type, true));
  }
  files.set('/favicon.svg', asset(readFileSync(path.join(CONSOLE_DIST, 'favicon.svg')), CONTENT_TYPES['.svg'], false));
  return { page: readFileSync(path.join(CONSOLE_DIST, 'index.html'), 'utf8'), files };
}

export async function registerConsole(app: FastifyInstance): Promise<void> {
  ensureConsoleBuilt((line) => app.log.info(line));
  const dist = loadDist();
  const routeOpts = { schema: { hide: true }, config: PUBLIC };

  const page = async (_req: FastifyRequest, reply: FastifyReply) => {
    // A fresh nonce per response; the page itself is tiny, so it is neither cached nor compressed.
    const nonce = randomBytes(16).toString('base64');
    return reply
      .header('content-type', CONTENT_TYPES['.html'])
      .header('cache-control', 'no-store')
      .header('content-security-policy', contentSecurityPolicy(nonce))
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .send(dist.page.replace('__CSP_NONCE__', nonce));
  };
  app.get('/', routeOpts, page);
  app.get('/index.html', routeOpts, page);
  for (const [url, file] of dist.files) app.get(url, routeOpts, async (req, reply) => send(req, reply, file));
}
