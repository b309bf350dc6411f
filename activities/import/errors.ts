import { DomainError } from '../../domain/errors';

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
}
