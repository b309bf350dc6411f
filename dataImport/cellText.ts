/**
 * Turns an XLSX cell value into the text a CSV of the same sheet would hold,
 * so one row schema serves both formats.
 */
import type { CellKind } from '../domain/sources';

const DAY_MS = 86_400_000;
// Excel's 1900 date system counts from 1899-12-30 (its phantom 1900-02-29 is already absorbed).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
// A bare number this small in a date column is a serial date whose format was lost (up to year 2173).
const MAX_SERIAL = 99_999;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function formatDate(d: Date, kind: CellKind): string {
  // exceljs builds Dates at UTC midnight: a spreadsheet date has no time zone.
  const ym = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`;
  return kind === 'period' ? ym : `${ym}-${pad(d.getUTCDate())}`;
}

function formatNumber(n: number, kind: CellKind): string {
  if (kind !== 'text' && n > 0 && n <= MAX_SERIAL) return formatDate(new Date(EXCEL_EPOCH_MS + Math.floor(n) * DAY_MS), kind);
  // Up to 2^53 every integer is exact: a 15-digit legacy ID stored as a number reads back whole. Beyond
  // it the last digits are gone, and the exponent form lets the ID and USCC checks say so (spreadsheetNumbers.ts).
  if (Number.isSafeInteger(n)) return n.toFixed(0);
  return Number.isInteger(n) ? n.toExponential() : String(n);
}

export function cellText(value: unknown, kind: CellKind): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, kind);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDate(value, kind);
  if (typeof value === 'object') {
    const v = value as { richText?: { text?: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('result' in v) return cellText(v.result, kind);
    if ('text' in v) return cellText(v.text, kind);
    // #N/A and friends: no value, so a required cell is reported empty rather than stored as '#N/A'.
    if ('error' in v) return '';
  }
  return '';
}
