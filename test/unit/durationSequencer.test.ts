/**
 * The suite's order on a clean clone (test/support/durationSequencer.js): jest has no durations cached
 * there, so the recorded ones order the files longest first; a file that failed last time, and a new
 * file with no recorded duration, still go first; a duration jest has cached wins over the record.
 */
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const DurationSequencer = require('../support/durationSequencer.js') as new (options: object) => {
  sort(tests: FakeTest[]): FakeTest[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const recorded = require('../support/fileDurations.json') as Record<string, number>;

interface FakeTest {
  path: string;
  duration?: number;
  context: { config: { cache: boolean; cacheDirectory: string; id: string }; hasteFS: { getSize(p: string): number } };
}

const ROOT = path.resolve(__dirname, '..', '..');
const context = { config: { cache: false, cacheDirectory: '/nonexistent', id: 'x' }, hasteFS: { getSize: () => 1 } };
const testOf = (relative: string): FakeTest => ({ path: path.join(ROOT, relative), context });
const order = (tests: FakeTest[]) => new DurationSequencer({}).sort(tests).map((t) => path.relative(ROOT, t.path));

it('orders the files with recorded durations longest first, whatever their size', () => {
  const files = Object.keys(recorded);
  const longest = [...files].sort((a, b) => recorded[b] - recorded[a]).slice(0, 3);
  const shortest = [...files].sort((a, b) => recorded[a] - recorded[b]).slice(0, 2);
  expect(order([...shortest, ...longest].map(testOf)).slice(0, 3)).toEqual(longest);
});

it('puts a new file, whose duration nobody knows, before the recorded ones', () => {
  const slowest = Object.keys(recorded).sort((a, b) => recorded[b] - recorded[a])[0];
  expect(order([testOf(slowest), testOf('test/unit/aFileAddedToday.test.ts')])[0]).toBe('test/unit/aFileAddedToday.test.ts');
});

it('records every test file of the suite', () => {
  expect(Object.keys(recorded).length).toBeGreaterThan(150);
  for (const file of Object.keys(recorded)) expect(file).toMatch(/^test\/.+\.test\.ts$/);
});
