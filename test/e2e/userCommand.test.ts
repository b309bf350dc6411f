/**
 * `guazheng user` as a child process on the test's own database (DATABASE_URL): the words on the
 * command line go through the user schema, so a wrong role or a city officer without a city is refused
 * with exit code 2 and a line naming the field, before anything is stored.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database';

const ROOT = path.resolve(__dirname, '..', '..');
const PASSWORD = 'lantern-orchard-42';

describe('guazheng user', () => {
  let db: TestDatabase;
  const user = (args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'guazheng.js'), 'user', ...args, '--password-stdin'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url },
      input: `${PASSWORD}\n`,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const stored = async (username: string) =>
    (await db.pool.query<{ role: string; city_code: string | null }>('SELECT role, city_code FROM app_user WHERE username = $1', [username])).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('refuses a role outside the role list, naming the field, and stores nothing', async () => {
    const r = user(['add', '--username', 'wang.wei', '--role', 'mayor']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^guazheng: user: role: /);
    expect(await stored('wang.wei')).toEqual([]);
  });

  it('refuses a city officer without a city', async () => {
    const r = user(['add', '--username', 'li.na', '--role', 'city_officer']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cityCode: a city role (city_officer, city_hr_officer, city_fund_officer) needs --city');
    expect(await stored('li.na')).toEqual([]);
  });

  it('adds a city officer with the city, then refuses the same name again', async () => {
    const added = user(['add', '--username', 'Zhang.Min', '--role', 'city_officer', '--city', '2201']);
    expect(added).toMatchObject({ code: 0, stdout: 'added zhang.min (city_officer, city 2201)\n' });
    expect(await stored('zhang.min')).toEqual([{ role: 'city_officer', city_code: '2201' }]);

    const again = user(['add', '--username', 'zhang.min', '--role', 'auditor']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('user zhang.min exists already');
  });

  it("adds an authority's responsible person (负责人), and refuses the permission to a role that never approves", async () => {
    const added = user(['add', '--username', 'li.juzhang', '--role', 'city_officer', '--city', '2201', '--responsible']);
    expect(added).toMatchObject({ code: 0, stdout: 'added li.juzhang (city_officer, city 2201, responsible)\n' });
    expect((await db.pool.query('SELECT responsible FROM app_user WHERE username = $1', ['li.juzhang'])).rows).toEqual([{ responsible: true }]);
    const refused = user(['add', '--username', 'zhao.dudao', '--role', 'supervisor', '--responsible']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^guazheng: user: responsible: /);
    expect(await stored('zhao.dudao')).toEqual([]);
  });
});
