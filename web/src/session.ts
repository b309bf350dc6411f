/**
 * The signed-in user's tokens. Kept in sessionStorage: a reload keeps the log-in, closing the tab
 * ends it, and another tab on a shared office computer does not inherit it.
 */
import { z } from 'zod';

export const Role = z.enum(['province_coordinator', 'city_officer', 'supervisor', 'auditor']);
export type Role = z.infer<typeof Role>;

export const Tokens = z.object({
  accessToken: z.string(),
  expiresIn: z.number(),
  refreshToken: z.string(),
  user: z.object({ userId: z.string(), role: Role, cityCode: z.string().nullable() }),
});
export type Tokens = z.infer<typeof Tokens>;

export interface Session extends Tokens {
  /** When the access token expires (ms since epoch), refreshed a little before. */
  expiresAt: number;
}

const KEY = 'gz.session';

export function loadSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const parsed = Tokens.extend({ expiresAt: z.number() }).safeParse(JSON.parse(raw));
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
