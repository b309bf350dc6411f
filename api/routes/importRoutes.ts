/** Data imports: upload a file → one import batch; batch status; rejects and warnings as CSV; snapshots. */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { importFile } from '../../activities/import/importFile';
import { issuesStream } from '../../activities/import/issues';
import { createSnapshot } from '../../activities/import/snapshot';
import { SourceName } from '../../domain/campaignConfig';
import { COORDINATOR } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { AnyObject, Page, tags } from './schemas';
import { receiveUpload, UPLOAD_TYPES } from './upload';

const READERS = ['province_coordinator', 'supervisor', 'auditor'] as const;
const ISSUE_READERS = ['province_coordinator', 'auditor'] as const;
const none = { kind: 'none' } as const;
const BatchParams = z.object({ batchId: z.coerce.number().int().positive() });
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d === null || d === undefined ? null : typeof d === 'string' ? d : JSON.stringify(d));

function batchJson(r: Record<string, unknown>) {
  return {
    batchId: Number(r.id), source: r.source, origin: r.origin, fileName: r.file_name, checksum: r.checksum, importedBy: r.imported_by,
    startedAt: iso(r.started_at), finishedAt: iso(r.finished_at), status: r.status, rowsTotal: r.rows_total, rowsAccepted: r.rows_accepted,
    rowsRejected: r.rows_rejected, rowsWarned: r.rows_warned, error: r.error,
  };
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function* issuesCsv(rows: AsyncIterable<{ file: string; line: number; column: string; value: string; reason: string; severity: string }>) {
  // A byte-order mark: Excel shows the Chinese reasons correctly only with one.
  yield '\uFEFFfile,line,column,value,reason,severity\r\n';
  for await (const r of rows) yield [r.file, r.line, r.column, r.value, r.reason, r.severity].map(csvCell).join(',') + '\r\n';
}

export async function registerImportRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  const { pool } = ctx;
  const limit = ctx.settings.GZ_UPLOAD_LIMIT_MB * 1024 * 1024;

  // Uploads arrive as streams; only this scope accepts file content types.
  await app.register(async (scope: ZodApp) => {
    scope.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));
    scope.post('/imports', {
      bodyLimit: limit,
      config: { action: 'import.upload', access: { roles: COORDINATOR, city: none }, audit: true },
      schema: {
        summary: 'Upload a data file (CSV or XLSX) of one source; it becomes one import batch',
        description: 'Send the file as the body (Content-Type text/csv, an .xlsx type or application/octet-stream) or as multipart/form-data with the file in field "file".',
        tags: tags.imports,
        querystring: z.object({ source: SourceName, fileName: z.string().max(200).optional() }),
        consumes: UPLOAD_TYPES,
        response: { 201: AnyObject, ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
    }, async (req, reply) => {
      const contentType = String(req.headers['content-type'] ?? '');
      const upload = await receiveUpload(req.body as Readable, contentType, { fileName: req.query.fileName, limitBytes: limit });
      try {
        const result = await importFile(pool, { source: req.query.source, filePath: upload.filePath, importedBy: req.principal!.userId });
        req.auditTarget = `batch=${result.batchId}`;
        req.auditDetail = { source: result.source, fileName: result.fileName, rowsRejected: result.rowsRejected };
        return reply.code(201).send({ ...result, bytes: upload.bytes });
      } finally {
        await upload.discard();
      }
    });
  });

  app.get('/imports', {
    config: { action: 'import.list', access: { roles: READERS, city: none } },
    schema: { summary: 'Import batches, newest first', tags: tags.imports, querystring: Page.extend({ source: SourceName.optional() }), response: { 200: z.object({ items: z.array(AnyObject) }) } },
  }, async (req) => {
    const { rows } = await pool.query(
      'SELECT * FROM import_batch WHERE ($1::text IS NULL OR source = $1) ORDER BY id DESC LIMIT $2 OFFSET $3',
      [req.query.source ?? null, req.query.pageSize, (req.query.page - 1) * req.query.pageSize],
    );
    return { items: rows.map(batchJson) };
  });

  app.get('/imports/:batchId', {
    config: { action: 'import.read', access: { roles: READERS, city: none } },
    schema: { summary: "One batch's status and counts", tags: tags.imports, params: BatchParams, response: { 200: AnyObject, ...problemResponses(401, 403, 404) } },
  }, async (req) => {
    const { rows } = await pool.query('SELECT * FROM import_batch WHERE id = $1', [req.params.batchId]);
    if (!rows[0]) throw new Problem('not_found', `no import batch ${req.params.batchId}`);
    return batchJson(rows[0]);
  });

  app.get('/imports/:batchId/issues.csv', {
    config: { action: 'import.issues', access: { roles: ISSUE_READERS, city: none } },
    schema: { summary: 'Rejected rows and warnings of a batch as CSV (file, line, column, value, reason, severity)', tags: tags.imports, params: BatchParams, response: problemResponses(401, 403, 404) },
  }, async (req, reply) => {
    const { rowCount } = await pool.query('SELECT 1 FROM import_batch WHERE id = $1', [req.params.batchId]);
    if (!rowCount) throw new Problem('not_found', `no import batch ${req.params.batchId}`);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="batch-${req.params.batchId}-issues.csv"`)
      .send(Readable.from(issuesCsv(issuesStream(pool, [req.params.batchId]))) as never);
  });

  app.post('/snapshots', {
    config: { action: 'snapshot.create', access: { roles: COORDINATOR, city: none }, audit: true },
    schema: {
      summary: 'Name a set of completed batches as a snapshot (what a campaign screens)',
      tags: tags.imports,
      body: z.object({ label: z.string().trim().min(1).max(200), batchIds: z.array(z.number().int().positive()).min(1).max(1000) }),
      response: { 201: z.object({ snapshotId: z.number() }), ...problemResponses(400, 401, 403, 422) },
    },
  }, async (req, reply) => {
    try {
      const snapshotId = await createSnapshot(pool, req.body.label, req.body.batchIds);
      req.auditTarget = `snapshot=${snapshotId}`;
      return reply.code(201).send({ snapshotId });
    } catch (err) {
      if (err instanceof Error && /import batch/.test(err.message)) throw new Problem('rejected', err.message);
      throw err;
    }
  });
}
