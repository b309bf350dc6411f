/**
 * Issue 21 items 3 and 4 on the time-skipping server: a city screens at launch (the self-check list
 * and a unit's notice exist in phase 1), fresh data re-screens it (persons who corrected themselves
 * leave the list, newly inconsistent ones join it), cases open at the investigation start only for
 * those still flagged, with the self-check phase's record; a re-screening during the investigation
 * opens cases for the newly flagged in a new shard and closes none; after the campaign the monthly
 * re-screening runs on its timer and reports to the province.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import PizZip from 'pizzip';
import { createActivities } from '../../activities';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { importFile } from '../../dataImport/importFile';
import { createSnapshot } from '../../dataImport/snapshot';
import { CampaignConfig, toWallTime, type CampaignConfigInput } from '../../domain/campaignConfig';
import type { AppConfig } from '../../platform/config';
import { selfCheckList } from '../../readModel/selfCheckList';
import { addCampaignSnapshot } from '../../services/rescreen';
import { renderUnitNotice } from '../../services/selfCheckNotice';
import type { cityWorkflow } from '../../workflows/city';
import { cityStateQuery, cityWorkflowId, closeCitySignal, shardWorkflowId } from '../../workflows/messages/city';
import type { TestDatabase } from '../support/database';
import { startGeneratedSources, type GeneratedSources } from '../support/generatedSourcesFixture';

const TASK_QUEUE = 'rescreen';
const step = (what: string) => process.env.GZ_TEST_STEPS && process.stderr.write(`step: ${what}\n`);
const DAY = 24 * 60 * 60 * 1000;
const CITY = '2201';
const CAMPAIGN = 'rescreen-wf';

/** The generated social-insurance file with the given persons' unit replaced (datagen quotes no cell with a comma). */
function rewriteSocialInsurance(dir: string, name: string, units: Map<string, { name: string; code: string }>): string {
  const [header, ...lines] = readFileSync(path.join(dir, 'social_insurance.csv'), 'utf8').split('\n');
  const cols = header.split(',');
  const [id, unitName, unitCode] = ['id_number', 'unit_name', 'unit_code'].map((c) => cols.indexOf(c));
  const out = lines.map((line) => {
    const cells = line.split(',');
    const unit = units.get((cells[id] ?? '').toUpperCase());
    if (!unit) return line;
    cells[unitName] = unit.name;
    cells[unitCode] = unit.code;
    return cells.join(',');
  });
  const file = path.join(dir, name);
  writeFileSync(file, [header, ...out].join('\n'));
  return file;
}

describe('the self-check list and re-screening on fresh data', () => {
  let fixture: GeneratedSources;
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let dataDir: string;
  let batches: Map<string, number>;

  beforeAll(async () => {
    fixture = await startGeneratedSources();
    ({ db, env, bundle, dataDir, batches } = fixture);
  }, 120_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  it('screens at launch, re-screens fresh data, opens cases only for those still flagged and closes none', async () => {
    const { client } = env;
    const now = await env.currentTimeMs();
    const start = Math.ceil((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000 + DAY;
    const snapshotId = await createSnapshot(db.pool, 'launch', [...batches.values()]);
    const raw: CampaignConfigInput = {
      id: CAMPAIGN,
      name: '复筛测试',
      cities: [CITY],
      dataSources: { snapshotId },
      clock: { kind: 'compressed', start: new Date(start).toISOString(), minutesPerDay: 1440 },
    };
    const config = CampaignConfig.parse(raw);
    const until = async (calendarIso: string) => {
      const gap = toWallTime(config, Date.parse(calendarIso)) - (await env.currentTimeMs());
      if (gap > 0) await env.sleep(gap);
    };
    const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;
    await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'test', workflowId: `campaign/${CAMPAIGN}`, at: new Date(now).toISOString() });

    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: bundle,
      activities: createActivities({ pool: db.pool, config: {} as AppConfig }),
    });
    await worker.runUntil(async () => {
      const city = await client.workflow.start<typeof cityWorkflow>('cityWorkflow', {
        workflowId: cityWorkflowId(CAMPAIGN, CITY),
        taskQueue: TASK_QUEUE,
        args: [{ campaignId: CAMPAIGN, cityCode: CITY, config, snapshotId }],
      });

      step('// ---- Phase 1: the list exis');
      // ---- Phase 1: the list exists at launch, with a notice per unit ----
      await until('2024-09-02T10:00:00+08:00');
      const list = await selfCheckList(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, page: 1, pageSize: 500 }, true);
      expect(list.runId).not.toBeNull();
      expect(list.persons.length).toBeGreaterThan(3);
      expect(list.units.length).toBeGreaterThan(0);
      const unit = list.units[0];
      const notice = await renderUnitNotice(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, unitKey: unit.unitKey }, new Date(await env.currentTimeMs()));
      const xml = new PizZip(notice!.content).file('word/document.xml')!.asText();
      expect(xml).toContain(unit.unitCode ?? unit.unitName);
      expect(xml).toContain('自查自纠告知书');
      expect(xml).toContain('2024年10月31日');
      expect(xml).toContain(list.persons.find((p) => p.units.some((u) => u.unitKey === unit.unitKey))!.name);
      expect((await renderUnitNotice(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, unitKey: unit.unitKey }))!.number).toBe(notice!.number);

      // Who corrects: two persons flagged only for their contributions, paid from now on by their registration unit.
      const mismatch = list.persons.filter((p) => p.reasons.length === 1 && p.reasons[0] === 'SS_UNIT_MISMATCH' && p.units.length === 1);
      const [corrects, correctsLater] = mismatch;
      const regUnit = (p: (typeof list.persons)[number]) => ({ name: p.units[0].unitName, code: p.units[0].unitCode ?? '' });
      // Who becomes inconsistent: a person not on the list, now paid by an unrelated firm.
      const regs = await q(`SELECT DISTINCT id_number FROM registration WHERE batch_id = $1 AND city_code = $2 AND status = 'valid' ORDER BY id_number`, [
        batches.get('registrations'),
        CITY,
      ]);
      const listed = new Set(list.persons.map((p) => p.idNumber));
      const unlisted = regs.map((r) => r.id_number as string).filter((id) => !listed.has(id));
      const elsewhere = { name: '吉林省复筛测试无关劳务有限公司', code: '' };
      const [becomes, becomesLater] = unlisted;

      step('const si2 = rewrite');
      const si2 = rewriteSocialInsurance(
        dataDir,
        'si-2.csv',
        new Map([
          [corrects.idNumber, regUnit(corrects)],
          [becomes, elsewhere],
        ]),
      );
      const b2 = (await importFile(db.pool, { source: 'social_insurance', filePath: si2, importedBy: 'test' })).batchId;
      const first = await addCampaignSnapshot(client, db.pool, { campaignId: CAMPAIGN, batchIds: [b2], replaceSources: ['social_insurance'], addedBy: 'test' });
      expect(first.cities).toEqual([
        {
          cityCode: CITY,
          outcome: 'rescreened',
          result: expect.objectContaining({ mode: 'diff', casesOpened: 0, noLongerFlagged: expect.any(Number), newlyFlagged: expect.any(Number) }),
        },
      ]);
      const changes1 = await q('SELECT id_number, change FROM rescreen_change WHERE rescreen_id = $1', [first.cities[0].result!.rescreenId]);
      expect(changes1).toEqual(
        expect.arrayContaining([
          { id_number: corrects.idNumber, change: 'no_longer_flagged' },
          { id_number: becomes, change: 'newly_flagged' },
        ]),
      );
      expect(await q('SELECT count(*)::int AS n FROM case_file WHERE campaign_id = $1', [CAMPAIGN])).toEqual([{ n: 0 }]);

      step('// ---- Phase 2: cases only');
      // ---- Phase 2: cases only for those still flagged, each with the self-check phase's record ----
      await until('2024-11-02T10:00:00+08:00');
      const state = await city.query(cityStateQuery);
      expect(state.stage).toBe('investigation');
      const cases = await q('SELECT case_id, id_number, status FROM case_file WHERE campaign_id = $1', [CAMPAIGN]);
      const caseOf = new Map(cases.map((c) => [c.id_number as string, c.case_id as string]));
      expect(caseOf.has(corrects.idNumber)).toBe(false);
      expect(caseOf.has(becomes)).toBe(true);
      expect(caseOf.has(correctsLater.idNumber)).toBe(true);
      const record = await q(`SELECT payload FROM case_evidence WHERE case_id = $1 AND kind = 'self_check_phase'`, [caseOf.get(becomes)]);
      expect(record[0].payload.rescreens).toEqual([expect.objectContaining({ change: 'newly_flagged' })]);

      step('// ---- Fresh data during the ');
      // ---- Fresh data during the investigation: a case for the newly flagged, none closed ----
      const si3 = rewriteSocialInsurance(
        dataDir,
        'si-3.csv',
        new Map([
          [corrects.idNumber, regUnit(corrects)],
          [becomes, elsewhere],
          [correctsLater.idNumber, regUnit(correctsLater)],
          [becomesLater, elsewhere],
        ]),
      );
      const b3 = (await importFile(db.pool, { source: 'social_insurance', filePath: si3, importedBy: 'test' })).batchId;
      const second = await addCampaignSnapshot(client, db.pool, {
        campaignId: CAMPAIGN,
        batchIds: [b3],
        replaceSources: ['social_insurance'],
        addedBy: 'test',
      });
      expect(second.cities[0].result).toMatchObject({ mode: 'diff', newlyFlagged: 1, noLongerFlagged: 1, casesOpened: 1 });
      const after = await q('SELECT case_id, id_number, status FROM case_file WHERE campaign_id = $1', [CAMPAIGN]);
      expect(after).toHaveLength(cases.length + 1);
      expect(after.every((c) => c.status === 'open')).toBe(true);
      const newCase = after.find((c) => c.id_number === becomesLater)!;
      const corrected = after.find((c) => c.id_number === correctsLater.idNumber)!;
      const ev = await q(`SELECT kind, payload FROM case_evidence WHERE case_id = $1 AND kind LIKE 'rescreen/%'`, [corrected.case_id]);
      expect(ev).toEqual([{ kind: `rescreen/${second.cities[0].result!.rescreenId}`, payload: expect.objectContaining({ change: 'no_longer_flagged' }) }]);
      // The new case runs in a shard of its own, started by the city.
      const shards = (await city.query(cityStateQuery)).counts.shardsStarted;
      const shard = client.workflow.getHandle(shardWorkflowId(CAMPAIGN, CITY, shards - 1));
      expect((await shard.describe()).status.name).toBe('RUNNING');
      expect(newCase.status).toBe('open');

      step('await city.signal(closeCitySig');
      await city.signal(closeCitySignal);
      await city.result();
    });
  }, 600_000);
});
