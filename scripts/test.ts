import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureConsoleBuilt } from '../web/build';
import { lintChecks, runChecks, TYPECHECKS } from './checks';
import { installTemporalTools } from './tools';

/**
 * `npm test`: installs the pinned Temporal tools if missing, runs the static checks (scripts/checks.ts:
 * tsc, since swc only strips types; eslint; the layer rules; knip; prettier) beside jest, stopping jest
 * when a check fails, and closes with one plain "N passed, N failed" line. Arguments after `--` go to jest (e.g. `npm test -- test/unit`);
 * the static checks then run only with GZ_CHECKS=1.
 */
const ROOT = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

/** Jest in a child process; its exit code, or 1 when it was stopped. */
function startJest(args: string[]): { done: Promise<number>; stop(): void } {
  const child = spawn(bin('jest'), args, { cwd: ROOT, stdio: 'inherit' });
  const done = new Promise<number>((resolve) => {
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
  return { done, stop: () => void child.kill('SIGTERM') };
}

async function main(): Promise<number> {
  try {
    installTemporalTools();
  } catch (err) {
    console.error(`guazheng: ${(err as Error).message}`);
    return 1;
  }
  const jestArgs = process.argv.slice(2);
  // The static checks run beside the console's build and jest, at the lowest CPU priority (each is mostly one
  // process on one core, and jest's files spend much of their time waiting on real clocks): a failed check stops jest.
  const checks =
    jestArgs.length === 0 || process.env.GZ_CHECKS === '1'
      ? runChecks([...TYPECHECKS, ...lintChecks({ eslintCache: false })], { background: true })
      : undefined;
  // Built once here, before jest: the API processes the tests start then find it ready.
  try {
    ensureConsoleBuilt((line) => console.log(`[console] ${line}`));
  } catch (err) {
    console.error(`guazheng: ${(err as Error).message}`);
    await checks;
    return 1;
  }
  const outDir = path.join(ROOT, 'test-artifacts');
  mkdirSync(outDir, { recursive: true });
  const resultFile = path.join(outDir, 'jest-results.json');
  rmSync(resultFile, { force: true });
  const jest = startJest(['--json', `--outputFile=${resultFile}`, ...jestArgs]);
  if (checks && !(await checks)) {
    jest.stop();
    await jest.done;
    console.error('static checks failed: fix them, then run the tests again (jest was stopped)');
    return 1;
  }
  const code = await jest.done;
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
