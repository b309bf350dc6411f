import { randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { migrate } from '../../db/migrate';
import { createPool } from '../../platform/db';

export interface TestDatabase {
  url: string;
  pool: Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (its global setup starts PostgreSQL)');
  return url;
}

const urlOf = (name: string): string => {
  const u = new URL(serverUrl());
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * Migrates a database once for the whole run (the global setup calls this; its name goes to the test
 * files in TEST_TEMPLATE_DATABASE): copying it is a tenth of the time of migrating afresh in each of
 * the hundred-odd files that want a database. Its pool is closed before it is used: PostgreSQL copies
 * a template only while no one is connected to it.
 */
export async function createTemplateDatabase(): Promise<string> {
  const name = `gz_template_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pool = createPool(urlOf(name));
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  return name;
}

export async function dropTemplateDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/**
 * A fresh, migrated database of its own for one test file, so test files never see each other's rows:
 * a copy of the run's migrated template when there is one, else created and migrated here.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.TEST_TEMPLATE_DATABASE;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  const name = `gz_test_${randomBytes(6).toString('hex')}`;
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = urlOf(name);
  const pool = createPool(url);
  if (!template) await migrate(pool);
  return {
    url,
    pool,
    async drop() {
      await pool.end();
      const c = new Client({ connectionString: serverUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
