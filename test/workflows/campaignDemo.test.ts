/**
 * The demo on the real dev server (the suite's global one): generated data for nine cities on a
 * compressed calendar, so phases pass, cases open, alerts fire and the progress notice appears
 * within seconds; a second launch is refused. Search attributes are checked through visibility,
 * which the time-skipping server does not offer.
 */
import { ensureDemoCampaign } from '../../services/demo';
import { startDevServerCampaignHarness, waitFor, type DevServerCampaignHarness } from '../support/devServerCampaign';

// 0.3 s per campaign day: the notice (day 65, 09:00) comes about 20 s after the start.
const MINUTES_PER_DAY = 0.005;

describe('the demo campaign', () => {
  let h: DevServerCampaignHarness;
  beforeAll(async () => {
    h = await startDevServerCampaignHarness('demo');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('passes its phases in seconds: cases open, alerts fire, the progress notice appears; no second demo', async () => {
    const { client, db, config, campaignId: id } = h;
    const lines: string[] = [];
    const launched = await ensureDemoCampaign({
      client,
      pool: db.pool,
      config,
      log: (l) => lines.push(l),
      campaignId: id,
      minutesPerDay: MINUTES_PER_DAY,
      startDelayMs: 1_000,
      persons: 200,
    });
    expect(launched).toMatchObject({ campaignId: id, workflowId: `campaign/${id}` });
    expect(await ensureDemoCampaign({ client, pool: db.pool, config, log: (l) => lines.push(l), campaignId: id })).toBeNull();
    expect(lines.at(-1)).toMatch(/exists; not launching another/);

    const q = async (sql: string) => (await db.pool.query(sql)).rows;
    const notice = await waitFor('the progress notice', async () => (await q('SELECT content FROM progress_notice'))[0]?.content);
    // Nobody submits in the demo: every city lags, and every city's self-check deadline is overdue.
    expect(notice.lagging).toHaveLength(9);
    expect((await q("SELECT count(DISTINCT city_code)::int n FROM alert WHERE kind = 'deadline_overdue'"))[0].n).toBe(9);
    // Each city screens and opens its cases at the investigation start, in real time (the calendar runs on).
    await waitFor('every city investigating', async () =>
      (await q("SELECT count(*)::int n FROM city_progress WHERE phase = 'investigation'"))[0].n === 9 ? true : undefined,
    );
    expect((await q('SELECT count(*)::int n FROM case_file'))[0].n).toBeGreaterThan(10);
    expect((await q(`SELECT phase FROM campaign WHERE id = '${id}'`))[0].phase).toMatch(/^(investigation|provincialVerification)$/);

    // Operators find the campaign's workflows by search attribute (eventually consistent).
    const cities = await waitFor(
      'visibility',
      async () => {
        const ids: string[] = [];
        for await (const wf of client.workflow.list({ query: `CampaignId = '${id}' AND WorkflowType = 'cityWorkflow'` })) ids.push(wf.workflowId);
        return ids.length === 9 ? ids : undefined;
      },
      20_000,
    );
    expect(cities).toContain(`campaign/${id}/city/2224`);
  });
});
