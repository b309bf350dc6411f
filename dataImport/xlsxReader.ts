/** Streams the first worksheet of an XLSX file with exceljs's WorkbookReader, row by row. */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { UnusableFileError } from './errors';
import { PROBLEMS } from './detectFormat';
import type { SheetRow } from './sheetRow';

export async function* readXlsxRows(input: Readable, fileName: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    // Styles carry the number formats that make a cell a Date.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let seen = 0;
  try {
    for await (const sheet of reader) {
      seen += 1;
      // Workbook order when workbook.xml came first in the zip (it does in Excel's and exceljs's files).
      const firstId = (reader as unknown as { model?: { sheets?: { id: number }[] } }).model?.sheets?.[0]?.id;
      const isFirst = firstId !== undefined ? (sheet as unknown as { id: number }).id === firstId : seen === 1;
      // Later sheets are skipped but still read through, so the checksum covers every byte.
      if (!isFirst) continue;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        yield { line: row.number, cells: values.slice(1) };
      }
    }
  } catch (err) {
    if (err instanceof UnusableFileError) throw err;
    throw new UnusableFileError(fileName, PROBLEMS.damagedXlsx);
  } finally {
    input.destroy();
  }
}
