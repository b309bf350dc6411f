/**
 * Data imports: an upload is stored and handed to the worker (202 with the import's id); the import's
 * status and progress; batches, their rejects and warnings as CSV; snapshots.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { findImport, ImportRecord } from '../../dataImport/importRecords';
import { issuesStream } from '../../dataImport/issues';
import { csvLine } from '../../domain/spreadsheetText';
import { createSnapshot } from '../../dataImport/snapshot';
import { SourceName } from '../../domain/campaignConfig';
import { resumeQueuedUploads, startUploadImport } from '../../services/importDataSources';
import { findImportBatch, ImportBatch, listImportBatches } from '../../readModel/importBatches';
import { findSnapshot, listSnapshots, SnapshotSummary } from '../../readModel/snapshots';
import { COORDINATOR } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { Page, tags } from './schemas';
import { maskedIssuesFor } from './issueMasking';
import { receiveUpload, UPLOAD_TYPES } from './upload';
import { nameText } from '../../domain/text';

const READERS = ['province_coordinator', 'supervisor', 'auditor'] as const;
/** The city's 公积金中心 uploads its fund data (issue 21) and follows its imports. */
const UPLOADERS = ['province_coordinator', 'city_fund_officer'] as const;
const STATUS_READERS = [...READERS, 'city_fund_officer'] as const;
/** The 公积金中心 reads the rejects of its own uploads only (values masked, as an auditor's). */
const ISSUE_READERS = ['province_coordinator', 'auditor', 'city_fund_officer'] as const;
const none = { kind: 'none' } as const;
const BatchParams = z.object({ batchId: z.coerce.number().int().positive() });
const ImportParams = z.object({ importId: z.string().uuid() });
const SnapshotParams = z.object({ snapshotId: z.coerce.number().int().positive() });

/** Streamed as it is read, never serialized as JSON. */
const CsvStream = z.custom<Readable>((v) => v instanceof Readable, 'a CSV stream').meta({ type: 'string' });
const issuesCsvPath = (batchId: number) => `/imports/${batchId}/issues.csv`;

const ImportAccepted = z.object({
  importId: z.string().uuid(),
  status: z.literal('queued'),
  source: SourceName,
  fileName: z.string(),
  bytes: z.number().int(),
  statusUrl: z.string().describe('GET it for the status, progress and result'),
});

const ImportJob = ImportRecord.extend({
  issuesCsv: z.string().nullable().describe('the rejected rows and warnings as CSV, once the import completed'),
});

async function* issuesCsv(rows: AsyncIterable<{ file: string; line: number; column: string; value: string; reason: string; severity: string }>) {
  // A byte-order mark: Excel shows the Chinese reasons correctly only with one.
  yield '\uFEFFfile,line,column,value,reason,severity\r\n';
  for await (const r of rows) yield csvLine([r.file, r.line, r.column, r.value, r.reason, r.severity]);
}

export async function registerImportRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  const { pool } = ctx;
  const limit = ctx.settings.GZ_UPLOAD_LIMIT_MB * 1024 * 1024;
  const imports = { client: ctx.client, pool, taskQueue: ctx.config.TASK_QUEUE };

  // An upload stored by an API process that stopped before starting its import is started now.
  app.addHook('onReady', async () => {
    const resumed = await resumeQueuedUploads(imports).catch((err: unknown) => {
      ctx.log(`imports: queued uploads not resumed (${err instanceof Error ? err.message : String(err)}); they are tried again at the next start`);
      return 0;
    });
    if (resumed > 0) ctx.log(`imports: started ${resumed} queued upload import(s)`);
  });

  // Uploads arrive as streams; only this scope accepts file content types.
  await app.register(async (scope: ZodApp) => {
    scope.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));
    scope.post(
      '/imports',
      {
        bodyLimit: limit,
        config: { action: 'import.upload', access: { roles: UPLOADERS, city: none }, audit: true },
        schema: {
          summary: 'Upload a data file (CSV or XLSX) of one source; the worker imports it as one batch',
          description:
            'Send the file as the body (Content-Type text/csv, an .xlsx type or application/octet-stream) or as multipart/form-data with the file in field "file". ' +
            'The file is stored and its import started; the answer (202) names the import, whose status, progress and result GET /imports/jobs/{importId} reports.',
          tags: tags.imports,
          querystring: z.object({ source: SourceName, fileName: nameText({ max: 200 }).optional() }),
          consumes: UPLOAD_TYPES,
          response: { 202: ImportAccepted, ...problemResponses(400, 401, 403, 413, 415, 422) },
        },
      },
      async (req, reply) => {
        if (req.principal!.role === 'city_fund_officer' && req.query.source !== 'housing_fund') {
          const message = '住房公积金管理中心只能上传公积金缴存数据（「数据来源」应为 housing_fund）';
          throw new Problem('forbidden', message, { errors: [{ path: 'querystring.source', message }] });
        }
        const contentType = String(req.headers['content-type'] ?? '');
        const upload = await receiveUpload(req.body as Readable, contentType, { fileName: req.query.fileName, limitBytes: limit });
        try {
          const started = await startUploadImport(imports, {
            source: req.query.source,
            filePath: upload.filePath,
            fileName: upload.fileName,
            requestedBy: req.principal!.userId,
          });
          const statusUrl = `/imports/jobs/${started.importId}`;
          req.auditTarget = `import=${started.importId}`;
          req.auditDetail = { source: req.query.source, fileName: upload.fileName, bytes: started.bytes };
          return reply
            .code(202)
            .header('location', statusUrl)
            .send({
              importId: started.importId,
              status: 'queued' as const,
              source: req.query.source,
              fileName: upload.fileName,
              bytes: started.bytes,
              statusUrl,
            });
        } finally {
          await upload.discard();
        }
      },
    );
  });

  app.get(
    '/imports/jobs/:importId',
    {
      config: { action: 'import.status', access: { roles: STATUS_READERS, city: none } },
      schema: {
        summary: "An import's status, progress (rows and bytes read) and result (the batch's counts; its issues as CSV)",
        tags: tags.imports,
        params: ImportParams,
        response: { 200: ImportJob, ...problemResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const job = await findImport(pool, req.params.importId);
      if (!job) throw new Problem('not_found', `no import ${req.params.importId}`);
      return { ...job, issuesCsv: job.result ? issuesCsvPath(job.result.batchId) : null };
    },
  );

  app.get(
    '/imports',
    {
      config: { action: 'import.list', access: { roles: STATUS_READERS, city: none } },
      schema: {
        summary: 'Import batches, newest first',
        tags: tags.imports,
        querystring: Page.extend({ source: SourceName.optional() }),
        response: { 200: z.object({ items: z.array(ImportBatch) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listImportBatches(pool, { source: req.query.source ?? null, page: req.query.page, pageSize: req.query.pageSize }) }),
  );

  app.get(
    '/imports/:batchId',
    {
      config: { action: 'import.read', access: { roles: STATUS_READERS, city: none } },
      schema: {
        summary: "One batch's status and counts",
        tags: tags.imports,
        params: BatchParams,
        response: { 200: ImportBatch, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const batch = await findImportBatch(pool, req.params.batchId);
      if (!batch) throw new Problem('not_found', `no import batch ${req.params.batchId}`);
      return batch;
    },
  );

  app.get(
    '/imports/:batchId/issues.csv',
    {
      config: { action: 'import.issues', access: { roles: ISSUE_READERS, city: none }, audit: true },
      schema: {
        summary: "Rejected rows and warnings of a batch as CSV (file, line, column, value, reason, severity); a fund centre's own uploads only",
        tags: tags.imports,
        params: BatchParams,
        response: {
          200: { description: 'UTF-8 CSV with a byte-order mark', content: { 'text/csv': { schema: CsvStream } } },
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (req, reply) => {
      const batch = await findImportBatch(pool, req.params.batchId);
      if (!batch) throw new Problem('not_found', `no import batch ${req.params.batchId}`);
      if (req.principal!.role === 'city_fund_officer' && batch.importedBy !== req.principal!.userId) {
        throw new Problem('forbidden', '住房公积金管理中心只能查看本中心上传文件的问题清单');
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="batch-${req.params.batchId}-issues.csv"`)
        .send(Readable.from(issuesCsv(maskedIssuesFor(req.principal!, issuesStream(pool, [req.params.batchId])))));
    },
  );

  app.post(
    '/snapshots',
    {
      config: { action: 'snapshot.create', access: { roles: COORDINATOR, city: none }, audit: true },
      schema: {
        summary: 'Name a set of completed batches as a snapshot (what a campaign screens)',
        tags: tags.imports,
        body: z.object({ label: nameText({ max: 200 }), batchIds: z.array(z.number().int().positive()).min(1).max(1000) }),
        response: { 201: z.object({ snapshotId: z.number() }), ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const snapshotId = await createSnapshot(pool, req.body.label, req.body.batchIds);
      req.auditTarget = `snapshot=${snapshotId}`;
      return reply.code(201).send({ snapshotId });
    },
  );

  app.get(
    '/snapshots',
    {
      config: { action: 'snapshot.list', access: { roles: READERS, city: none } },
      schema: {
        summary: "Data snapshots, newest first, for the launch page's picker: sources, row counts, a Chinese label, whether a campaign can use it",
        tags: tags.imports,
        querystring: Page,
        response: { 200: z.object({ items: z.array(SnapshotSummary) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listSnapshots(pool, req.query) }),
  );

  app.get(
    '/snapshots/:snapshotId',
    {
      config: { action: 'snapshot.read', access: { roles: READERS, city: none } },
      schema: {
        summary: 'One data snapshot: its batches, sources and row counts, and why a campaign cannot use it (when it cannot)',
        tags: tags.imports,
        params: SnapshotParams,
        response: { 200: SnapshotSummary, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const snapshot = await findSnapshot(pool, req.params.snapshotId);
      if (!snapshot) throw new Problem('not_found', `no snapshot ${req.params.snapshotId}`);
      return snapshot;
    },
  );
}
