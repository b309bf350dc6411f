/**
 * The console's one way to the API: a client typed by the generated OpenAPI paths (schema.d.ts,
 * npm run api:types) through openapi-fetch, with the bearer token, automatic refresh, and
 * problem+json errors turned into ApiError with the Chinese title.
 */
import createClient from 'openapi-fetch';
import { clearSession, loadSession, saveSession, type Session } from '../session';
import type { paths } from './schema';
import type { JsonAnswer } from './types';

export type { JsonAnswer, JsonBody } from './types';

/** Every route's refusals share one schema (the API's ProblemBody); the log-in's 401 names it. */
type ProblemBody = JsonAnswer<'/auth/login', 'post', 401>;
/** A problem as the console shows it: ProblemBody, or what could be made of a body that was not one. */
type ProblemDetails = Pick<ProblemBody, 'code' | 'title' | 'status'> & Partial<Pick<ProblemBody, 'title_zh' | 'detail' | 'errors'>>;

export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.title_zh ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

let onSignedOut: () => void = () => undefined;
export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

/** Sign-in and refresh go without a token; everything else through `api`. */
export const publicApi = createClient<paths>({ baseUrl: location.origin });

let refreshing: Promise<Session | undefined> | undefined;

async function refresh(session: Session): Promise<Session | undefined> {
  refreshing ??= (async () => {
    try {
      const { data } = await publicApi.POST('/auth/refresh', { body: { refreshToken: session.refreshToken } });
      return data ? saveSession(data) : undefined;
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

/** fetch with the bearer token; after a 401 the token is refreshed once and the request sent again. */
async function authorizedFetch(request: Request): Promise<Response> {
  const again = request.clone();
  const send = (req: Request, token: string | undefined): Promise<Response> => {
    if (token) req.headers.set('authorization', `Bearer ${token}`);
    return fetch(req);
  };
  let res = await send(request, await accessToken());
  if (res.status === 401) {
    // The token may have expired between our check and the server's: refresh once, then give up.
    const session = loadSession();
    const renewed = session ? await refresh(session) : undefined;
    if (renewed) res = await send(again, renewed.accessToken);
    if (res.status === 401) {
      clearSession();
      onSignedOut();
    }
  }
  return res;
}

/** The API, typed by its OpenAPI document. Same origin: the console is served by the API itself. */
export const api = createClient<paths>({ baseUrl: location.origin, fetch: authorizedFetch });

/** A refusal as ApiError, from its status and its problem+json body (whatever of it arrived). */
export function apiErrorOf(status: number, statusText: string, body: unknown): ApiError {
  const p = typeof body === 'object' && body !== null ? (body as Partial<Record<keyof ProblemDetails, unknown>>) : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return new ApiError({
    code: text(p.code) ?? `http_${status}`,
    title: text(p.title) ?? statusText,
    title_zh: text(p.title_zh),
    status,
    detail: text(p.detail),
    errors: Array.isArray(p.errors)
      ? p.errors.filter((e): e is { path: string; message: string } => typeof e?.path === 'string' && typeof e?.message === 'string')
      : undefined,
  });
}

type Outcome<T, E> = { data: T; error?: never; response: Response } | { data?: never; error: E; response: Response };

/** The answer the API gave (every answer the console reads has a body), or its problem thrown as ApiError. */
export function answerOf<T, E>(outcome: Outcome<T, E>): NonNullable<T> {
  if (outcome.error !== undefined || !outcome.response.ok || outcome.data == null) {
    throw apiErrorOf(outcome.response.status, outcome.response.statusText, outcome.error);
  }
  return outcome.data;
}

/** The answer of a call, or its problem thrown as ApiError. */
export async function answer<T, E>(call: Promise<Outcome<T, E>>): Promise<NonNullable<T>> {
  return answerOf(await call);
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
