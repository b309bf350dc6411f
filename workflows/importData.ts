/**
 * The import workflows. importFileWorkflow imports one uploaded file; importDataSourcesWorkflow
 * imports a campaign's configured files and provider pulls, one activity each, and names the
 * batches as one snapshot. The work (and its heartbeats and progress) is in the activities; a
 * workflow only orders it and, when an import gives up, records why (status failed) before failing.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { parseWorkflowInput } from './parseInput';
import { ImportDataSourcesWorkflowInput, ImportFileWorkflowInput, type ImportDataSourcesResult, type ImportedBatch } from './messages/importData';

// 'UnusableFile' is dataImport/errors.ts's UNUSABLE_FILE_FAILURE (workflow code imports no I/O library).
// A 255 MB file takes about a minute on the bench machine: two hours leaves room for a slow disk and
// a loaded database. Heartbeats (every 5 s, and with each progress report) detect a dead worker.
const importing = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5, nonRetryableErrorTypes: ['UnusableFile'] },
});

const recording = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The reason an official reads: the importer's own message for a refused file (Chinese, names file and column). */
function failureReason(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (cause instanceof ApplicationFailure && cause.type === 'UnusableFile') return message;
  return `导入失败，多次重试仍未成功，未保存任何数据 (import failed after retries; nothing was stored): ${message}`;
}

async function recordingFailure<T>(importId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    await recording.markImportFailed({ importId, reason: failureReason(err) });
    throw err;
  }
}

export async function importFileWorkflow(raw: ImportFileWorkflowInput) {
  const input = parseWorkflowInput(ImportFileWorkflowInput, raw, 'import file workflow');
  return recordingFailure(input.importId, () => importing.importDataFile(input));
}

export async function importDataSourcesWorkflow(raw: ImportDataSourcesWorkflowInput): Promise<ImportDataSourcesResult> {
  const input = parseWorkflowInput(ImportDataSourcesWorkflowInput, raw, 'import data sources workflow');
  const batches: ImportedBatch[] = [];
  for (const [source, paths] of Object.entries(input.files) as [keyof typeof input.files, string[]][]) {
    for (const path of paths) {
      const importId = uuid4();
      const r = await recordingFailure(importId, () =>
        importing.importDataFile({ importId, source, requestedBy: input.requestedBy, file: { kind: 'path', path } }),
      );
      batches.push({ source, importId, origin: r.fileName, batchId: r.batchId, accepted: r.rowsAccepted, rejected: r.rowsRejected, warned: r.rowsWarned });
    }
  }
  for (const [source, baseUrl] of Object.entries(input.providers) as [keyof typeof input.providers, string][]) {
    const importId = uuid4();
    const r = await recordingFailure(importId, () =>
      importing.importProviderData({ importId, source, baseUrl, requestedBy: input.requestedBy, resumeKey: `campaign/${input.campaignId}/${source}` }),
    );
    batches.push({ source, importId, origin: r.fileName, batchId: r.batchId, accepted: r.rowsAccepted, rejected: r.rowsRejected, warned: r.rowsWarned });
  }
  const { snapshotId } = await recording.snapshotImports({ label: `campaign ${input.campaignId}`, batchIds: batches.map((b) => b.batchId) });
  return { snapshotId, batches };
}
