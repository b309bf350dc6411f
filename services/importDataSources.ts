/**
 * Imports as the API and the CLI ask for them; the worker does the importing. An upload is stored in
 * PostgreSQL with its request and imported by `importFileWorkflow`; a launch's files and provider
 * pulls are imported by `importDataSourcesWorkflow` into one snapshot, which the launch waits for.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ActivityFailure, ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowFailedError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { UNUSABLE_FILE_FAILURE, UnusableFileError } from '../dataImport/errors';
import { failImport, requestImport } from '../dataImport/importRecords';
import { storeUpload } from '../dataImport/uploadStore';
import type { CampaignConfig, SourceName } from '../domain/campaignConfig';
import { inTransaction } from '../platform/transactions';
import type { importDataSourcesWorkflow, importFileWorkflow } from '../workflows/importData';
import { CampaignIdAttr } from '../workflows/messages/campaign';
import { importDataSourcesWorkflowId, importFileWorkflowId, type ImportDataSourcesResult } from '../workflows/messages/importData';

interface ImportDeps {
  client: Client;
  pool: Pool;
  taskQueue: string;
}

const NOT_STARTED = '导入未能启动，请重新上传 (the import could not be started; upload the file again)';

/**
 * Records the upload (its bytes in the database, in the request's transaction) and starts its import.
 * Returns at once; the import's status is read from data_import.
 */
export async function startUploadImport(
  deps: ImportDeps,
  r: { source: SourceName; filePath: string; fileName: string; requestedBy: string },
): Promise<{ importId: string; workflowId: string; bytes: number }> {
  const importId = randomUUID();
  const bytes = await inTransaction(deps.pool, async (db) => {
    await requestImport(db, { importId, source: r.source, origin: 'upload', fileName: r.fileName, requestedBy: r.requestedBy });
    return storeUpload(db, importId, r.filePath);
  });
  let workflowId: string;
  try {
    workflowId = await startUploadWorkflow(deps, { importId, source: r.source, requestedBy: r.requestedBy, fileName: r.fileName });
  } catch (err) {
    await failImport(deps.pool, importId, NOT_STARTED).catch(() => undefined);
    throw err;
  }
  return { importId, workflowId, bytes };
}

/** Starts an upload's import once: an id that already ran (or runs) is left as it is. */
async function startUploadWorkflow(deps: ImportDeps, u: { importId: string; source: SourceName; requestedBy: string; fileName: string }): Promise<string> {
  const workflowId = importFileWorkflowId(u.importId);
  try {
    await deps.client.workflow.start<typeof importFileWorkflow>('importFileWorkflow', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [{ importId: u.importId, source: u.source, requestedBy: u.requestedBy, file: { kind: 'upload', fileName: u.fileName } }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return workflowId;
}

/**
 * Starts the imports of uploads stored by an API process that stopped before starting them (the
 * upload's transaction committed, the workflow start never happened). Run when the API starts.
 */
export async function resumeQueuedUploads(deps: ImportDeps): Promise<number> {
  const { rows } = await deps.pool.query<{ id: string; source: SourceName; requested_by: string; file_name: string }>(
    `SELECT id, source, requested_by, file_name FROM data_import WHERE origin = 'upload' AND status = 'queued' ORDER BY requested_at`,
  );
  for (const r of rows) await startUploadWorkflow(deps, { importId: r.id, source: r.source, requestedBy: r.requested_by, fileName: r.file_name });
  return rows.length;
}

/** The digest that names a launch's import: the same sources give the same workflow. */
function sourcesDigest(d: Pick<CampaignConfig['dataSources'], 'files' | 'providers'>): string {
  return createHash('sha256')
    .update(JSON.stringify({ files: d.files, providers: d.providers }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Imports every configured file and provider in the worker and waits for the snapshot. A launch
 * repeated after a crash joins the running import, or reuses its result when it completed; a failed
 * one runs again. A refused file throws UnusableFileError, as the importer does.
 */
export async function importDataSources(
  deps: Omit<ImportDeps, 'pool'>,
  config: Pick<CampaignConfig, 'id' | 'dataSources'>,
  importedBy: string,
  log: (line: string) => void = () => undefined,
): Promise<ImportDataSourcesResult> {
  const workflowId = importDataSourcesWorkflowId(config.id, sourcesDigest(config.dataSources));
  try {
    await deps.client.workflow.start<typeof importDataSourcesWorkflow>('importDataSourcesWorkflow', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [{ campaignId: config.id, requestedBy: importedBy, files: config.dataSources.files, providers: config.dataSources.providers }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      typedSearchAttributes: [{ key: CampaignIdAttr, value: config.id }],
    });
    log(`importing the data sources in the worker (workflow ${workflowId})`);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    log(`joining the import of the same data sources (workflow ${workflowId})`);
  }
  let summary: ImportDataSourcesResult;
  try {
    summary = await deps.client.workflow.getHandle<typeof importDataSourcesWorkflow>(workflowId).result();
  } catch (err) {
    throw importFailure(err);
  }
  for (const b of summary.batches) {
    log(`imported ${b.source} from ${b.origin}: ${b.accepted} rows, ${b.rejected} rejected, ${b.warned} warnings`);
  }
  return summary;
}

/** The importer's own error where the worker refused a file; otherwise the workflow's failure, plainly. */
function importFailure(err: unknown): Error {
  if (!(err instanceof WorkflowFailedError)) return err as Error;
  let cause: unknown = err.cause;
  while (cause instanceof ActivityFailure) cause = cause.cause;
  if (cause instanceof ApplicationFailure && cause.type === UNUSABLE_FILE_FAILURE) {
    const where = cause.details?.[0] as { file?: string; column?: string | null } | undefined;
    return UnusableFileError.reported(cause.message, where?.file ?? '', where?.column ?? undefined);
  }
  return new Error(`data import failed: ${cause instanceof Error ? cause.message : err.message}`);
}
