/** What every input source of the DATA-CONTRACT declares: its columns, row schema and table. */
import { z } from 'zod';
import type { Check } from './fields';

import { SourceName } from '../sourceName';

export { SourceName };

/**
 * How a spreadsheet cell of this column is turned into text before the schema
 * sees it: a Date cell becomes 'YYYY-MM' in a period column, 'YYYY-MM-DD' in a date one.
 */
export type CellKind = 'text' | 'date' | 'period';

export interface ColumnSpec {
  /** English header, also the key in the raw record and in HTTP records. */
  name: string;
  /** Chinese headers accepted for this column (the contract's alias first). */
  aliases: readonly string[];
  /** The header must carry this column, or the file is unusable. */
  required: boolean;
  kind: CellKind;
  /** A problem that keeps the row but must be reported (e.g. an invalid USCC that is dropped). */
  warn?: (raw: string) => string | undefined;
}

/**
 * What a source's row is made of, column by column, so the CSV importer can check each distinct
 * cell value once and let PostgreSQL assemble the rows (dataImport/stagedCsv.ts). It must
 * describe exactly what `fast` computes: `checks` are the cell checks `fast` runs (one per column
 * of `columns`, same keys), `derived` the properties `fast` adds from one checked cell, and
 * `rowGuard` the rule `fast` applies to the checked row, in JS and as a SQL expression over the
 * checked values (text, named after the columns). test/unit/domain/sources/staged.test.ts holds
 * each source to this.
 */
export interface StagedSpec {
  checks: Readonly<Record<string, Check<unknown>>>;
  derived: Readonly<Record<string, { from: string; fn: (checked: never) => unknown }>>;
  rowGuard?: { js: (row: Record<string, unknown>) => boolean; sql: string };
}

/** The raw record a row schema parses: every declared column, trimmed, '' when empty or absent. */
export type RawRecord = Record<string, string>;

export interface SourceDefinition<Row extends object> {
  name: SourceName;
  /** The contract's Chinese name of the source, for messages. */
  label: string;
  table: string;
  columns: readonly ColumnSpec[];
  schema: z.ZodType<Row, RawRecord>;
  /**
   * Optional fast path giving the same row as `schema` for a valid record, or
   * undefined whenever it cannot (the importer then runs `schema` for the reasons).
   */
  fast?: (raw: RawRecord) => Row | undefined;
  /** Present when `fast` is built from per-cell checks: lets large CSV files be checked set-based. */
  staged?: StagedSpec;
  /** The row's properties in the table's column order (batch_id and line come first, added by the importer). */
  dbColumns: readonly (keyof Row & string)[];
}

/** A source with its row type erased, as the importer handles any of them. */
export interface AnySource {
  name: SourceName;
  label: string;
  table: string;
  columns: readonly ColumnSpec[];
  schema: z.ZodType<object, RawRecord>;
  fast?: (raw: RawRecord) => object | undefined;
  staged?: StagedSpec;
  dbColumns: readonly string[];
}

/** Declares a source with its row type inferred from the schema. */
export function defineSource<S extends z.ZodType<object, RawRecord>>(def: {
  name: SourceName;
  label: string;
  table: string;
  columns: readonly ColumnSpec[];
  schema: S;
  fast?: (raw: RawRecord) => z.output<S> | undefined;
  staged?: StagedSpec;
  dbColumns: readonly (keyof z.output<S> & string)[];
}): SourceDefinition<z.output<S>> {
  return def as unknown as SourceDefinition<z.output<S>>;
}

export const col = (
  name: string,
  aliases: string | readonly string[],
  required: boolean,
  extra: Partial<Pick<ColumnSpec, 'kind' | 'warn'>> = {},
): ColumnSpec => ({
  name,
  aliases: typeof aliases === 'string' ? [aliases] : aliases,
  required,
  kind: extra.kind ?? 'text',
  warn: extra.warn,
});
