/**
 * Imports run in the worker: a file is imported by the importDataFile activity under an import
 * workflow, with progress; an attempt that dies part-way leaves no rows and the retry imports the
 * file once; a file the importer refuses fails the import at once, visibly, with nothing stored;
 * a launch's data sources become one snapshot, and asking again returns the same one.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { importDataFile } from '../../activities/dataImport/importDataFile';
import { generateDataset, type GenerateResult } from '../../datagen/generate';
import { UnusableFileError } from '../../dataImport/errors';
import type { ImportProgress } from '../../dataImport/importFile';
import { INTERRUPTED_ATTEMPT, requestImport } from '../../dataImport/importRecords';
import { storeUpload } from '../../dataImport/uploadStore';
import { loadConfig } from '../../platform/config';
import { inTransaction } from '../../platform/transactions';
import { importDataSources, resumeQueuedUploads, startUploadImport } from '../../services/importDataSources';
import type { importFileWorkflow } from '../../workflows/importData';
import { importFileWorkflowId } from '../../workflows/messages/importData';
import { bundleWorkflows, createTimeSkippingEnv } from '../support/caseWorkflowEnv';
import { validId } from '../activities/dataImport/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';

const TASK_QUEUE = 'imports';

describe('imports in the worker', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let dir: string;
  let data: GenerateResult;
  let worker: Worker;
  let running: Promise<void>;
  /** Progress the importDataFile activity reported, per attempt. */
  const seen: { importId: string; attempt: number; p: ImportProgress }[] = [];
  /** Import ids whose first attempt dies after its first 1000 rows (as if its worker were lost). */
  const interruptFirstAttempt = new Set<string>();

  const q = async (sql: string, args: unknown[] = []) => (await db.pool.query(sql, args)).rows;

  beforeAll(async () => {
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), bundleWorkflows()]);
    dir = mkdtempSync(path.join(tmpdir(), 'gz-import-wf-'));
    data = await generateDataset({ persons: 300, seed: 7, outDir: dir });
    // The providers these tests serve listen on 127.0.0.1; `localhost` stays unlisted.
    const activities = createActivities({ pool: db.pool, config: loadConfig({ GZ_PROVIDER_HOSTS: '127.0.0.1' }) });
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: bundle,
      activities: {
        ...activities,
        importDataFile: (input: Parameters<typeof importDataFile>[1]) => {
          const { attempt } = Context.current().info;
          return importDataFile(db.pool, input, {
            onProgress: (p) => {
              seen.push({ importId: input.importId, attempt, p });
              if (attempt === 1 && interruptFirstAttempt.has(input.importId)) throw new Error('worker lost mid-import');
            },
          });
        },
      },
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = () => ({ client: env.client, pool: db.pool, taskQueue: TASK_QUEUE });

  it('imports an upload with progress; an attempt that dies after its first rows leaves none, and the retry imports the file once', async () => {
    const file = data.files.socialInsurance;
    const started = await startUploadImport(deps(), {
      source: 'social_insurance',
      filePath: file,
      fileName: 'social_insurance.csv',
      requestedBy: 'coordinator-1',
    });
    interruptFirstAttempt.add(started.importId);
    // The upload is stored in the database, not left on the API's disk.
    expect((await q('SELECT count(*)::int n FROM data_import_upload WHERE import_id = $1', [started.importId]))[0].n).toBeGreaterThan(0);

    const outcome = await env.client.workflow.getHandle<typeof importFileWorkflow>(started.workflowId).result();
    expect(outcome).toMatchObject({ importId: started.importId, source: 'social_insurance' });
    const records = outcome.rowsTotal;
    expect(records).toBeGreaterThan(2_000); // several progress reports, so the first attempt died part-way

    const batches = await q('SELECT id, status, rows_total FROM import_batch WHERE import_id = $1 ORDER BY id', [started.importId]);
    expect(batches.map((b) => b.status)).toEqual(['failed', 'completed']);
    expect(Number(batches[1].id)).toBe(outcome.batchId);
    // Rows belong to the completed batch only, each stored once.
    expect((await q('SELECT count(*)::int n FROM social_insurance WHERE batch_id = $1', [batches[0].id]))[0].n).toBe(0);
    expect((await q('SELECT count(*)::int n FROM social_insurance'))[0].n).toBe(outcome.rowsAccepted);

    const mine = seen.filter((s) => s.importId === started.importId);
    expect(mine.filter((s) => s.attempt === 1).map((s) => s.p.rows)).toEqual([1000]);
    const second = mine.filter((s) => s.attempt === 2).map((s) => s.p.rows);
    expect(second[second.length - 1]).toBe(records);
    expect(second).toEqual([...second].sort((a, b) => a - b));

    const [job] = await q('SELECT status, attempts, rows_read, batch_id, error FROM data_import WHERE id = $1', [started.importId]);
    expect(job).toMatchObject({ status: 'completed', attempts: 2, error: null });
    expect(Number(job.rows_read)).toBe(records);
    expect(Number(job.batch_id)).toBe(outcome.batchId);
    // Imported: the bytes are no longer kept.
    expect((await q('SELECT count(*)::int n FROM data_import_upload WHERE import_id = $1', [started.importId]))[0].n).toBe(0);
  });

  it('marks the batch of an attempt whose worker was killed failed, and imports the file again under the same import', async () => {
    const importId = randomUUID();
    // What a killed worker leaves: the import running, its batch committed as running, its rows rolled back.
    await requestImport(db.pool, { importId, source: 'units', origin: 'file', fileName: path.basename(data.files.units), requestedBy: 'coordinator-1' });
    await q("UPDATE data_import SET status = 'running', attempts = 1 WHERE id = $1", [importId]);
    const [orphan] = await q(
      "INSERT INTO import_batch (source, origin, file_name, checksum, imported_by, import_id) VALUES ('units', 'file', 'units.csv', '', 'coordinator-1', $1) RETURNING id",
      [importId],
    );

    const outcome = await env.client.workflow.execute<typeof importFileWorkflow>('importFileWorkflow', {
      workflowId: importFileWorkflowId(importId),
      taskQueue: TASK_QUEUE,
      args: [{ importId, source: 'units', requestedBy: 'coordinator-1', file: { kind: 'path', path: data.files.units } }],
    });

    const batches = await q('SELECT id, status, error FROM import_batch WHERE import_id = $1 ORDER BY id', [importId]);
    expect(batches).toEqual([
      { id: orphan.id, status: 'failed', error: INTERRUPTED_ATTEMPT },
      { id: String(outcome.batchId), status: 'completed', error: null },
    ]);
    expect((await q('SELECT status, attempts FROM data_import WHERE id = $1', [importId]))[0]).toEqual({ status: 'completed', attempts: 2 });
  });

  it('starts the import of an upload whose API stopped between storing it and starting its workflow', async () => {
    const importId = randomUUID();
    // What that API left: the request and the bytes, committed together; no workflow.
    await inTransaction(db.pool, async (c) => {
      await requestImport(c, { importId, source: 'units', origin: 'upload', fileName: 'units-stranded.csv', requestedBy: 'coordinator-1' });
      await storeUpload(c, importId, data.files.units);
    });
    expect(await resumeQueuedUploads(deps())).toBe(1);
    const outcome = await env.client.workflow.getHandle<typeof importFileWorkflow>(importFileWorkflowId(importId)).result();
    expect(outcome).toMatchObject({ importId, source: 'units', fileName: 'units-stranded.csv' });
    expect((await q('SELECT status FROM data_import WHERE id = $1', [importId]))[0].status).toBe('completed');
    // Started once: nothing is queued any more.
    expect(await resumeQueuedUploads(deps())).toBe(0);
  });

  it('fails an unusable file at once and visibly, with nothing imported', async () => {
    const bad = path.join(dir, 'registrations-no-id.csv');
    writeFileSync(bad, '姓名,注册证书编号\n张三,吉1222020200001\n');
    const started = await startUploadImport(deps(), {
      source: 'registrations',
      filePath: bad,
      fileName: 'registrations-no-id.csv',
      requestedBy: 'coordinator-1',
    });

    const failure = await env.client.workflow
      .getHandle(started.workflowId)
      .result()
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activity = (failure as WorkflowFailedError).cause;
    expect(activity).toBeInstanceOf(ActivityFailure);
    const cause = (activity as ActivityFailure).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause.type).toBe('UnusableFile');
    expect(cause.nonRetryable).toBe(true);

    const [job] = await q('SELECT status, attempts, error, batch_id FROM data_import WHERE id = $1', [started.importId]);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, batch_id: null });
    expect(job.error).toContain('registrations-no-id.csv');
    expect(job.error).toMatch(/[\u4e00-\u9fff]/);
    expect(job.error).not.toContain('张三');
    expect((await q('SELECT count(*)::int n FROM import_batch WHERE import_id = $1', [started.importId]))[0].n).toBe(0);
    expect((await q('SELECT count(*)::int n FROM data_import_upload WHERE import_id = $1', [started.importId]))[0].n).toBe(0);
  });

  it('fails an import workflow given a bad input at once, without retrying', async () => {
    const failure = await env.client.workflow
      .execute('importFileWorkflow', {
        workflowId: `import/bad-${randomUUID()}`,
        taskQueue: TASK_QUEUE,
        args: [{ importId: 'not-a-uuid', source: 'registrations', requestedBy: 'x', file: { kind: 'upload', fileName: 'a.csv' } }],
      })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('InvalidWorkflowInput');
    expect(cause.nonRetryable).toBe(true);
  });

  it("imports a launch's data sources into one snapshot, and a repeated launch gets the same snapshot without importing again", async () => {
    const config = {
      id: 'imp-launch',
      dataSources: { files: { registrations: [data.files.registrations], housing_fund: [data.files.housingFund] }, providers: {} },
    };
    const first = await importDataSources(deps(), config, 'coordinator-1');
    expect(first.batches.map((b) => b.source)).toEqual(['registrations', 'housing_fund']);
    const inSnapshot = await q('SELECT batch_id FROM data_snapshot_batch WHERE snapshot_id = $1 ORDER BY batch_id', [first.snapshotId]);
    expect(inSnapshot.map((r) => Number(r.batch_id))).toEqual(first.batches.map((b) => b.batchId).sort((a, b) => a - b));

    const batchesBefore = (await q('SELECT count(*)::int n FROM import_batch'))[0].n;
    const again = await importDataSources(deps(), config, 'coordinator-1');
    expect(again.snapshotId).toBe(first.snapshotId);
    expect((await q('SELECT count(*)::int n FROM import_batch'))[0].n).toBe(batchesBefore);
  });

  it("pulls a launch's provider in the worker and puts its batch in the snapshot", async () => {
    const records = Array.from({ length: 3 }, (_, i) => ({ id_number: validId(i), unit_name: `单位${i}`, period: '2024-09' }));
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ records, next_cursor: null })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/social-insurance`;
      const config = { id: 'imp-pull', dataSources: { files: { registrations: [data.files.registrations] }, providers: { social_insurance: url } } };
      const summary = await importDataSources(deps(), config, 'coordinator-1');
      const pulled = summary.batches.find((b) => b.source === 'social_insurance')!;
      expect(pulled).toMatchObject({ accepted: 3, rejected: 0 });
      expect((await q('SELECT origin, status, batch_id FROM data_import WHERE id = $1', [pulled.importId]))[0]).toEqual({
        origin: 'http',
        status: 'completed',
        batch_id: String(pulled.batchId),
      });
      const inSnapshot = await q('SELECT batch_id FROM data_snapshot_batch WHERE snapshot_id = $1', [summary.snapshotId]);
      expect(inSnapshot.map((r) => Number(r.batch_id))).toContain(pulled.batchId);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('calls no provider whose host GZ_PROVIDER_HOSTS does not list, and fails the import at once naming the setting', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ records: [], next_cursor: null }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://localhost:${(server.address() as AddressInfo).port}/v1/social-insurance`;
      const config = { id: 'imp-unlisted', dataSources: { files: {}, providers: { registrations: url } } };
      const err = (await importDataSources(deps(), config, 'coordinator-1').catch((e: unknown) => e)) as Error;
      expect(err.message).toMatch(/GZ_PROVIDER_HOSTS/);
      expect(err.message).toMatch(/localhost/);
      expect(requests).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("refuses a launch whose file the importer cannot use, with the importer's error", async () => {
    const bad = path.join(dir, 'social_insurance-empty.csv');
    writeFileSync(bad, '');
    const config = {
      id: 'imp-bad',
      dataSources: { files: { registrations: [data.files.registrations], social_insurance: [bad] }, providers: {} },
    };
    const err = await importDataSources(deps(), config, 'coordinator-1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnusableFileError);
    expect((err as UnusableFileError).file).toBe('social_insurance-empty.csv');
  });
});
