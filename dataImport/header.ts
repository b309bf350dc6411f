/**
 * Maps a header row onto a source's columns: English name or Chinese alias,
 * any order, unknown columns ignored, a missing required column refused.
 */
import type { AnySource, RawRecord } from '../domain/sources';
import { cellText } from './cellText';
import { UnusableFileError } from './errors';

/** Header text compared loosely: NFKC, no whitespace, lower case, a template's required-marker '*' dropped. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\uFEFF]+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase();
}

export interface ColumnMap {
  source: AnySource;
  /** For each of source.columns, its cell index in the file, or -1 when the file lacks it. */
  indexes: readonly number[];
}

export function resolveHeader(source: AnySource, headerCells: readonly unknown[], fileName: string): ColumnMap {
  const byKey = new Map<string, number>();
  source.columns.forEach((c, i) => {
    byKey.set(headerKey(c.name), i);
    for (const alias of c.aliases) byKey.set(headerKey(alias), i);
  });
  const indexes = source.columns.map(() => -1);
  headerCells.forEach((cell, cellIndex) => {
    const col = byKey.get(headerKey(cellText(cell, 'text')));
    if (col === undefined) return;
    if (indexes[col] !== -1) {
      // Two cells for one column: which one holds the data is a guess, so refuse rather than guess.
      throw new UnusableFileError(fileName, '列重复 (column appears more than once)', source.columns[col].name);
    }
    indexes[col] = cellIndex;
  });
  const missing = source.columns.filter((c, i) => c.required && indexes[i] === -1);
  if (missing.length > 0) {
    const list = missing.map((c) => `${c.name}（${c.aliases[0]}）`).join(', ');
    throw new UnusableFileError(fileName, `缺少必需的列 ${list} (missing required column)`, missing[0].name);
  }
  return { source, indexes };
}

/** The row as the schema reads it, or null for a blank row (no cell has content). */
export function toRawRecord(map: ColumnMap, cells: readonly unknown[]): RawRecord | null {
  const raw: RawRecord = {};
  let blank = true;
  const { columns } = map.source;
  for (let i = 0; i < columns.length; i++) {
    const idx = map.indexes[i];
    // NUL cannot be stored in PostgreSQL text; it is never meaningful in a cell.
    const text = idx < 0 ? '' : cleanCell(cellText(cells[idx], columns[i].kind));
    if (text !== '') blank = false;
    raw[columns[i].name] = text;
  }
  // A row whose only content sits in unknown columns is still a row: it is reported, not skipped.
  if (blank && cells.some((c) => cleanCell(cellText(c, 'text')) !== '')) blank = false;
  return blank ? null : raw;
}

export function cleanCell(text: string): string {
  return (text.includes('\0') ? text.replace(/\0/g, '') : text).trim();
}
