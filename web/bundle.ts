/**
 * The console's JavaScript, bundled by esbuild in memory on first request and cached for the
 * life of the process: no build step for the user, nothing written to disk, nothing downloaded.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

export interface Asset {
  body: Buffer;
  /** The same bytes gzipped once (the bundle carries zod: ~500 kB raw, ~100 kB gzipped). */
  gzipped: Buffer;
  etag: string;
  contentType: string;
}

const SRC = path.join(__dirname, 'src');

function asset(body: Buffer, contentType: string): Asset {
  return { body, gzipped: gzipSync(body, { level: 9 }), contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

async function bundleScript(): Promise<Asset> {
  const result = await build({
    entryPoints: [path.join(SRC, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    // Chromium of the last few years: government desktops are updated centrally.
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    // The console imports the domain's zod schemas, so browser and API validate alike.
    absWorkingDir: path.join(__dirname, '..'),
  });
  return asset(Buffer.from(result.outputFiles[0].contents), 'text/javascript; charset=utf-8');
}

async function readStatic(file: string, contentType: string): Promise<Asset> {
  return asset(await readFile(path.join(__dirname, file)), contentType);
}

export interface ConsoleAssets {
  script(): Promise<Asset>;
  style(): Promise<Asset>;
  page(): Promise<Asset>;
}

/** Lazily built, then cached; a failed build is not cached, so a fix shows after a reload. */
export function createConsoleAssets(): ConsoleAssets {
  const cache = new Map<string, Promise<Asset>>();
  const once = (key: string, make: () => Promise<Asset>): Promise<Asset> => {
    let p = cache.get(key);
    if (!p) {
      p = make();
      p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    return p;
  };
  return {
    script: () => once('js', bundleScript),
    style: () => once('css', () => readStatic('src/styles.css', 'text/css; charset=utf-8')),
    page: () => once('html', () => readStatic('index.html', 'text/html; charset=utf-8')),
  };
}
