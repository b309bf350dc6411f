/**
 * PostgreSQL's refusals of the data itself are permanent (non-retryable DataRefused, naming the
 * SQLSTATE, never the text); anything else (a lost connection, a serialization failure) is left to
 * the activity's retry policy.
 */
import { ApplicationFailure } from '@temporalio/common';
import { permanentSqlState, refusedPermanently } from '../../activities/databaseRefusal';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('a database refusal', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('of a NUL (22P05 in JSON, 22021 in text) is a non-retryable DataRefused failure that does not quote the text', async () => {
    for (const [sql, value] of [
      ['SELECT $1::jsonb', JSON.stringify({ receivingAuthority: '公安\u0000机关' })],
      ['SELECT $1::text', '公安\u0000机关'],
    ]) {
      const err = await refusedPermanently('the decision on case c-1', () => db.pool.query(sql, [value])).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ApplicationFailure);
      const failure = err as ApplicationFailure;
      expect(failure).toMatchObject({ type: 'DataRefused', nonRetryable: true });
      expect(failure.message).toMatch(/^the decision on case c-1: the database refused the data \(SQLSTATE 22(P05|021)\)$/);
    }
  });

  it('of a constraint (class 23) is permanent too; a serialization failure or a lost connection is not', async () => {
    await db.pool.query('CREATE TABLE refusal_probe (id int PRIMARY KEY)');
    await db.pool.query('INSERT INTO refusal_probe VALUES (1)');
    const dup = await db.pool.query('INSERT INTO refusal_probe VALUES (1)').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(permanentSqlState(dup)).toBe('23505');
    expect(permanentSqlState({ code: '40001' })).toBeUndefined();
    expect(permanentSqlState({ code: 'ECONNREFUSED' })).toBeUndefined();
    const lost = Object.assign(new Error('connection lost'), { code: 'ECONNRESET' });
    await expect(refusedPermanently('x', () => Promise.reject(lost))).rejects.toBe(lost);
  });
});
