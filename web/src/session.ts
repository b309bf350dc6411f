/**
 * The signed-in user's tokens. Kept in sessionStorage: a reload keeps the log-in, closing the tab
 * ends it, and another tab on a shared office computer does not inherit it.
 */
import { z } from 'zod';
import type { JsonAnswer } from './api/types';

/** What POST /auth/login and /auth/refresh answer. */
export type Tokens = JsonAnswer<'/auth/login', 'post'>;
export type Role = Tokens['user']['role'];

export interface Session extends Tokens {
  /** When the access token expires (ms since epoch), refreshed a little before. */
  expiresAt: number;
}

/** sessionStorage can hold anything (an older console's session, an edit): checked before use. */
const StoredSession: z.ZodType<Session> = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number(),
  refreshToken: z.string(),
  user: z.object({
    userId: z.string(),
    role: z.enum(['province_coordinator', 'city_officer', 'supervisor', 'auditor', 'city_hr_officer', 'city_fund_officer', 'province_hr_coordinator']),
    cityCode: z.string().nullable(),
    // A session stored before the responsible flag existed reads as not responsible.
    responsible: z.boolean().default(false),
  }),
  expiresAt: z.number(),
});

const KEY = 'gz.session';

export function loadSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const parsed = StoredSession.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(tokens: Tokens): Session {
  const session = { ...tokens, expiresAt: Date.now() + tokens.expiresIn * 1000 };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
