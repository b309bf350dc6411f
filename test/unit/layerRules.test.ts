/**
 * The layer rules (.dependency-cruiser.cjs) catch each kind of leak docs/architecture.md forbids, and
 * let the imports it allows through: dependency-cruiser runs with the project's own configuration over
 * a small tree laid out like the project, each file importing across one boundary.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../support/tempDirs';

const ROOT = path.resolve(__dirname, '..', '..');

const TREE: Record<string, string> = {
  'domain/rules.ts': "import { z } from 'zod';\nexport const Rule = z.string();\n",
  'domain/readsFiles.ts': "import { readFileSync } from 'node:fs';\nexport const read = () => readFileSync('x');\n",
  'activities/work.ts': "import { Rule } from '../domain/rules';\nexport async function work(): Promise<string> { return Rule.parse('x'); }\n",
  'activities/callsWorkflow.ts': "import { flow } from '../workflows/flow';\nexport const again = flow;\n",
  'workflows/flow.ts':
    "import { proxyActivities } from '@temporalio/workflow';\nimport type * as activities from '../activities/work';\nimport { Rule } from '../domain/rules';\n" +
    "const { work } = proxyActivities<typeof activities>({ startToCloseTimeout: '1 minute' });\nexport async function flow(): Promise<string> { return Rule.parse(await work()); }\n",
  'workflows/runsActivity.ts': "import { work } from '../activities/work';\nexport const direct = work;\n",
  'api/route.ts': "import { work } from '../activities/work';\nexport const handler = work;\n",
  'api/typesOnly.ts': "import type { work } from '../activities/work';\nexport type Work = typeof work;\n",
  'web/src/page.ts': "import { handler } from '../../api/route';\nexport const page = handler;\n",
  'web/src/vocabulary.ts': "import { Rule } from '../../domain/rules';\nexport const rule = Rule;\n",
  'platform/pool.ts': "import { again } from '../activities/callsWorkflow';\nexport const pool = again;\n",
  'services/first.ts': "import { second } from './second';\nexport const first = () => second();\n",
  'services/second.ts': "import { first } from './first';\nexport const second = (): unknown => first;\n",
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(): Violation[] {
  const dir = makeTempDir('gz-layers-');
  for (const [file, text] of Object.entries(TREE)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true } }));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'layers', dependencies: { zod: '*', '@temporalio/workflow': '*' } }));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const r = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'depcruise'),
    [
      '--config',
      path.join(ROOT, '.dependency-cruiser.cjs'),
      '--no-cache',
      '--output-type',
      'json',
      'domain',
      'activities',
      'workflows',
      'api',
      'web',
      'platform',
      'services',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  if (!r.stdout) throw new Error(`dependency-cruiser wrote nothing: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('layer rules', () => {
  let found: string[];
  beforeAll(() => {
    found = cruise().map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  });

  it('flag each forbidden import under its rule, and nothing else', () => {
    expect([...found].sort()).toEqual(
      [
        'domain-is-pure: domain/readsFiles.ts → fs',
        'activities-never-import-workflows: activities/callsWorkflow.ts → workflows/flow.ts',
        'workflows-import-activity-types-only: workflows/runsActivity.ts → activities/work.ts',
        'api-never-imports-activity-implementations: api/route.ts → activities/work.ts',
        'web-talks-http-only: web/src/page.ts → api/route.ts',
        'platform-is-infrastructure: platform/pool.ts → activities/callsWorkflow.ts',
        'no-circular: services/first.ts → services/second.ts',
      ].sort(),
    );
  });

  it('let the allowed imports through: zod in domain, activity types and the SDK in workflows, types in the API, domain in the console', () => {
    const allowed = ['domain/rules.ts', 'workflows/flow.ts', 'api/typesOnly.ts', 'web/src/vocabulary.ts', 'activities/work.ts'];
    expect(found.filter((line) => allowed.some((file) => line.includes(`: ${file} →`)))).toEqual([]);
  });
});
