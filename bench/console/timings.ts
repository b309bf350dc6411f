/// <reference lib="dom" />
/**
 * bench:console's clocks. Each interaction is timed inside the page (performance.now()): from the
 * click (or the navigation's start) to the moment the result is in the DOM and painted (the next
 * animation frame), so Playwright's own round trips are not counted. Each bare API call is timed
 * in this process, from the request to the last byte of the answer, with the same token.
 */
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';

/** What "done" means for an interaction, checked in the page after every DOM change. */
export type Done =
  /** The worklist's rows are there, none is loading, and (optionally) the first row is not `notFirst`. */
  | { kind: 'rows'; notFirst?: string }
  /** An element matching the selector exists. */
  | { kind: 'element'; selector: string };

export const ROW = '.ant-table-tbody tr.ant-table-row';

/**
 * Runs in the page (as source text: the bench runs under tsx, whose transform would add helpers
 * the page lacks): optionally clicks `click`, then resolves with the ms from `t0` (the click, or
 * the page's time origin for a navigation) to the first paint after `done` holds.
 */
const IN_PAGE = `async ({ click, done, fromOrigin, timeoutMs }) => {
  const holds = () => {
    // Cheap checks only: this runs after every DOM change of the interaction (no layout, no innerText).
    if (document.querySelector('.ant-empty-description')?.textContent === 'PLACEHOLDER') throw new Error('the page is a placeholder');
    if (done.kind === 'element') return document.querySelector(done.selector) !== null;
    const first = document.querySelector('.ant-table-tbody tr.ant-table-row');
    if (!first || document.querySelector('.ant-table .ant-spin-spinning')) return false;
    return done.notFirst === undefined || first.getAttribute('data-row-key') !== done.notFirst;
  };
  let t0 = 0;
  if (click) {
    const el = document.querySelector(click);
    if (!el) throw new Error('nothing to click: ' + click);
    t0 = performance.now();
    el.click();
  } else if (!fromOrigin) {
    t0 = performance.now();
  }
  return await new Promise((resolve, reject) => {
    let obs;
    const finish = () => requestAnimationFrame(() => resolve({ ms: performance.now() - t0, t0, end: performance.now() }));
    const check = () => {
      try {
        if (!holds()) return false;
      } catch (err) {
        clearTimeout(timer);
        if (obs) obs.disconnect();
        reject(err);
        return true;
      }
      clearTimeout(timer);
      if (obs) obs.disconnect();
      finish();
      return true;
    };
    const timer = setTimeout(() => {
      if (obs) obs.disconnect();
      reject(new Error('not done after ' + timeoutMs + ' ms: ' + JSON.stringify(done)));
    }, timeoutMs);
    if (check()) return;
    obs = new MutationObserver(() => void check());
    obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
  });
}`;

/** An interaction's time, and when (page clock) it started and ended. */
export interface Timed {
  ms: number;
  t0: number;
  end: number;
}

function inPage(page: Page, args: { click?: string; done: Done; fromOrigin?: boolean; timeoutMs: number }): Promise<Timed> {
  return page.evaluate<Timed>(`(${IN_PAGE})(${JSON.stringify(args)})`);
}

/** Clicks the element in the page and times until `done`. */
export function clickAndTime(page: Page, selector: string, done: Done, timeoutMs = 30_000): Promise<Timed> {
  return inPage(page, { click: selector, done, timeoutMs });
}

/** Where an interaction's time went: until its API request left, the request, and after its answer. */
export interface Breakdown {
  beforeRequest: number;
  request: number;
  afterAnswer: number;
}

/** The interaction's last API request matching `pathPattern` (resource timing), against its start and end. */
export async function breakdownOf(page: Page, timed: Timed, pathPattern: string): Promise<Breakdown | undefined> {
  const entry = await page.evaluate<{ startTime: number; responseEnd: number } | null>(
    `(() => { const re = new RegExp(${JSON.stringify(pathPattern)}); const es = performance.getEntriesByType('resource').filter((e) => re.test(new URL(e.name).pathname) && e.startTime >= ${timed.t0}); const e = es[es.length - 1]; return e ? { startTime: e.startTime, responseEnd: e.responseEnd } : null; })()`,
  );
  if (!entry) return undefined;
  return { beforeRequest: entry.startTime - timed.t0, request: entry.responseEnd - entry.startTime, afterAnswer: timed.end - entry.responseEnd };
}

/** Times a navigation in a fresh context (empty cache) from its start to `done`: a cold first load. */
export async function coldLoad(
  browser: Browser,
  url: string,
  sessionStorageItems: Record<string, string>,
  done: Done,
  onRequest: (url: string) => void,
): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    await context.addInitScript(`for (const [k, v] of Object.entries(${JSON.stringify(sessionStorageItems)})) sessionStorage.setItem(k, v);`);
    const page = await context.newPage();
    page.on('request', (r) => onRequest(r.url()));
    await page.goto(url, { waitUntil: 'commit' });
    // From the navigation's start (the page's time origin) to the rows painted.
    return (await inPage(page, { done, fromOrigin: true, timeoutMs: 60_000 })).ms;
  } finally {
    await context.close();
  }
}

/** One bare API call's time: request to the answer's last byte. */
export async function timeFetch(url: string, init: RequestInit, expectStatus = 200): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== expectStatus) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status}`);
  return ms;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
