import { produceProgressNotice } from '../../../activities/campaigns/produceProgressNotice';
import { recordCampaignStart } from '../../../activities/campaigns/recordCampaignStart';
import { acceptDeregistrationRequest, alertOverdueDeregistrations, processDeregistration } from '../../../activities/campaigns/selfCheckIntake';
import { recordSubmission } from '../../../activities/submissions/recordSubmission';
import { CampaignConfig } from '../../../domain/campaignConfig';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const CITIES = ['2201', '2202', '2203'];
const id = (n: number) => `2201011980010100${String(n).padStart(2, '0')}`; // shape only: rows bypass the importer

describe('the campaign read model', () => {
  let db: TestDatabase;
  const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    const batch = (
      await q(
        "INSERT INTO import_batch (source, file_name, checksum, imported_by, status) VALUES ('registrations', 'r.csv', 'x', 't', 'completed') RETURNING id",
      )
    )[0].id;
    // 100 registered persons in each city.
    for (const [ci, city] of CITIES.entries()) {
      await q(
        `INSERT INTO registration (batch_id, line, id_number, name, cert_category, cert_number, unit_name, unit_name_norm, city_code, status)
         SELECT $1, g, lpad(($2 * 1000 + g)::text, 18, '0'), 'x', 'MEP', 'c' || g, 'u', 'U', $3, 'valid' FROM generate_series(1, 100) g`,
        [batch, ci, city],
      );
    }
    const snapshot = (await q("INSERT INTO data_snapshot (label) VALUES ('s') RETURNING id"))[0].id;
    await q('INSERT INTO data_snapshot_batch VALUES ($1, $2)', [snapshot, batch]);
    const config = CampaignConfig.parse({ id: 'rm', name: 'rm', cities: CITIES, dataSources: { snapshotId: Number(snapshot) } });
    await recordCampaignStart(db.pool, { config, snapshotId: Number(snapshot), launchedBy: 't', workflowId: 'campaign/rm', at: '2024-09-01T00:00:00+08:00' });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('the progress notice names the cities without, or late with, a summary, and the one far below the average rate', async () => {
    const declare = (city: string, n: number) =>
      q(
        `INSERT INTO self_check_declaration (request_id, campaign_id, city_code, id_number, correction, corrected_on, declared_by)
         SELECT $1 || g, 'rm', $2, $3, 'moved_contributions', '2024-09-10', 't' FROM generate_series(1, $4) g`,
        [`d-${city}-`, city, id(1), n],
      );
    await declare('2201', 10);
    await declare('2202', 1); // 10 per 1,000 against a provincial 36.7: below half
    await declare('2203', 0);
    await recordSubmission(db.pool, {
      campaignId: 'rm',
      cityCode: '2201',
      kind: 'self_check',
      version: 1,
      submittedAt: '2024-10-30T10:00:00+08:00',
      submittedBy: 'o',
      late: false,
    });
    await recordSubmission(db.pool, {
      campaignId: 'rm',
      cityCode: '2202',
      kind: 'self_check',
      version: 1,
      submittedAt: '2024-10-30T11:00:00+08:00',
      submittedBy: 'o',
      late: false,
    });
    await recordSubmission(db.pool, {
      campaignId: 'rm',
      cityCode: '2203',
      kind: 'self_check',
      version: 1,
      submittedAt: '2024-11-03T10:00:00+08:00',
      submittedBy: 'o',
      late: true,
    });

    const at = '2024-11-05T09:00:00+08:00';
    const notice = await produceProgressNotice(db.pool, { campaignId: 'rm', cities: CITIES, lagThreshold: 0.5, at });
    expect(notice.lagging).toEqual(['2202', '2203']);
    expect(notice.cities.map((c) => [c.cityCode, c.declarations, c.late, c.lagReasons])).toEqual([
      ['2201', 10, false, []],
      ['2202', 1, false, ['自查自纠申报率低于全省平均水平的50%']],
      ['2203', 0, true, ['逾期报送自查自纠汇总表', '自查自纠申报率低于全省平均水平的50%']],
    ]);
    // A retry (or a late submission after the notice) changes nothing: the first notice stands.
    expect(await produceProgressNotice(db.pool, { campaignId: 'rm', cities: CITIES, lagThreshold: 0.5, at: '2024-11-06T09:00:00+08:00' })).toEqual(notice);
    expect((await q('SELECT city_code FROM supervision_task ORDER BY 1')).map((r) => r.city_code)).toEqual(['2202', '2203']);
    // The self-check deadline is met by the first version only.
    expect(
      (await q("SELECT deadline_key, met_at IS NOT NULL AS met FROM deadline WHERE deadline_key LIKE 'selfCheck/%' ORDER BY 1")).map((r) => r.met),
    ).toEqual([true, true, true]);
  });

  it('a deregistration past its time limit is alerted once; processing it resolves the alert', async () => {
    const ins = (requestId: string, dueAt: string) =>
      q(
        `INSERT INTO deregistration_request (request_id, campaign_id, city_code, id_number, requested_by, received_on, sla_due, sla_due_at)
         VALUES ($1, 'rm', '2201', $2, 'p', '2024-09-10', $3::timestamptz::date, $3) RETURNING id`,
        [requestId, id(2), dueAt],
      );
    const first = Number((await ins('r-1', '2024-09-18T00:00:00+08:00'))[0].id);
    await ins('r-2', '2024-09-25T00:00:00+08:00');
    expect(await acceptDeregistrationRequest(db.pool, { campaignId: 'rm', cityCode: '2201', requestId: first })).toEqual({
      slaDueAt: '2024-09-17T16:00:00.000Z',
      processed: false,
    });
    await expect(acceptDeregistrationRequest(db.pool, { campaignId: 'rm', cityCode: '2202', requestId: first })).rejects.toThrow(/不属于/);

    const sweep = (at: string) => alertOverdueDeregistrations(db.pool, { campaignId: 'rm', cityCode: '2201', at });
    expect(await sweep('2024-09-17T12:00:00+08:00')).toEqual({ alerted: 0, nextDueAt: '2024-09-17T16:00:00.000Z' });
    expect(await sweep('2024-09-18T00:00:00+08:00')).toEqual({ alerted: 1, nextDueAt: '2024-09-24T16:00:00.000Z' });
    expect(await sweep('2024-09-19T00:00:00+08:00')).toEqual({ alerted: 0, nextDueAt: '2024-09-24T16:00:00.000Z' });
    const key = `campaign/rm/city/2201/deregistration/${first}/overdue`;
    expect((await q('SELECT resolved_at FROM alert WHERE alert_key = $1', [key]))[0].resolved_at).toBeNull();
    expect(
      await processDeregistration(db.pool, {
        campaignId: 'rm',
        cityCode: '2201',
        requestId: first,
        outcome: 'cancelled',
        processedBy: 'p',
        at: '2024-09-20T10:00:00+08:00',
      }),
    ).toEqual({ withinSla: false });
    expect((await q('SELECT resolved_at FROM alert WHERE alert_key = $1', [key]))[0].resolved_at).not.toBeNull();
  });
});
