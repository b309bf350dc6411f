/** A small HTTP client for the API tests. */
import { USERS, type UserName } from './seed';

export interface Res {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

export async function call(
  url: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: Buffer | string; contentType?: string } = {},
): Promise<Res> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: RequestInit['body'];
  if (opts.raw !== undefined) {
    body = opts.raw as RequestInit['body'];
    headers['content-type'] = opts.contentType ?? 'text/csv';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const ac = new AbortController();
  const res = await fetch(url + path, { method, headers, body, signal: ac.signal });
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    ac.abort();
    return { status: res.status, headers: res.headers, body: null, text: '' };
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const r = await call(url, 'POST', '/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  return r.body.accessToken as string;
}

/** A token for each of the seeded users (apiSupport/seed.ts USERS), by user name. */
export async function logInEveryone(url: string): Promise<Record<UserName, string>> {
  const tokens = {} as Record<UserName, string>;
  for (const u of Object.keys(USERS) as UserName[]) tokens[u] = await login(url, u, USERS[u].password);
  return tokens;
}
