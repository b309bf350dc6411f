/**
 * One data file imported as one batch, in an activity: an uploaded file (its bytes in the database)
 * or a file of a campaign's configuration (a path the worker reads). The import's id makes every
 * attempt the same import: a retry after a crash finds the completed batch, or marks the interrupted
 * one failed (PostgreSQL already rolled its rows back: the whole file is one transaction) and imports
 * the file again. A file the importer cannot use fails at once, non-retryably, with nothing stored.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { SourceName } from '../../domain/campaignConfig';
import { JILIN_CITIES, type City } from '../../domain/cities';
import { UNUSABLE_FILE_FAILURE, UnusableFileError } from '../../dataImport/errors';
import { errorText, importFile, type ImportProgress } from '../../dataImport/importFile';
import { beginAttempt, completeImport, recordProgress, requestImport, type ImportOutcome } from '../../dataImport/importRecords';
import { restoreUpload } from '../../dataImport/uploadStore';
import { keepHeartbeating } from '../keepHeartbeating';

export interface ImportDataFileInput {
  importId: string;
  source: SourceName;
  requestedBy: string;
  /** An upload's bytes are in data_import_upload; a configured file is read where it lies. */
  file: { kind: 'upload'; fileName: string } | { kind: 'path'; path: string };
}

/** Watches an attempt; a test uses it to interrupt one part-way. */
interface ImportObserver {
  onProgress?(p: ImportProgress): void;
}

/** Progress reaches the database at most once a second (the status route reads it there). */
const PROGRESS_WRITE_EVERY_MS = 1_000;

export async function importDataFile(pool: Pool, input: ImportDataFileInput, observer: ImportObserver = {}): Promise<ImportOutcome> {
  const fileName = input.file.kind === 'upload' ? input.file.fileName : path.basename(input.file.path);
  await requestImport(pool, {
    importId: input.importId,
    source: input.source,
    origin: input.file.kind === 'upload' ? 'upload' : 'file',
    fileName,
    requestedBy: input.requestedBy,
  });
  const done = await beginAttempt(pool, input.importId);
  if (done) return done;

  // Taken now: progress arrives from stream callbacks, outside the activity's async context.
  const activity = Context.current();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gz-import-'));
  let written: Promise<void> = Promise.resolve();
  let lastWrite = 0;
  const onProgress = (p: ImportProgress) => {
    activity.heartbeat(p);
    observer.onProgress?.(p);
    const now = Date.now();
    if (now - lastWrite < PROGRESS_WRITE_EVERY_MS) return;
    lastWrite = now;
    // A lost progress write only delays the figure; the import goes on.
    written = written.then(() => recordProgress(pool, input.importId, p)).catch(() => undefined);
  };
  try {
    let filePath: string;
    if (input.file.kind === 'upload') {
      filePath = path.join(dir, path.basename(fileName));
      if (!(await restoreUpload(pool, input.importId, filePath))) {
        throw ApplicationFailure.nonRetryable(`${fileName}: 上传的文件已不在 (the uploaded file is gone)`, 'UploadGone');
      }
    } else {
      filePath = input.file.path;
    }
    const ownCity = input.file.kind === 'upload' && input.source === 'housing_fund' ? await fundCentreCity(pool, input.requestedBy) : undefined;
    const result = await keepHeartbeating(() =>
      importFile(pool, { source: input.source, filePath, importedBy: input.requestedBy, importId: input.importId, onProgress, ownCity }),
    );
    await written;
    const outcome: ImportOutcome = { importId: input.importId, ...result };
    await completeImport(pool, outcome);
    return outcome;
  } catch (err) {
    await written;
    if (err instanceof UnusableFileError) {
      throw ApplicationFailure.create({
        message: err.message,
        type: UNUSABLE_FILE_FAILURE,
        nonRetryable: true,
        details: [{ file: err.file, column: err.column ?? null }],
      });
    }
    if (err instanceof ApplicationFailure) throw err;
    // Retryable; the message is the batch's error text (quoted database values blanked).
    throw ApplicationFailure.retryable(errorText(err), err instanceof Error ? err.name : 'ImportError');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The city whose 住房公积金管理中心 uploaded the file (role city_fund_officer, bound to one city):
 * its upload keeps its own city's rows only. Undefined for the province's coordinator, who may
 * upload any city's data.
 */
async function fundCentreCity(pool: Pool, username: string): Promise<City | undefined> {
  const { rows } = await pool.query<{ city_code: string | null }>(`SELECT city_code::text FROM app_user WHERE username = $1 AND role = 'city_fund_officer'`, [
    username,
  ]);
  const code = rows[0]?.city_code;
  return code ? JILIN_CITIES.find((c) => c.code === code) : undefined;
}
