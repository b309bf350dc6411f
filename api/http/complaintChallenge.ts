/**
 * The public complaint form's proof-of-work challenge (altcha-lib, ALTCHA v2; the console shows the
 * `altcha` widget, which fetches a challenge, solves it in the browser and hands the form its payload).
 * A challenge is signed with the API's secret (GZ_JWT_SECRET, else one drawn at start-up: challenges
 * then die with the process) and expires after 10 minutes. One solved challenge registers one
 * complaint: its signature is the registration's idempotency key (services/complaintCases.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Challenge, Payload } from 'altcha-lib' with { 'resolution-mode': 'import' };

// altcha-lib's types are its ESM build's; at run time its CommonJS build (the package's "require" export).
type AltchaLib = typeof import('altcha-lib', { with: { 'resolution-mode': 'import' } });
type AltchaSha = typeof import('altcha-lib/algorithms/sha', { with: { 'resolution-mode': 'import' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createChallenge, randomInt, verifySolution } = require('altcha-lib') as AltchaLib;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deriveKey } = require('altcha-lib/algorithms/sha') as AltchaSha;

const ALGORITHM = 'SHA-256';
const EXPIRES_AFTER_MS = 10 * 60 * 1000;
/** The solver tries counters from 0 up to one drawn in this range: a fraction of a second in a browser. */
const COUNTER_RANGE: [number, number] = [5_000, 40_000];

export interface ComplaintChallenges {
  create(): Promise<Challenge>;
  /** The challenge's signature when the payload solves a challenge of ours in time; undefined otherwise. */
  verify(payload: string): Promise<string | undefined>;
}

export function complaintChallenges(secret: string | undefined): ComplaintChallenges {
  const hmac = secret ?? randomBytes(32).toString('hex');
  const keySecret = `${hmac}:complaint-key`;
  return {
    create: () =>
      createChallenge({
        algorithm: ALGORITHM,
        cost: 1,
        counter: randomInt(COUNTER_RANGE[1], COUNTER_RANGE[0]),
        deriveKey,
        expiresAt: new Date(Date.now() + EXPIRES_AFTER_MS),
        hmacSignatureSecret: hmac,
        hmacKeySignatureSecret: keySecret,
      }),
    async verify(raw) {
      const payload = decodePayload(raw);
      if (!payload?.challenge?.parameters || !payload.solution || typeof payload.challenge.signature !== 'string') return undefined;
      try {
        const r = await verifySolution({
          challenge: payload.challenge,
          solution: payload.solution,
          deriveKey,
          hmacSignatureSecret: hmac,
          hmacKeySignatureSecret: keySecret,
        });
        return r.verified ? payload.challenge.signature : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** The widget's payload: base64 of the JSON {challenge, solution} (or the JSON itself). */
function decodePayload(raw: string): Payload | undefined {
  for (const text of [raw, Buffer.from(raw, 'base64').toString('utf8')]) {
    try {
      const v = JSON.parse(text) as Payload;
      if (v && typeof v === 'object') return v;
    } catch {
      // not this form
    }
  }
  return undefined;
}
