/**
 * `guazheng screen` end to end as a child process (DATA-CONTRACT "The screen command"): the
 * database is the test's own (DATABASE_URL), so the command starts no server of its own.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { fund, idNumber, reg, si, uscc, WINDOW, writeCsv } from '../activities/screening/fixtures';
import { makeTempDir } from '../support/tempDirs';

const ROOT = path.resolve(__dirname, '..', '..');
const HOME = '吉林宏达建设有限公司';
const OTHER = '长春鑫源工程咨询有限公司';
const COLUMNS =
  'id_number,name,city_code,cert_categories,cert_numbers,reg_unit_names,reg_unit_codes,reasons,risk_score,' +
  'ss_unit_name,ss_unit_code,ss_region_code,ss_latest_period,fund_unit_name,fund_unit_code,fund_latest_period';

const A = idNumber(21);
const B = idNumber(22);
const C = idNumber(23);
const D = idNumber(20);
const BAD_ID = idNumber(24).slice(0, 17) + (idNumber(24)[17] === '1' ? '2' : '1');

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'guazheng.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('guazheng screen', () => {
  let db: TestDatabase;
  let dir: string;
  let files: Record<string, string>;
  const run = (args: string[]) => cli(['screen', ...args], { DATABASE_URL: db.url });
  const inputs = () => ['--registrations', files.reg, '--social-insurance', files.si, '--housing-fund', files.fund];

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = makeTempDir('gz-cli-');
    files = {
      reg: writeCsv(
        dir,
        'registrations.csv',
        ['id_number', 'name', 'cert_category', 'cert_number', 'unit_name', 'unit_code', 'city_code', 'registered_on', 'status'],
        [
          reg(A, HOME, { cert_number: 'A1' }),
          reg(D, HOME, { cert_number: 'D1' }),
          reg(B, HOME, { cert_number: 'B1', registered_on: '2019-01-01' }),
          reg(B, OTHER, { cert_number: 'B2', cert_category: 'COST_1', unit_code: uscc(2), registered_on: '2021-01-01' }),
          // A mistyped unit code: a warning, the row is kept.
          reg(C, HOME, { cert_number: 'C1', unit_code: uscc(1).slice(0, 17) + (uscc(1)[17] === '0' ? '1' : '0') }),
          reg(BAD_ID, HOME, { cert_number: 'E1' }),
        ],
      ),
      si: writeCsv(
        dir,
        'social_insurance.csv',
        ['id_number', 'name', 'unit_name', 'unit_code', 'region_code', 'period', 'insured_status'],
        [...si(A, OTHER, WINDOW), ...si(D, OTHER, WINDOW), ...si(B, HOME, WINDOW), ...si(B, HOME, ['2024-13'])],
      ),
      fund: writeCsv(dir, 'housing_fund.csv', ['id_number', 'unit_name', 'unit_code', 'period'], [...fund(A, OTHER, WINDOW), ...fund(D, OTHER, WINDOW)]),
      noColumn: writeCsv(dir, 'no_period.csv', ['id_number', 'unit_name', 'unit_code'], [{ id_number: A, unit_name: HOME }]),
    };
  });
  afterAll(async () => {
    await db.drop();
  });

  it('writes flags.csv and the rejects report, prints one summary line and exits 0 despite rejected rows', () => {
    const out = path.join(dir, 'flags.csv');
    const rejects = path.join(dir, 'rejects.csv');
    const r = run([...inputs(), '--out', out, '--rejects', rejects]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        '^screened 4 persons, flagged 4, rejected 2 rows, \\d+\\.\\d s; registrations.csv: CSV UTF-8, 6 rows, 1 rejected, 1 warned; ' +
          'social_insurance.csv: CSV UTF-8, 10 rows, 1 rejected, 0 warned; housing_fund.csv: CSV UTF-8, 6 rows, 0 rejected, 0 warned\n$',
      ),
    );

    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(COLUMNS);
    // Sorted by risk_score descending, then id_number; multi-valued cells joined with ';'.
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([D, A, B, C]);
    expect(lines[2].split(',')).toEqual([
      A,
      '张三',
      '2201',
      'CONSTRUCTOR_1',
      'A1',
      HOME,
      '',
      'FUND_UNIT_MISMATCH;SS_UNIT_MISMATCH',
      '65',
      OTHER,
      '',
      '220102',
      '2024-10',
      OTHER,
      '',
      '2024-10',
    ]);
    expect(lines[3].split(',').slice(3, 9)).toEqual(['CONSTRUCTOR_1;COST_1', 'B1;B2', `${HOME};${OTHER}`, `;${uscc(2)}`, 'MULTI_UNIT', '35']);
    expect(lines[4].split(',').slice(7, 9)).toEqual(['SS_MISSING', '20']);

    const report = readFileSync(rejects, 'utf8').trimEnd().split('\n');
    expect(report[0]).toBe('file,line,column,value,reason,severity');
    const rows = report.slice(1).map((l) => l.split(','));
    expect(rows.filter((x) => x.at(-1) === 'rejected').map((x) => [x[0], x[1], x[2]])).toEqual([
      ['registrations.csv', '7', 'id_number'],
      ['social_insurance.csv', '11', 'period'],
    ]);
    expect(rows.filter((x) => x.at(-1) === 'warning').map((x) => [x[0], x[1], x[2]])).toEqual([['registrations.csv', '6', 'unit_code']]);
  });

  it('exits 2 with one line naming a missing file', () => {
    const r = run([
      '--registrations',
      path.join(dir, 'nope.csv'),
      '--social-insurance',
      files.si,
      '--housing-fund',
      files.fund,
      '--out',
      path.join(dir, 'x.csv'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('nope.csv');
  });

  it('exits 2 with one line naming the file and the missing column, without personal data', () => {
    const r = run(['--registrations', files.reg, '--social-insurance', files.si, '--housing-fund', files.noColumn, '--out', path.join(dir, 'y.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no_period.csv');
    expect(r.stderr).toContain('period');
    expect(r.stderr).not.toContain(A);
  });

  it('exits 2 on bad arguments: a missing --out, a bad --window, an unknown option', () => {
    for (const args of [inputs(), [...inputs(), '--out', 'f.csv', '--window', 'three'], [...inputs(), '--out', 'f.csv', '--bogus']]) {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('generate writes the same files for the same seed', () => {
    const [a, b] = [makeTempDir('gz-gen-a-'), makeTempDir('gz-gen-b-')];
    for (const out of [a, b]) {
      const r = cli(['generate', '--persons', '120', '--seed', '9', '--out', out, '--as-of', '2024-12', '--months', '6'], {});
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^generated 120 persons, \d+ rows in /);
    }
    const hash = (d: string) =>
      readdirSync(d)
        .sort()
        .map((f) =>
          createHash('sha256')
            .update(readFileSync(path.join(d, f)))
            .digest('hex'),
        );
    expect(hash(b)).toEqual(hash(a));
    expect(readdirSync(a)).toHaveLength(8);
  });
});
