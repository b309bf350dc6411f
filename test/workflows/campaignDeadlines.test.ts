/**
 * Deadlines on the time-skipping server: an extension re-arms the warnings and the overdue alert
 * for the new date, refusals come from the validator, and a notification endpoint that hangs
 * never delays the workflow (its failure shows on the alert row instead).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { importFile } from '../../dataImport/importFile';
import { createSnapshot } from '../../dataImport/snapshot';
import { generateDataset } from '../../datagen/generate';
import { CampaignConfig, toCalendarTime, toWallTime, type CampaignConfigInput } from '../../domain/campaignConfig';
import type { AppConfig } from '../../platform/config';
import * as commands from '../../services/campaignCommands';
import { registerComplaint } from '../../services/intakeCommands';
import { launchCampaign } from '../../services/launchCampaign';
import { caseWorkflowId } from '../../workflows/messages/case';
import type { Officer } from '../../domain/officer';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createTimeSkippingEnv } from '../support/caseWorkflowEnv';
import { sharedWorkflowBundle } from '../support/workflowBundle';

const TASK_QUEUE = 'campaign-deadlines';
const DAY = 24 * 60 * 60 * 1000;
const coordinator: Officer = { userId: 'coordinator-1', role: 'province_coordinator' };

describe('campaign deadlines', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let snapshotId: number;
  let hanging: Server;
  let hookUrl: string;
  let dataDir: string;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      /* installed by another suite in this process */
    }
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), sharedWorkflowBundle()]);
    // Accepts every request and never answers.
    hanging = createServer(() => undefined);
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/alerts`;
    dataDir = mkdtempSync(path.join(tmpdir(), 'gz-deadlines-'));
    const { files } = await generateDataset({ persons: 60, seed: 3, outDir: dataDir });
    const batches = [
      (await importFile(db.pool, { source: 'registrations', filePath: files.registrations, importedBy: 't' })).batchId,
      (await importFile(db.pool, { source: 'social_insurance', filePath: files.socialInsurance, importedBy: 't' })).batchId,
      (await importFile(db.pool, { source: 'housing_fund', filePath: files.housingFund, importedBy: 't' })).batchId,
    ];
    snapshotId = await createSnapshot(db.pool, 'deadlines', batches);
    // One worker for the file: a second one would find the workflows on the first one's sticky
    // queue, whose timeout counts in server time, which stands still while a client waits.
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: bundle,
      activities: createActivities({ pool: db.pool, config: { GZ_WEBHOOK_HOSTS: ['127.0.0.1'] } as AppConfig }),
    });
    running = worker.run();
  });

  afterAll(async () => {
    if (worker) {
      worker.shutdown();
      await running;
    }
    hanging?.closeAllConnections();
    hanging?.close();
    await env?.teardown();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('an extension re-arms the warnings and the overdue alert for the new date; a hanging webhook blocks nothing', async () => {
    const { client } = env;
    const now = await env.currentTimeMs();
    const start = Math.ceil((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000 + DAY;
    const raw: CampaignConfigInput = {
      id: 'ext',
      name: '期限测试',
      cities: ['2201'],
      dataSources: { snapshotId },
      clock: { kind: 'compressed', start: new Date(start).toISOString(), minutesPerDay: 1440 },
      notifications: { webhook: { url: hookUrl, timeoutMs: 200 }, minLevel: 'info' },
    };
    const config = CampaignConfig.parse(raw);
    const cal = (d: Date | string) => new Date(Math.round(toCalendarTime(config, new Date(d).getTime()) / 1000) * 1000).toISOString();
    const iso = (s: string) => new Date(s).toISOString();
    const until = async (calendarIso: string) => {
      const gap = toWallTime(config, Date.parse(calendarIso)) - (await env.currentTimeMs());
      if (gap > 0) await env.sleep(gap);
    };
    const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;
    const ref = { campaignId: 'ext', phase: 'selfCheck' as const, cityCode: '2201', reason: '国庆假期顺延' };

    await launchCampaign({ client, pool: db.pool, taskQueue: TASK_QUEUE }, raw, { launchedBy: 'coordinator-1' });
    await until('2024-10-20T10:00:00+08:00');
    // Validators refuse at once, before anything is written.
    await expect(
      commands.extendDeadline(client, db.pool, { ...ref, newDate: '2024-11-15', officer: { userId: 'o', role: 'city_officer', cityCode: '2201' } }),
    ).rejects.toThrow();
    await expect(commands.extendDeadline(client, db.pool, { ...ref, newDate: '2024-10-30', officer: coordinator })).rejects.toThrow();
    await expect(commands.extendDeadline(client, db.pool, { ...ref, newDate: '2024-11-15', officer: coordinator, requestId: 'ext-1' })).resolves.toEqual([
      {
        deadlineKey: 'selfCheck/2201',
        fromDate: '2024-10-31',
        toDate: '2024-11-15',
        dueAt: new Date(toWallTime(config, Date.parse('2024-11-16T00:00:00+08:00'))).toISOString(),
      },
    ]);

    await until('2024-11-16T12:00:00+08:00');
    const alerts = await q(
      "SELECT alert_key, kind, raised_at, delivery_status, delivery_last_error FROM alert WHERE alert_key LIKE 'campaign/ext/city/2201/deadline/selfCheck/%' ORDER BY raised_at",
    );
    // Nothing for the old date; the new date gets both warnings and the overdue alert on time.
    expect(alerts.map((a) => [a.alert_key.split('/').slice(-2).join('/'), cal(a.raised_at)])).toEqual([
      ['due-soon-7d/2024-11-15', iso('2024-11-09T00:00:00+08:00')],
      ['due-soon-1d/2024-11-15', iso('2024-11-15T00:00:00+08:00')],
      ['overdue/2024-11-15', iso('2024-11-16T00:00:00+08:00')],
    ]);
    // The endpoint never answered: every delivery failed on its timeout, visibly.
    for (const a of alerts) {
      expect(a.delivery_status).toBe('failed');
      expect(a.delivery_last_error).toMatch(/timed out after 200 ms/);
    }
    const [deadline] = await q(
      "SELECT to_char(due_date, 'YYYY-MM-DD') d, to_char(extended_from, 'YYYY-MM-DD') f, extension_reason FROM deadline WHERE deadline_key = 'selfCheck/2201'",
    );
    expect(deadline).toEqual({ d: '2024-11-15', f: '2024-10-31', extension_reason: '国庆假期顺延' });
    // The same request id again is answered once (Temporal deduplicates the update).
    expect((await q("SELECT count(*)::int n FROM deadline_extension WHERE campaign_id = 'ext'"))[0].n).toBe(1);
    const state = await commands.cityState(client, { campaignId: 'ext', cityCode: '2201' });
    expect(state.deadlines.selfCheck).toMatchObject({ date: '2024-11-15', met: false, overdueAlerts: 1 });
  });

  it('a complaint about a person without a case opens one and starts its workflow; a second joins it', async () => {
    const { client } = env;
    const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;
    // Someone registered in the city whom screening did not flag.
    const [person] = await q(
      `SELECT DISTINCT r.id_number FROM registration r WHERE r.city_code = '2201' AND r.status = 'valid'
         AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.id_number = r.id_number) LIMIT 1`,
    );
    const complaint = { campaignId: 'ext', cityCode: '2201', channel: 'phone' as const, subjectIdNumber: person.id_number, content: '举报其证书挂靠在外单位' };
    const first = await registerComplaint(client, db.pool, { ...complaint, complaintId: 'c-1' });
    expect(first).toMatchObject({ complaintId: 'c-1', newCase: true });
    const again = await registerComplaint(client, db.pool, { ...complaint, complaintId: 'c-1' });
    expect(again).toEqual(first);
    const second = await registerComplaint(client, db.pool, { ...complaint, complaintId: 'c-2', channel: 'mail' });
    expect(second).toEqual({ complaintId: 'c-2', caseId: first.caseId, newCase: false });
    const d = await client.workflow.getHandle(caseWorkflowId('ext', '2201', first.caseId!)).describe();
    expect(d.status.name).toBe('RUNNING');
    expect((await q('SELECT origin FROM case_file WHERE case_id = $1', [first.caseId]))[0].origin).toBe('complaint');
    expect((await commands.cityState(client, { campaignId: 'ext', cityCode: '2201' })).counts.complaints).toBe(2);
  });
});
