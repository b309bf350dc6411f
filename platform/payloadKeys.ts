/**
 * The keys that encrypt Temporal payloads (platform/payloadCodec.ts): GZ_PAYLOAD_KEYS when set,
 * else the key file in the data directory, generated on first start (mode 0600 in a 0700 folder,
 * as the API's JWT secret is), so encryption is on without any setting and the worker, the API and
 * the CLI of one host share the keys. Several hosts share GZ_PAYLOAD_KEYS (or the file) instead.
 *
 * The file holds one `id:base64key` per line; the first line encrypts, every line decrypts.
 * Rotation (docs/deployment.md): put a new line first, keep the old ones while histories need them.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parsePayloadKeys } from './payloadCodec';

export function payloadKeyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'temporal-payload-keys');
}

/** A fresh entry: an id that says when it was made (rotation keeps several) and 32 random bytes. */
export function newPayloadKeyEntry(now = new Date()): string {
  return `k${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}:${randomBytes(32).toString('base64')}`;
}

function readKeyFile(file: string): string | undefined {
  try {
    const entries = readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    return entries.length > 0 ? entries.join(',') : undefined;
  } catch {
    return undefined;
  }
}

/** The key list as GZ_PAYLOAD_KEYS spells it (`id:base64,...`), validated. */
export function resolvePayloadKeys(opts: { keys?: string; dataDir: string }): string {
  if (opts.keys) return opts.keys;
  const file = payloadKeyFile(opts.dataDir);
  let keys = readKeyFile(file);
  if (!keys) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // 'wx': a worker and an API starting together must not write two different keys.
      writeFileSync(file, `# Temporal payload keys: the first line encrypts, every line decrypts (docs/deployment.md)\n${newPayloadKeyEntry()}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
      chmodSync(file, 0o600);
    } catch {
      /* the other process wrote it first */
    }
    keys = readKeyFile(file);
    if (!keys) throw new Error(`the payload key file ${file} is empty or unreadable`);
  }
  parsePayloadKeys(keys);
  return keys;
}
