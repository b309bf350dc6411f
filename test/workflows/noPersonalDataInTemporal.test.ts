/**
 * Personal data never reaches Temporal: a campaign runs on the dev server with generated data until
 * cases are open and decided, then every workflow of the campaign (ids, search attributes, memos,
 * every payload of every history event) is searched for every ID number and name in the data files.
 * The officers' decisions name a person in their free text, as officers do; the text goes the way
 * the API sends it (stored in PostgreSQL, its id in the update). The search folds what it reads
 * (full-width digits, spaces between groups or characters), so a number or name written otherwise
 * is found too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { containsName, foldNumbers } from '../../domain/personalDataFilter';
import { ensureDemoCampaign } from '../../services/demo';
import { officerTexts } from '../../services/officerTexts';
import { caseWorkflowId, decideCaseUpdate } from '../../workflows/messages/case';
import { startDevServerCampaignHarness, waitFor, type DevServerCampaignHarness } from '../support/devServerCampaign';

const MINUTES_PER_DAY = 0.005; // 0.3 s per campaign day: cases open about 20 s after the launch
const WAIT_MS = 180_000; // generous: the suite runs test files in parallel on two cores

/** Every text a history holds: its JSON, plus each payload's bytes decoded (the JSON has them in base64). */
function textsOf(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => textsOf(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'data' || k === 'encoding') && typeof v === 'string') out.push(Buffer.from(v, 'base64').toString('utf8'));
      textsOf(v, out);
    }
  }
  return out;
}

function column(file: string, names: string[]): string[] {
  const rows = parse<Record<string, string>>(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true });
  return rows.flatMap((r) => names.map((n) => (r[n] ?? '').trim())).filter((v) => v.length >= 2);
}

describe('personal data in Temporal', () => {
  let h: DevServerCampaignHarness;
  beforeAll(async () => {
    h = await startDevServerCampaignHarness('pii');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('appears in no workflow id, search attribute, memo or payload of a campaign with open and decided cases', async () => {
    const { client, db, config, dataDir, campaignId: id } = h;
    await ensureDemoCampaign({
      client,
      pool: db.pool,
      config,
      log: () => undefined,
      campaignId: id,
      minutesPerDay: MINUTES_PER_DAY,
      startDelayMs: 1_000,
      persons: 150,
    });
    const q = async (sql: string, args: unknown[] = []) => (await db.pool.query(sql, args)).rows;
    const open = await waitFor(
      'open cases',
      async () => {
        const rows = await q("SELECT case_id, city_code FROM case_file WHERE campaign_id = $1 AND status = 'open' ORDER BY case_id LIMIT 3", [id]);
        return rows.length === 3 ? rows : undefined;
      },
      WAIT_MS,
    );
    // Officers decide: a violation naming the actual employer, as the data contract requires, with
    // the person's name in the evidence (spaced out once), sent as the API sends it.
    const personNames = (await q('SELECT DISTINCT name FROM registration ORDER BY name LIMIT 3')).map((r) => r.name as string);
    for (const [i, c] of open.entries()) {
      const handle = client.workflow.getHandle(caseWorkflowId(id, c.city_code, c.case_id));
      // The case row is written before its shard starts the case's workflow.
      await waitFor(
        'the case workflow',
        async () =>
          await handle.describe().then(
            () => true,
            () => undefined,
          ),
        WAIT_MS,
      );
      const name = i === 1 ? [...personNames[i]].join(' ') : personNames[i];
      const officer = { userId: `officer-${c.city_code}`, role: 'city_officer' as const, cityCode: c.city_code };
      const decision = await officerTexts(db.pool, officer.userId).decision({
        outcome: 'VIOLATION',
        actualEmployer: { name: '吉林省某实际用工建筑有限公司' },
        evidence: `经核实，${name}的社保由实际用工单位缴纳，注册单位未缴纳`,
      });
      await handle.executeUpdate(decideCaseUpdate, { args: [{ decision, officer }] });
    }
    await waitFor(
      'decisions recorded',
      async () => ((await q('SELECT count(*)::int n FROM case_file WHERE campaign_id = $1 AND outcome IS NOT NULL', [id]))[0].n >= 3 ? true : undefined),
      WAIT_MS,
    );

    const files = path.join(dataDir, id); // where the demo writes its generated files
    const idNumbers = new Set([
      ...column(path.join(files, 'registrations.csv'), ['身份证号', 'id_number']),
      ...(await q('SELECT DISTINCT id_number FROM registration')).map((r) => r.id_number as string),
    ]);
    const names = new Set([
      ...column(path.join(files, 'registrations.csv'), ['姓名', 'name']),
      ...(await q('SELECT DISTINCT name FROM registration')).map((r) => r.name as string),
    ]);
    expect(idNumbers.size).toBeGreaterThan(100);
    expect(names.size).toBeGreaterThan(50);

    // The scanner itself sees a name hidden in a base64 payload (so an empty result means something).
    const someName = [...names][0];
    expect(textsOf({ payloads: [{ data: Buffer.from(JSON.stringify({ note: someName })).toString('base64') }] }).join('\n')).toContain(someName);
    // ... and a name or an ID number written with spaces or full-width digits.
    const someId = [...idNumbers][0];
    const disguised = `${[...someName].join(' ')} ${someId.slice(0, 6)} ${[...someId.slice(6)].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('')}`;
    expect(containsName(disguised, names)).toBe(true);
    expect(foldNumbers(disguised)).toContain(someId);

    const workflows: string[] = [];
    for await (const wf of client.workflow.list({ query: `CampaignId = '${id}'` })) workflows.push(wf.workflowId);
    expect(workflows.length).toBeGreaterThan(9 + 3); // campaign, nine cities, shards, cases
    const leaks: string[] = [];
    for (const workflowId of workflows) {
      const handle = client.workflow.getHandle(workflowId);
      const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
      // As the server sends it (payload bytes in base64, which textsOf decodes), not as protobuf objects.
      const texts = textsOf(JSON.parse(JSON.stringify(history)))
        .concat(workflowId, JSON.stringify(description.searchAttributes ?? {}), JSON.stringify(description.memo ?? {}))
        .join('\n');
      const folded = foldNumbers(texts);
      for (const v of idNumbers) if (folded.includes(v.toUpperCase())) leaks.push(`${workflowId}: an ID number`);
      if (containsName(texts, names)) leaks.push(`${workflowId}: a name`);
    }
    expect(leaks).toEqual([]);
  }, 300_000);
});
