/**
 * Imports as the API and the CLI ask for them; the worker does the importing. An upload is stored in
 * PostgreSQL with its request and imported by `importFileWorkflow`; a launch's files and provider
 * pulls are imported by `importDataSourcesWorkflow` into one snapshot, which the launch waits for.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  ActivityFailure, ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowFailedError, type Client,
} from '@temporalio/client';
import type { Pool } from 'pg';
import { UNUSABLE_FILE_FAILURE, UnusableFileError } from '../dataImport/errors';
import { failImport, requestImport } from '../dataImport/importRecords';
import { storeUpload } from '../dataImport/uploadStore';
import type { CampaignConfig, SourceName } from '../domain/campaignConfig';
import type { importDataSourcesWorkflow, importFileWorkflow } from '../workflows/importData';
import { CampaignIdAttr } from '../workflows/messages/campaign';
import {
  importDataSourcesWorkflowId, importFileWorkflowId, type ImportDataSourcesResult,
} from '../workflows/messages/importData';

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
  const db = await deps.pool.connect();
  let bytes: number;
  try {
    await db.query('BEGIN');
    await requestImport(db, { importId, source: r.source, origin: 'upload', fileName: r.fileName, requestedBy: r.requestedBy });
    bytes = await storeUpload(db, importId, r.filePath);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    db.release();
  }
  const workflowId = importFileWorkflowId(importId);
  try {
    await deps.client.workflow.start<typeof importFileWorkflow>('importFileWorkflow', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [{ importId, source: r.source, requestedBy: r.requestedBy, file: { kind: 'upload', fileName: r.fileName } }],
    });
  } catch (err) {
    await failImport(deps.pool, importId, NOT_STARTED).catch(() => undefined);
    throw err;
  }
  return { importId, workflowId, bytes };
}

/** The digest that names a launch's import: the same sources give the same workflow. */
function sourcesDigest(d: Pick<CampaignConfig['dataSources'], 'files' | 'providers'>): string {
  return createHash('sha256').update(JSON.stringify({ files: d.files, providers: d.providers })).digest('hex').slice(0, 16);
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
