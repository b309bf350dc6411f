/**
 * Issue 21 item 3: self-check declarations are accepted only in the self-check phase and never
 * dated after the campaign's day of receipt; the refusal names the field in Chinese. The refusal
 * comes before the city workflow is told, so no Temporal server is needed.
 */
import type { Client } from '@temporalio/client';
import { recordCampaignStart } from '../../../activities/campaigns/recordCampaignStart';
import { CampaignConfig, toWallTime } from '../../../domain/campaignConfig';
import { DomainError } from '../../../domain/errors';
import { recordSelfCheckDeclaration } from '../../../services/intakeCommands';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const PERSON = '110101199003074477';
const noClient = { workflow: { getHandle: () => ({ executeUpdate: () => Promise.reject(new Error('told the city')) }) } } as unknown as Client;

describe('the self-check declaration window', () => {
  let db: TestDatabase;
  const config = CampaignConfig.parse({
    id: 'decl-window',
    name: '申报期限',
    cities: ['2201'],
    dataSources: { snapshotId: 1 },
    clock: { kind: 'compressed', start: '2030-01-01T00:00:00.000Z', minutesPerDay: 1440 },
  });
  const at = (calendarIso: string) => new Date(toWallTime(config, Date.parse(calendarIso)));
  const declare = (requestId: string, correctedOn: string, now: Date) =>
    recordSelfCheckDeclaration(
      noClient,
      db.pool,
      { requestId, campaignId: config.id, cityCode: '2201', idNumber: PERSON, correction: 'moved_contributions', correctedOn, declaredBy: 'officer' },
      now,
    );
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await recordCampaignStart(db.pool, { config, snapshotId: null, launchedBy: 'test', workflowId: 'campaign/decl-window', at: new Date().toISOString() });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('refuses a declaration after the self-check deadline, naming the field in Chinese', async () => {
    const err = await refusal(declare('late', '2024-10-30', at('2024-11-01T10:00:00+08:00')));
    expect(err.code).toBe('DeclarationRefused');
    expect(err.issues).toEqual([{ path: 'correctedOn', message: expect.stringContaining('自查自纠阶段已于2024-10-31结束') }]);
  });

  it('refuses a correction dated in the future', async () => {
    const err = await refusal(declare('future', '2024-09-20', at('2024-09-10T10:00:00+08:00')));
    expect(err.code).toBe('DeclarationRefused');
    expect(err.issues[0].message).toContain('「自纠日期」2024-09-20晚于今天（2024-09-10）');
  });

  it('accepts one in the phase and dated today: the row is kept and the city is told', async () => {
    await expect(declare('in-time', '2024-09-10', at('2024-09-10T10:00:00+08:00'))).rejects.toThrow('told the city');
    const rows = await db.pool.query('SELECT request_id FROM self_check_declaration WHERE campaign_id = $1', [config.id]);
    expect(rows.rows).toEqual([{ request_id: 'in-time' }]);
  });
});
