/**
 * Jest's own order (a file that failed last time first, then the longest first), with one change for a
 * clean clone: jest's cache of durations is empty there, and it falls back to ordering by file size,
 * which starts short but slow files (the rehearsal, the demo campaign) last and leaves one worker idle
 * while they finish. The durations of a full run recorded in fileDurations.json stand in for the cache
 * (`node --require tsx/cjs scripts/recordTestDurations.ts` after `npm test` writes them again).
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = path.resolve(__dirname, '..', '..');
const RECORDED = require('./fileDurations.json');

class DurationSequencer extends Sequencer {
  sort(tests) {
    for (const test of tests) {
      const recorded = RECORDED[path.relative(ROOT, test.path).split(path.sep).join('/')];
      const cached = this.time(test);
      test.duration = cached ?? (recorded === undefined ? undefined : recorded * 1000);
    }
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    return tests.sort((a, b) => {
      const failedA = this.hasFailed(a);
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1;
      // A file with no duration known (a new one) first: it may be long.
      if ((a.duration == null) !== (b.duration == null)) return a.duration == null ? -1 : 1;
      if (a.duration != null && b.duration != null) return b.duration - a.duration;
      return size(b) - size(a);
    });
  }
}

module.exports = DurationSequencer;
