/**
 * The HS256 key for access tokens: GZ_JWT_SECRET when set, else a random key generated on first
 * start and kept in <data dir>/api/jwt-secret (mode 0600), so tokens survive a restart and every
 * API process on the host shares it. Several hosts must share GZ_JWT_SECRET instead.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function resolveJwtSecret(opts: { secret?: string; dataDir: string }): Uint8Array {
  if (opts.secret) return new TextEncoder().encode(opts.secret);
  const file = path.join(opts.dataDir, 'api', 'jwt-secret');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return new TextEncoder().encode(existing);
  } catch {
    /* not there yet */
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const generated = randomBytes(48).toString('base64url');
  try {
    // 'wx': two processes starting together must not overwrite each other's key.
    writeFileSync(file, generated + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return new TextEncoder().encode(generated);
  } catch {
    return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
  }
}
