/**
 * Writes each test file's duration in the last `npm test` (test-artifacts/jest-results.json) into
 * test/support/fileDurations.json, which orders a clean clone's run longest first
 * (test/support/durationSequencer.js). Run it after a full run when files were added or grew slower.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const results = JSON.parse(readFileSync(path.join(ROOT, 'test-artifacts', 'jest-results.json'), 'utf8')) as {
  testResults: { name: string; startTime: number; endTime: number }[];
};
const durations = Object.fromEntries(
  results.testResults
    .map((r) => [path.relative(ROOT, r.name).split(path.sep).join('/'), Math.round((r.endTime - r.startTime) / 100) / 10] as const)
    .sort(([a], [b]) => a.localeCompare(b)),
);
writeFileSync(path.join(ROOT, 'test', 'support', 'fileDurations.json'), `${JSON.stringify(durations, null, 2)}\n`);
console.log(`${Object.keys(durations).length} files' durations written to test/support/fileDurations.json`);
