/**
 * Jest's node environment, telling the test file which test just failed (`__gzFailedTest` on the
 * file's global), so a file's afterEach can keep what a failure looked like: the browser tests save
 * each open page's screenshot and text (test/browser/support/consolePages.ts) — a failure seen only
 * under the full suite's load is then readable from its artifacts.
 */
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';

export default class FailureAwareEnvironment extends TestEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'test_fn_failure') (this.global as { __gzFailedTest?: string }).__gzFailedTest = event.test.name;
  }
}
