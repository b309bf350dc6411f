import { DomainError, type ErrorCode } from '../domain/errors';

/** The failure type an import activity reports for an UnusableFileError (non-retryable): its code. */
export const UNUSABLE_FILE_FAILURE: ErrorCode = 'UnusableFile';

/** A file (or provider) the importer cannot use at all: nothing from it is imported. */
export class UnusableFileError extends DomainError {
  /** The file's base name (or the provider URL without its query). */
  readonly file: string;
  /** The column at fault, when one is. */
  readonly column?: string;

  constructor(file: string, problem: string, column?: string) {
    // The message names file and column only: never cell contents (personal data stays out of logs).
    super('UnusableFile', column ? `${file}: ${problem} [${column}]` : `${file}: ${problem}`);
    this.file = file;
    this.column = column;
  }

  /** The error as an import activity reported it (message already composed), for the process that waited on it. */
  static reported(message: string, file: string, column?: string): UnusableFileError {
    const err = new UnusableFileError(file, '', column);
    err.message = message;
    return err;
  }
}

/** A snapshot that cannot be made of the batches given (unknown, or not completed): the caller's mistake. */
export class SnapshotRefusedError extends DomainError {
  constructor(message: string) {
    super('SnapshotBatchUnusable', message);
  }
}
