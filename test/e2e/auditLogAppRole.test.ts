/**
 * The API and the worker connect as a role that owns nothing: as it, the audit log can be appended
 * to and read, but not changed, emptied, altered or stripped of its append-only trigger; the owner
 * role that runs the migrations owns every table.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../../db/migrate';
import { ensureEmbeddedRoles, grantAppRole } from '../../platform/databaseRoles';
import { createPool } from '../../platform/db';

const suffix = randomBytes(4).toString('hex');
const roles = { owner: `gz_owner_${suffix}`, app: `gz_app_${suffix}` };
const database = `gz_roles_${suffix}`;
let app: Client;

function superuserUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest');
  return url;
}

beforeAll(async () => {
  const urls = await ensureEmbeddedRoles(superuserUrl(), database, { owner: randomBytes(12).toString('hex'), app: randomBytes(12).toString('hex') }, roles);
  const owner = createPool(urls.ownerUrl);
  await migrate(owner);
  await grantAppRole(owner, roles.app);
  await owner.end();
  app = new Client({ connectionString: urls.appUrl });
  await app.connect();
});

afterAll(async () => {
  await app?.end();
  const admin = new Client({ connectionString: superuserUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`DROP ROLE IF EXISTS ${roles.app}`);
  await admin.query(`DROP ROLE IF EXISTS ${roles.owner}`);
  await admin.end();
});

describe('the app role', () => {
  it('appends to and reads the audit log', async () => {
    await app.query(`INSERT INTO audit_log (request_id, action, result, status) VALUES ('r-1', 'test.append', 'ok', 200)`);
    const { rows } = await app.query(`SELECT action FROM audit_log WHERE request_id = 'r-1'`);
    expect(rows).toEqual([{ action: 'test.append' }]);
  });

  it.each([
    ['ALTER TABLE audit_log DISABLE TRIGGER ALL', /must be owner/],
    ['ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only', /must be owner/],
    ['DROP TRIGGER audit_log_append_only ON audit_log', /must be owner/],
    ["UPDATE audit_log SET result = 'changed'", /permission denied/],
    ['DELETE FROM audit_log', /permission denied/],
    ['TRUNCATE audit_log', /permission denied/],
    ['DROP TABLE audit_log', /must be owner/],
    ["SET session_replication_role = 'replica'", /permission denied/],
    ['CREATE TABLE sneaky (x int)', /permission denied/],
    ['DELETE FROM publication', /permission denied/],
    ['TRUNCATE publication', /permission denied/],
    ['UPDATE publication_period_setting SET months = 1', /permission denied/],
    ['DELETE FROM publication_period_setting', /permission denied/],
    // Published bases are only ever added: a new version is a new row.
    ['UPDATE legal_basis_version SET version = version + 1', /permission denied/],
    ['DELETE FROM legal_basis_version', /permission denied/],
    ['TRUNCATE legal_basis_version', /permission denied/],
    ["UPDATE intermediary_basis_version SET label = 'changed'", /permission denied/],
    ['DELETE FROM intermediary_basis_version', /permission denied/],
    ['TRUNCATE intermediary_basis_version', /permission denied/],
  ])('is refused %s', async (sql, error) => {
    await expect(app.query(sql)).rejects.toThrow(error);
  });

  it('publishes a new version of an intermediary basis as a new row, and reads it', async () => {
    await app.query(
      `INSERT INTO intermediary_basis_version (violation, version, label, citations, measures, effective_from, reason, published_by)
       SELECT violation, version + 1, label, citations, measures, effective_from, '测试：新版本', 'test' FROM intermediary_basis_version
       WHERE violation = 'HR_SERVICE_IMPROPER' AND version = 1`,
    );
    const { rows } = await app.query(`SELECT version FROM intermediary_basis_version WHERE violation = 'HR_SERVICE_IMPROPER' ORDER BY version`);
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('may create a schema of its own for working tables (the screening run), which gives it nothing on audit_log', async () => {
    await app.query('CREATE SCHEMA scr_run_test');
    await app.query('CREATE UNLOGGED TABLE scr_run_test.scr_person AS SELECT id FROM audit_log');
    await app.query('DROP SCHEMA scr_run_test CASCADE');
    await expect(app.query('ALTER TABLE public.audit_log DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
  });

  it('writes rows of the other tables, and every table belongs to the owner role', async () => {
    await app.query(`INSERT INTO login_throttle (username, failures, last_failure_at) VALUES ('someone', 1, now())`);
    await app.query(`DELETE FROM login_throttle WHERE username = 'someone'`);
    const { rows } = await app.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
    expect(rows).toEqual([{ tableowner: roles.owner }]);
  });
});

describe('an install from before the two roles (tables owned by the superuser)', () => {
  const old = `gz_roles_old_${suffix}`;
  afterAll(async () => {
    const admin = new Client({ connectionString: superuserUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${old} WITH (FORCE)`);
    await admin.end();
  });

  it('is handed to the owner role at start-up, and its app role is as restricted as a new one', async () => {
    const admin = new Client({ connectionString: superuserUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${old}`);
    await admin.end();
    const u = new URL(superuserUrl());
    u.pathname = `/${old}`;
    const asSuperuser = createPool(u.toString());
    await migrate(asSuperuser);
    await asSuperuser.query(`INSERT INTO audit_log (request_id, action, result, status) VALUES ('before', 'test.old', 'ok', 200)`);
    await asSuperuser.end();

    const urls = await ensureEmbeddedRoles(superuserUrl(), old, { owner: randomBytes(12).toString('hex'), app: randomBytes(12).toString('hex') }, roles);
    const owner = createPool(urls.ownerUrl);
    expect((await migrate(owner)).applied).toEqual([]);
    await grantAppRole(owner, roles.app);
    const owners = await owner.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
    await owner.end();
    expect(owners.rows).toEqual([{ tableowner: roles.owner }]);

    const oldApp = new Client({ connectionString: urls.appUrl });
    await oldApp.connect();
    try {
      expect((await oldApp.query(`SELECT request_id FROM audit_log`)).rows).toEqual([{ request_id: 'before' }]);
      await expect(oldApp.query('ALTER TABLE audit_log DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
      await expect(oldApp.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    } finally {
      await oldApp.end();
    }
  });
});
