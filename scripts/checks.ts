import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The static checks `npm test` runs before jest, and `npm run lint` runs alone: the type check, eslint,
 * the layer rules (dependency-cruiser), knip (unused files, exports, dependencies) and prettier.
 * They run side by side with their output held back, then each reports in a fixed order: one line with
 * its time when it passes; its output and one line saying what to do when it fails.
 * Caches live in test-artifacts/ (node_modules may be shared between worktrees).
 */
const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'test-artifacts');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

export interface Check {
  name: string;
  command: string;
  args: string[];
  /** One line naming the problem and the way out. */
  failure: string;
}

/** The folders the TypeScript project covers (tsconfig.json `include`), so a new top-level folder is checked once it is type-checked. */
function sourceFolders(): string[] {
  const tsconfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
  return [...tsconfig.include, 'bin'].filter((dir) => existsSync(path.join(ROOT, dir)));
}

export const TYPECHECKS: Check[] = [
  {
    name: 'tsc',
    command: bin('tsc'),
    // Incremental: a second run re-checks only what changed (the build info lives with the other caches).
    args: ['--noEmit', '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', path.join(CACHE, 'tsconfig.tsbuildinfo')],
    failure: 'type errors (tsc): fix them before the tests run',
  },
  {
    // The console is a browser project of its own (JSX, the DOM, bundler resolution): web/tsconfig.json.
    name: 'tsc (console)',
    command: bin('tsc'),
    args: ['--noEmit', '-p', 'web/tsconfig.json', '--incremental', '--tsBuildInfoFile', path.join(CACHE, 'tsconfig.web.tsbuildinfo')],
    failure: 'type errors in the console (tsc -p web/tsconfig.json): fix them before the tests run',
  },
];

/**
 * The four linters. eslint's cache is keyed by each file's own text, but its type-aware rules also read the
 * files a file imports: a cached file can miss a finding (a callee turned async leaves an unawaited call
 * behind in an unchanged caller). So `npm test` lints everything afresh, and only `npm run lint`, the quick
 * loop while editing, uses the cache.
 */
export function lintChecks(opts: { eslintCache: boolean }): Check[] {
  const cache = opts.eslintCache ? ['--cache', '--cache-strategy', 'content', '--cache-location', path.join(CACHE, '.eslintcache')] : [];
  return [
    {
      name: 'eslint',
      command: bin('eslint'),
      args: [...cache, '--max-warnings', '0', '.'],
      failure: 'lint errors (eslint): fix them; `npx eslint --fix <file>` fixes some by itself',
    },
    {
      name: 'dependency-cruiser',
      command: bin('depcruise'),
      args: ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', ...sourceFolders()],
      failure: "layer rules broken (dependency-cruiser): see the layer table in docs/architecture.md and the rule's comment in .dependency-cruiser.cjs",
    },
    {
      name: 'knip',
      command: bin('knip'),
      args: ['--no-progress', '--cache', '--cache-location', path.join(CACHE, '.knip-cache')],
      failure: 'unused files, exports or dependencies (knip): delete them, or add a real entry point to knip.json',
    },
    {
      name: 'prettier',
      command: bin('prettier'),
      args: ['--check', '.', '--log-level', 'warn', '--cache', '--cache-location', path.join(CACHE, '.prettiercache')],
      failure: 'files not formatted (prettier): run `npm run format`',
    },
  ];
}

interface Outcome {
  check: Check;
  code: number;
  output: string;
  seconds: number;
}

function runCheck(check: Check, background: boolean): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    // Beside jest the checks take only the CPU jest leaves idle (its files wait on real clocks a quarter of the time):
    // at the lowest priority they no longer slow the tests' busy stretches, and finish within the run.
    if (background && child.pid !== undefined) {
      try {
        setPriority(child.pid, 19);
      } catch {
        // Priority is a nicety: a system that refuses it runs the check as it is.
      }
    }
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const done = (code: number, extra = '') => resolve({ check, code, output: output + extra, seconds: (Date.now() - started) / 1000 });
    child.on('error', (err) => done(1, `${check.command}: ${err.message}\n`));
    child.on('close', (code) => done(code ?? 1));
  });
}

/** Runs the checks side by side and reports each in order; true when all passed. `background`: at the lowest CPU priority (beside jest). */
export async function runChecks(checks: Check[], opts: { background?: boolean } = {}): Promise<boolean> {
  console.log(`checking (${checks.map((c) => c.name).join(', ')}) ...`);
  mkdirSync(CACHE, { recursive: true });
  const outcomes = await Promise.all(checks.map((c) => runCheck(c, opts.background === true)));
  let passed = true;
  for (const o of outcomes) {
    if (o.code === 0) {
      console.log(`  ${o.check.name}: passed (${o.seconds.toFixed(1)} s)`);
      continue;
    }
    passed = false;
    process.stderr.write(o.output.endsWith('\n') || o.output === '' ? o.output : `${o.output}\n`);
    console.error(`  ${o.check.name}: FAILED (${o.seconds.toFixed(1)} s): ${o.check.failure}`);
  }
  return passed;
}

if (require.main === module) {
  runChecks(lintChecks({ eslintCache: true })).then(
    (passed) => process.exit(passed ? 0 : 1),
    (err: unknown) => {
      console.error(`lint: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
