/**
 * Password hashing with Node's scrypt. The stored form carries its parameters and salt
 * ('scrypt$N$r$p$salt$hash', base64), so the cost can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../platform/config';

// N = 2^GZ_PASSWORD_COST, 2^15 by default with r=8: 32 MiB and well under a second per hash, so a burst of
// log-ins cannot exhaust memory; raise it with the hardware (stored hashes keep their own parameters). The
// test suite sets 10 (test/support/globalSetup.ts): its hundreds of seeded users and log-ins then cost
// milliseconds each, through the same code.
// Read at each hash (a zod parse, nothing beside scrypt): start-up has already refused a bad value.
const newHashCost = (): number => 2 ** loadConfig({ GZ_PASSWORD_COST: process.env.GZ_PASSWORD_COST }).GZ_PASSWORD_COST;
const R = 8;
const P = 1;
const KEY_LEN = 32;
export const MIN_PASSWORD = 12;
const COMMON_PASSWORDS_FILE = path.join(__dirname, 'commonPasswords.txt');

function scrypt(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export class WeakPasswordError extends Error {}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

export const PASSWORD_TOO_SHORT = `密码至少需要 ${MIN_PASSWORD} 个字符（最短长度规则）`;
export const PASSWORD_TOO_COMMON = '密码在常用密码清单中，容易被猜中，请换一个（常用密码规则，清单见 api/auth/commonPasswords.txt）';

/** The rule a password breaks, in Chinese, or undefined when it is strong enough. */
export function passwordWeakness(password: string): string | undefined {
  if ([...password].length < MIN_PASSWORD) return PASSWORD_TOO_SHORT;
  if (commonPasswords().has(password.trim().toLowerCase())) return PASSWORD_TOO_COMMON;
  return undefined;
}

export function checkPasswordStrength(password: string): void {
  const weakness = passwordWeakness(password);
  if (weakness) throw new WeakPasswordError(weakness);
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordStrength(password);
  const salt = randomBytes(16);
  const N = newHashCost();
  const key = await scrypt(password, salt, KEY_LEN, { N, r: R, p: P, maxmem: 2 * 128 * N * R });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time comparison; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || expected.length === 0) return false;
  const key = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem: 256 * 1024 * 1024 });
  return timingSafeEqual(key, expected);
}

/** A hash to compare against when the user does not exist, so timing does not reveal user names. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
