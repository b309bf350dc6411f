/**
 * Two database roles, so that the API and the worker cannot alter what they write: the owner role
 * owns the schema and runs migrations; the app role may read and write rows, and on the audit log
 * only INSERT and SELECT. Not owning a table, the app role can neither ALTER it nor disable its
 * triggers (the append-only trigger of audit_log), nor DROP or TRUNCATE it.
 *
 * The embedded default creates both roles (ensureEmbeddedRoles); with an external server the
 * operator creates them and sets MIGRATION_DATABASE_URL (owner) and DATABASE_URL (app), and every
 * start grants the app role its rights (grantAppRole), docs/deployment.md.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, type ClientBase } from 'pg';

export const OWNER_ROLE = 'guazheng_owner';
export const APP_ROLE = 'guazheng_app';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`数据库角色或库名 "${name}" 不合规：只允许小写字母、数字和下划线`);
  return `"${name}"`;
}

export interface RolePasswords {
  owner: string;
  app: string;
}

/**
 * The embedded roles' passwords: generated on first start, kept in <data dir>/postgres-roles.json
 * (0600, in the 0700 data directory), as the JWT secret is.
 */
export function embeddedRolePasswords(dataDir: string): RolePasswords {
  const file = path.join(dataDir, 'postgres-roles.json');
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<RolePasswords>;
    if (typeof kept.owner === 'string' && typeof kept.app === 'string') return { owner: kept.owner, app: kept.app };
  } catch {
    /* not there yet */
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const fresh = { owner: randomBytes(24).toString('base64url'), app: randomBytes(24).toString('base64url') };
  writeFileSync(file, JSON.stringify(fresh) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return fresh;
}

function withUser(serverUrl: string, database: string, user: string, password: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  u.username = user;
  u.password = password;
  return u.toString();
}

/**
 * As the embedded server's superuser: the two roles (passwords set to `passwords` every time, so a
 * lost file only means new passwords), the database owned by the owner role, and every object an
 * earlier version created as the superuser handed to the owner role. Returns the two URLs.
 */
export async function ensureEmbeddedRoles(
  superuserUrl: string,
  database: string,
  passwords: RolePasswords,
  roles: { owner: string; app: string } = { owner: OWNER_ROLE, app: APP_ROLE },
): Promise<{ ownerUrl: string; appUrl: string }> {
  const admin = new Client({ connectionString: superuserUrl });
  await admin.connect();
  try {
    for (const [role, password] of [
      [roles.owner, passwords.owner],
      [roles.app, passwords.app],
    ] as const) {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
      // Neither role may create roles or databases, nor bypass row rules; only a superuser could lift that.
      await admin.query(`${verb} ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${admin.escapeLiteral(password)}`);
    }
    const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (db.rowCount === 0) await admin.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(roles.owner)}`);
    else await admin.query(`ALTER DATABASE ${ident(database)} OWNER TO ${ident(roles.owner)}`);
  } finally {
    await admin.end();
  }
  const inDb = new Client({
    connectionString: withUser(superuserUrl, database, new URL(superuserUrl).username, decodeURIComponent(new URL(superuserUrl).password)),
  });
  await inDb.connect();
  try {
    await inDb.query(`ALTER SCHEMA public OWNER TO ${ident(roles.owner)}`);
    await inDb.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    // Tables, sequences, views and functions that a superuser created (an install from before the roles).
    await inDb.query(`DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relowner <> '${roles.owner}'::regrole LOOP
          EXECUTE format('ALTER TABLE %I OWNER TO ${ident(roles.owner)}', r.relname);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'public' AND p.proowner <> '${roles.owner}'::regrole LOOP
          EXECUTE format('ALTER FUNCTION %s OWNER TO ${ident(roles.owner)}', r.fn);
        END LOOP;
      END $$`);
  } finally {
    await inDb.end();
  }
  return {
    ownerUrl: withUser(superuserUrl, database, roles.owner, passwords.owner),
    appUrl: withUser(superuserUrl, database, roles.app, passwords.app),
  };
}

/** The user name in a PostgreSQL URL. */
export function databaseUser(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Run by the owner role after migrating: the app role reads and writes rows of every table, and
 * only appends to and reads the audit log (and the issue-19 registers: legal bases, document numbers,
 * templates, generated documents, publication periods; publications it may withdraw, never delete); the migration ledger is read-only to it. It may create
 * schemas of its own (the screening run's working tables live in one, activities/screening), which
 * gives it no right on the tables of `public`.
 */
export async function grantAppRole(db: ClientBase | { query: ClientBase['query'] }, appRole: string): Promise<void> {
  const app = ident(appRole);
  await db.query(`DO $$ BEGIN EXECUTE format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO ${app}', current_database()); END $$`);
  await db.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
  await db.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
  await db.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${app}`);
  await db.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migration FROM ${app}`);
  // Published legal bases, taken document numbers, template versions and generated documents are only ever added (issue 19).
  await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON legal_basis_version, document_number, document_template, generated_document FROM ${app}`);
  // A publication is withdrawn (updated), never deleted; a publication period is changed by a new row (issue 19, docs/publication.md).
  await db.query(`REVOKE DELETE, TRUNCATE ON publication FROM ${app}`);
  await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON publication_period_setting FROM ${app}`);
  // Assignment history (issue 20): every assignment is kept; the current row (case_assignment) is what changes.
  await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON case_assignment_event FROM ${app}`);
  // The intermediaries' bases are published like the legal bases: a new version is a new row (issue 21, docs/intermediaries.md).
  await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON intermediary_basis_version FROM ${app}`);
}
