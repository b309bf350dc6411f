/** Streams CSV records (UTF-8 with or without BOM, or GB18030; RFC 4180) with their spreadsheet line numbers. */
import { pipeline, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { UnusableFileError } from './errors';
import type { SheetRow } from './sheetRow';
import { Gb18030ToUtf8, type TextEncoding } from './textEncoding';

// A garbage file with an unclosed quote would otherwise pull the rest of a multi-GB file into one cell.
const MAX_RECORD_CHARS = 1_000_000;

export async function* readCsvRows(input: Readable, fileName: string, encoding: TextEncoding = 'utf-8'): AsyncGenerator<SheetRow> {
  const parser = parse({
    bom: true,
    // Blank lines still produce a record, so record n is line n as Excel shows the file.
    skip_empty_lines: false,
    relax_column_count: true,
    // A stray quote inside an unquoted cell (某"公司) is data, not a reason to refuse the file.
    relax_quotes: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // Errors of the file stream surface through the parser's iterator.
  if (encoding === 'gb18030') pipeline(input, new Gb18030ToUtf8(), parser, () => undefined);
  else pipeline(input, parser, () => undefined);
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      // A quoted multi-line cell belongs to its record: one record, one line number.
      line += 1;
      yield { line, cells: record };
    }
  } catch (err) {
    if (err instanceof UnusableFileError) throw err;
    // The parser's own record count: records it parsed in the same chunk may not have reached us.
    const records = (err as { records?: unknown }).records;
    const at = (typeof records === 'number' ? records : line) + 1;
    // Only the position: the parser's message and context quote the cell, which may be personal data.
    throw new UnusableFileError(fileName, `CSV格式错误，第${at}行 (malformed CSV at line ${at})`);
  } finally {
    input.destroy();
  }
}
