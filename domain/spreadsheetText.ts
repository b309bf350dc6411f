/**
 * Cells of every export a spreadsheet may open (CSV, XLSX). A spreadsheet reads a cell that starts
 * with = + - @ (and, in some, a tab or carriage return) as a formula, so a unit name or an imported
 * value such as `=HYPERLINK(…)` or `+cmd|' /C calc'!A0` would run on an official's machine. As OWASP
 * recommends, such text is prefixed with a single quote, which spreadsheets show as text. A plain
 * number (`-12`, `+3.5`, `1e3`) is not a formula and stays as it is; numeric cells are never touched.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Text as a cell may hold it: a would-be formula gets a leading `'`. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export type CellValue = string | number | null | undefined;

/** A value for a spreadsheet cell: text neutralised, numbers (and empty cells) as they are. */
export function spreadsheetCell<T extends CellValue>(value: T): T {
  return (typeof value === 'string' ? neutraliseFormula(value) : value) as T;
}

/** One CSV field (RFC 4180 quoting), its text neutralised. */
export function csvField(value: CellValue): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record with its line end (CRLF as RFC 4180 has it, unless the format says otherwise). */
export function csvLine(values: readonly CellValue[], eol: '\r\n' | '\n' = '\r\n'): string {
  return `${values.map(csvField).join(',')}${eol}`;
}
