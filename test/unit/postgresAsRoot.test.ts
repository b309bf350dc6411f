/**
 * The placement rules of platform/postgresAsRoot.ts on small trees of their own: the server binaries'
 * copy (made readable by all, reused while intact, replaced when damaged) and the one-line refusals.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgresSetupError, installServerBinaries, placeDataDir, prepareSharedDir, privateAncestor } from '../../platform/postgresAsRoot';

let work: string;

beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'gz-pg-placement-'));
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A server tree as npm might leave it under a private umask: owner-only modes, a library symlink. */
function privateServerTree(): string {
  const source = path.join(work, 'native');
  for (const d of ['bin', 'lib', 'share']) mkdirSync(path.join(source, d), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(source, 'bin', 'postgres'), 'server', { mode: 0o700 });
  writeFileSync(path.join(source, 'lib', 'libpq.so.5.18'), 'library', { mode: 0o600 });
  symlinkSync('libpq.so.5.18', path.join(source, 'lib', 'libpq.so.5'));
  writeFileSync(path.join(source, 'share', 'postgres.bki'), 'catalog', { mode: 0o600 });
  chmodSync(source, 0o700);
  return source;
}

describe('the server binaries copied for the user postgres', () => {
  it('copies them under a versioned name with modes every user may read and run', () => {
    const shared = path.join(work, 'shared');
    mkdirSync(shared);
    const copy = installServerBinaries(privateServerTree(), '18.4.0-test', shared);
    expect(path.basename(copy)).toBe(`postgresql-18.4.0-test-${process.platform}-${process.arch}`);
    expect(statSync(copy).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(copy, 'bin')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(copy, 'bin', 'postgres')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(copy, 'lib', 'libpq.so.5.18')).mode & 0o777).toBe(0o644);
    expect(statSync(path.join(copy, 'lib', 'libpq.so.5')).size).toBe('library'.length);
  });

  it('reuses an intact copy and replaces a damaged one', () => {
    const shared = path.join(work, 'shared');
    mkdirSync(shared);
    const source = privateServerTree();
    const copy = installServerBinaries(source, '18.4.0-test', shared);
    const marker = path.join(copy, 'untouched-marker');
    writeFileSync(marker, '');
    expect(installServerBinaries(source, '18.4.0-test', shared)).toBe(copy);
    expect(existsSync(marker)).toBe(true);

    unlinkSync(path.join(copy, 'share', 'postgres.bki'));
    expect(installServerBinaries(source, '18.4.0-test', shared)).toBe(copy);
    expect(existsSync(path.join(copy, 'share', 'postgres.bki'))).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });

  it('removes the half-made copy of a start that died mid-copy', () => {
    const shared = path.join(work, 'shared');
    mkdirSync(shared);
    const abandoned = path.join(shared, `postgresql-18.4.0-test-${process.platform}-${process.arch}.partial-999999999-dead`);
    mkdirSync(abandoned);
    installServerBinaries(privateServerTree(), '18.4.0-test', shared);
    expect(existsSync(abandoned)).toBe(false);
  });
});

describe('what the user postgres may reach', () => {
  it('names the topmost directory on the way that other users may not enter', () => {
    const home = path.join(work, 'home');
    mkdirSync(path.join(home, 'project', 'data'), { recursive: true });
    chmodSync(work, 0o755);
    chmodSync(home, 0o700);
    expect(privateAncestor(path.join(home, 'project', 'data'))).toBe(home);
    chmodSync(home, 0o711);
    expect(privateAncestor(path.join(home, 'project', 'data'))).toBeUndefined();
  });

  it('refuses, in one line naming the remedy, to replace an existing cluster it cannot reach with an empty one', () => {
    const home = path.join(work, 'home');
    const dataDir = path.join(home, 'gz', 'data', 'postgres');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '18\n');
    chmodSync(work, 0o755);
    chmodSync(home, 0o700);
    const place = () => placeDataDir(dataDir, path.join(work, 'shared'), { uid: 0, gid: 0 }, () => undefined);
    expect(place).toThrow(EmbeddedPostgresSetupError);
    expect(place).toThrow(`chmod o+x ${home}`);
    expect(place).toThrow(/^[^\n]+$/);
  });

  it('gives up in one line naming a remedy when no shared directory can be prepared', () => {
    const notADirectory = path.join(work, 'file');
    writeFileSync(notADirectory, '');
    const prepare = () => prepareSharedDir([path.join(notADirectory, 'guazheng')]);
    expect(prepare).toThrow(EmbeddedPostgresSetupError);
    expect(prepare).toThrow(/run as a non-root user, or use a PostgreSQL server of your own \(DATABASE_URL; TEST_DATABASE_URL for npm test\)$/);
  });
});
