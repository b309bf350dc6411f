/**
 * What a failed browser test looked like: after a test fails (test/support/failureAwareEnvironment.ts
 * names it), every page open in the file's browser is saved to test-artifacts/failures/ as a full-page
 * screenshot and its text (its start also printed). Failures that come only under the full suite's load are then read from
 * the artifacts instead of guessed at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';

const FAILURES = path.resolve(__dirname, '..', '..', '..', 'test-artifacts', 'failures');
let watched: BrowserContext | undefined;

/** The browser whose pages a failure saves (one per test file: the console stack's). */
export function watchBrowser(browser: BrowserContext): void {
  watched = browser;
}

const slug = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);

afterEach(async () => {
  const g = globalThis as { __gzFailedTest?: string };
  const failed = g.__gzFailedTest;
  if (!failed || !watched) return;
  g.__gzFailedTest = undefined;
  mkdirSync(FAILURES, { recursive: true });
  const base = `${slug(path.basename(expect.getState().testPath ?? 'test', '.test.ts'))}-${slug(failed)}`;
  for (const [i, page] of watched.pages().entries()) {
    const file = path.join(FAILURES, `${base}-${i}`);
    await page.screenshot({ path: `${file}.png`, fullPage: true, timeout: 10_000 }).catch(() => undefined);
    const text = await page.evaluate(() => `${location.href}\n\n${document.body.innerText}`).catch((err: unknown) => `(no text: ${(err as Error).message})`);
    writeFileSync(`${file}.txt`, text);
    // Printed as well: a CI run's output is often all there is to read (synthetic data only).
    if (!text.startsWith('about:blank')) process.stderr.write(`\n[failure capture] ${failed}, page ${i}: ${text.slice(0, 1500)}\n`);
  }
}, 60_000);
