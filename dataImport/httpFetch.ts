/**
 * One GET of a provider page with a timeout, retried with exponential backoff
 * on network errors, timeouts, 408, 429 and 5xx (a Retry-After header wins
 * over the backoff); any other 4xx is the caller's mistake and fails at once. A redirect is not
 * followed: the host allow-list (GZ_PROVIDER_HOSTS) was checked for the URL configured, not for
 * wherever a provider might send the request (and its token).
 */
import { setTimeout as delay } from 'node:timers/promises';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    message: string,
    readonly status?: number,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export interface RetryPolicy {
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff; doubles on each retry. */
  retryBaseMs: number;
  /** A Retry-After longer than this is cut to it: an activity should not sleep for an hour. */
  maxWaitMs: number;
}

export interface FetchedPage {
  body: string;
  json: unknown;
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const s = header.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export async function fetchPage(
  url: string,
  where: string,
  headers: Record<string, string>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<unknown> = delay,
): Promise<FetchedPage> {
  let lastProblem: string;
  for (let attempt = 0; ; attempt++) {
    let waitMs = Math.min(policy.retryBaseMs * 2 ** attempt, policy.maxWaitMs);
    // Jitter spreads the retries of many pulls hitting one recovering provider.
    waitMs = Math.round(waitMs * (0.75 + Math.random() * 0.5));
    try {
      const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(policy.timeoutMs) });
      if (res.ok) {
        const body = await res.text();
        try {
          return { body, json: JSON.parse(body) };
        } catch {
          // A body cut short by a dropped connection reads as bad JSON: worth another try.
          throw new ProviderError(`${where}: 响应不是有效的JSON (response is not valid JSON)`, res.status, true);
        }
      }
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 300 && res.status < 400) {
        throw new ProviderError(`${where}: HTTP ${res.status}，数据接口不得重定向，未跟随 (redirects are not followed)`, res.status, false);
      }
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      // The message carries the status only: a provider's error body may quote personal data.
      const err = new ProviderError(`${where}: HTTP ${res.status}`, res.status, retryable);
      if (!retryable) throw err;
      const after = retryAfterMs(res.headers.get('retry-after'));
      if (after !== undefined) waitMs = Math.min(after, policy.maxWaitMs);
      throw err;
    } catch (err) {
      if (err instanceof ProviderError && !err.retryable) throw err;
      lastProblem = err instanceof ProviderError ? err.message : describeNetworkError(err);
    }
    if (attempt >= policy.retries) {
      throw new ProviderError(`${where}: ${policy.retries + 1}次尝试均失败 (failed after ${policy.retries + 1} attempts): ${lastProblem}`, undefined, true);
    }
    await sleep(waitMs);
  }
}

function describeNetworkError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return '请求超时 (request timed out)';
  return `网络错误 (network error${e?.cause?.code ? ` ${e.cause.code}` : ''})`;
}
