/**
 * The console's one way to the API: bearer token, automatic refresh, problem+json errors turned
 * into ApiError with the Chinese title, and zod parsing of every answer the pages rely on.
 */
import type { z } from 'zod';
import { clearSession, loadSession, saveSession, Tokens, type Session } from '../session';

export interface ProblemDetails {
  code: string;
  title: string;
  title_zh?: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.title_zh ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

/** The console is served by the API itself, so paths are same-origin. */
export const API_BASE = '';

let onSignedOut: () => void = () => undefined;
export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

let refreshing: Promise<Session | undefined> | undefined;

async function refresh(session: Session): Promise<Session | undefined> {
  refreshing ??= (async () => {
    try {
      const res = await fetch(`${API_BASE}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      if (!res.ok) return undefined;
      return saveSession(Tokens.parse(await res.json()));
    } catch {
      return undefined;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** A valid access token, refreshed when it is about to expire; undefined when signed out. */
export async function accessToken(): Promise<string | undefined> {
  let session = loadSession();
  if (!session) return undefined;
  if (session.expiresAt - Date.now() < 30_000) session = await refresh(session);
  return session?.accessToken;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Partial<ProblemDetails> = {};
  try {
    body = (await res.json()) as Partial<ProblemDetails>;
  } catch {
    /* not JSON */
  }
  return new ApiError({
    code: body.code ?? `http_${res.status}`,
    title: body.title ?? res.statusText,
    title_zh: body.title_zh,
    status: res.status,
    detail: body.detail,
    errors: body.errors,
  });
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Raw body (a file upload): sent as is. */
  raw?: BodyInit;
  headers?: Record<string, string>;
  idempotencyKey?: string;
}

export async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
  const send = async (token: string | undefined): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    let body: BodyInit | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    return fetch(`${API_BASE}${path}`, { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body });
  };
  let res = await send(await accessToken());
  if (res.status === 401) {
    // The token may have expired between our check and the server's: refresh once, then give up.
    const session = loadSession();
    const renewed = session ? await refresh(session) : undefined;
    if (renewed) res = await send(renewed.accessToken);
    if (res.status === 401) {
      clearSession();
      onSignedOut();
    }
  }
  if (!res.ok) throw await toError(res);
  return res;
}

export async function getJson<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T>> {
  const res = await request(path);
  return schema.parse(await res.json());
}

export async function sendJson<T extends z.ZodType>(path: string, schema: T, opts: RequestOptions): Promise<z.infer<T>> {
  const res = await request(path, { method: 'POST', ...opts });
  if (res.status === 204) return schema.parse(undefined);
  return schema.parse(await res.json());
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
