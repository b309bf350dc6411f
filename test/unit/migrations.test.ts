import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrate } from '../../db/migrate';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('database migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('apply every migration once and are a no-op the second time', async () => {
    const again = await migrate(db.pool);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThan(0);
    const { rows } = await db.pool.query("SELECT to_regclass('public.import_batch') AS t");
    expect(rows[0].t).toBe('import_batch');
  });

  it('offer the cases opened before the ready mark as ready (010), since their running workflows never mark them', async () => {
    await db.pool.query(`INSERT INTO case_file (case_id, case_no, campaign_id, city_code, seq, id_number, origin, opened_at)
      VALUES ('m-2201-000001', '2201-000001', 'm', '2201', 1, '220102198001010016', 'complaint', '2024-11-02T01:00:00Z')`);
    await db.pool.query(readFileSync(path.join(__dirname, '../../db/migrations/010_case_ready_backfill.sql'), 'utf8'));
    const { rows } = await db.pool.query(`SELECT ready_at FROM case_file WHERE case_id = 'm-2201-000001'`);
    expect(rows[0].ready_at.toISOString()).toBe('2024-11-02T01:00:00.000Z');
  });
});
