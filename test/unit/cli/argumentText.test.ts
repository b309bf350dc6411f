/** The `guazheng` command refuses an argument holding a control, bidi or zero-width character before running anything. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const guazheng = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'guazheng.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
  });

describe('guazheng arguments', () => {
  it.each([
    ['an escape character', 'officer\u001B2201', /U\+001B/],
    ['a bidi override', 'officer\u202E2201', /U\+202E/],
    ['a zero-width space', 'officer\u200B2201', /U\+200B/],
  ])('refuses %s in an option with exit code 2, naming the option and not echoing the value', (_what, username, codePoint) => {
    const r = guazheng('user', 'add', '--username', username, '--role', 'auditor', '--password', 'a-long-password-1');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--username .*控制字符/);
    expect(r.stderr).toMatch(codePoint);
    expect(r.stderr).not.toContain(username);
  });
});
