import { migrate } from '../../db/migrate';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('database migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(); });
  afterAll(async () => { await db.drop(); });

  it('apply every migration once and are a no-op the second time', async () => {
    const again = await migrate(db.pool);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThan(0);
    const { rows } = await db.pool.query("SELECT to_regclass('public.import_batch') AS t");
    expect(rows[0].t).toBe('import_batch');
  });
});
