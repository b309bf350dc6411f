import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureConsoleBuilt } from '../web/build';
import { lintChecks, runChecks, TYPECHECKS } from './checks';
import { installTemporalTools } from './tools';

/**
 * `npm test`: installs the pinned Temporal tools if missing, runs the static checks (scripts/checks.ts:
 * tsc, since swc only strips types; eslint; the layer rules; knip; prettier), runs jest, and closes with
 * one plain "N passed, N failed" line. Arguments after `--` go to jest (e.g. `npm test -- test/unit`);
 * the static checks then run only with GZ_CHECKS=1.
 */
const ROOT = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  return r.status ?? 1;
}

async function main(): Promise<number> {
  try {
    installTemporalTools();
  } catch (err) {
    console.error(`guazheng: ${(err as Error).message}`);
    return 1;
  }
  const jestArgs = process.argv.slice(2);
  if (jestArgs.length === 0 || process.env.GZ_CHECKS === '1') {
    if (!(await runChecks([...TYPECHECKS, ...lintChecks({ eslintCache: false })]))) {
      console.error('static checks failed: fix them before the tests run');
      return 1;
    }
  }
  // Built once here, before jest: the API processes the tests start then find it ready.
  try {
    ensureConsoleBuilt((line) => console.log(`[console] ${line}`));
  } catch (err) {
    console.error(`guazheng: ${(err as Error).message}`);
    return 1;
  }
  const outDir = path.join(ROOT, 'test-artifacts');
  mkdirSync(outDir, { recursive: true });
  const resultFile = path.join(outDir, 'jest-results.json');
  const code = run(bin('jest'), ['--json', `--outputFile=${resultFile}`, ...jestArgs]);
  if (existsSync(resultFile)) {
    const r = JSON.parse(readFileSync(resultFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numRuntimeErrorTestSuites: number;
    };
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    console.log(`${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests} skipped`);
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`guazheng: ${(err as Error).message}`);
    process.exit(1);
  },
);
