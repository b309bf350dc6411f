/**
 * Opening produced files again the way a recipient would: .xlsx with exceljs and with an
 * independent reader (SheetJS, @e965/xlsx), .docx with mammoth.
 */
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import mammoth from 'mammoth';

export async function openWithExcelJS(content: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  return wb;
}

export function openWithSheetJS(content: Buffer): XLSX.WorkBook {
  return XLSX.read(content, { type: 'buffer', cellStyles: true, cellFormula: true });
}

/** Every row of a sheet as display text, empty cells as ''. */
export function sheetRows(ws: XLSX.WorkSheet): string[][] {
  return XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false, defval: '', blankrows: true }).map((r) => r.map((v) => String(v)));
}

/** The detail rows of the form: from row 5 while column A holds a row number. */
export function detailRows(rows: string[][]): string[][] {
  const out: string[][] = [];
  for (let i = 4; i < rows.length && /^\d+$/.test(rows[i][0] ?? ''); i++) out.push(rows[i]);
  return out;
}

export function mergesOf(ws: XLSX.WorkSheet): string[] {
  return (ws['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m)).sort();
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();

/** Every table of a .docx as rows of cell text. */
export async function docxTables(content: Buffer): Promise<string[][][]> {
  const { value } = await mammoth.convertToHtml({ buffer: content });
  return [...value.matchAll(/<table>(.*?)<\/table>/gs)].map(([, t]) =>
    [...t.matchAll(/<tr>(.*?)<\/tr>/gs)].map(([, r]) => [...r.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map(([, c]) => text(c))),
  );
}

export async function docxText(content: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer: content })).value;
}

/** 18-character ID numbers anywhere in a text. */
export const FULL_ID = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])/;
