import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { installTemporalTools } from './tools';

/**
 * `npm test`: installs the pinned Temporal tools if missing, type-checks the whole project
 * (swc only strips types), runs jest, and closes with one plain "N passed, N failed" line.
 * Arguments after `--` go to jest (e.g. `npm test -- test/unit`).
 */
const ROOT = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  return r.status ?? 1;
}

function main(): number {
  try {
    installTemporalTools();
  } catch (err) {
    console.error(`guazheng: ${(err as Error).message}`);
    return 1;
  }
  const jestArgs = process.argv.slice(2);
  if (jestArgs.length === 0 || process.env.GZ_TYPECHECK === '1') {
    console.log('type-checking (tsc --noEmit) ...');
    if (run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) !== 0) {
      console.error('type errors: fix them before the tests run');
      return 1;
    }
  }
  const outDir = path.join(ROOT, 'test-artifacts');
  mkdirSync(outDir, { recursive: true });
  const resultFile = path.join(outDir, 'jest-results.json');
  const code = run(bin('jest'), ['--json', `--outputFile=${resultFile}`, ...jestArgs]);
  if (existsSync(resultFile)) {
    const r = JSON.parse(readFileSync(resultFile, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numRuntimeErrorTestSuites: number };
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    console.log(`${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests} skipped`);
  }
  return code;
}

process.exit(main());
