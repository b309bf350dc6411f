/**
 * Decides how to read a file from its extension and first bytes, and refuses
 * the ones that would otherwise import garbage: empty, binary, a text encoding other than UTF-8
 * or GB18030, legacy .xls, or an XLSX whose zip directory is missing (truncated copy).
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { UnusableFileError } from './errors';
import { detectTextEncoding, type TextEncoding } from './textEncoding';

export type FileFormat = 'csv' | 'xlsx';

const PROBE_BYTES = 64 * 1024;
// End of central directory record: 22 bytes plus a comment of up to 65535 bytes, at the very end of a zip.
const EOCD_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const EOCD_SEARCH = 22 + 65535;

export const PROBLEMS = {
  missing: '文件不存在或无法读取 (file missing or unreadable)',
  empty: '文件为空 (empty file)',
  xls: '不支持旧版 .xls 格式，请另存为 .xlsx 或 CSV (legacy .xls not supported; save as .xlsx or CSV)',
  binary: '不是文本或表格文件 (not a CSV or XLSX file)',
  utf16: '文件是UTF-16编码，请另存为“CSV UTF-8” (file is UTF-16; save as CSV UTF-8)',
  damagedXlsx: 'XLSX文件不完整或已损坏 (truncated or damaged XLSX)',
  noHeader: '没有表头行 (no header row)',
} as const;

/** Neither UTF-8 nor GB18030: names the first line UTF-8 could not read, never its content. */
export function unknownEncoding(line: number): string {
  return (
    `第${line}行起的文字既不是UTF-8也不是GB18030/GBK编码，请另存为“CSV UTF-8” ` +
    `(text from line ${line} on is neither UTF-8 nor GB18030/GBK; save as CSV UTF-8)`
  );
}

// UTF-16 files (Excel's "Unicode text") start with a byte-order mark and are full of NUL bytes.
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

export interface Detected {
  format: FileFormat;
  size: number;
  /** A CSV file's text encoding; undefined for XLSX (its XML parts declare their own). */
  encoding?: TextEncoding;
}

export async function detectFormat(filePath: string): Promise<Detected> {
  const name = path.basename(filePath);
  let fh;
  try {
    fh = await open(filePath, 'r');
  } catch {
    throw new UnusableFileError(name, PROBLEMS.missing);
  }
  try {
    const { size } = await fh.stat();
    if (size === 0) throw new UnusableFileError(name, PROBLEMS.empty);
    const head = Buffer.alloc(Math.min(size, PROBE_BYTES));
    await fh.read(head, 0, head.length, 0);
    const ext = path.extname(filePath).toLowerCase();

    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
      const tailLength = Math.min(size, EOCD_SEARCH);
      const tail = Buffer.alloc(tailLength);
      await fh.read(tail, 0, tailLength, size - tailLength);
      if (tail.lastIndexOf(EOCD_SIGNATURE) < 0) throw new UnusableFileError(name, PROBLEMS.damagedXlsx);
      return { format: 'xlsx', size };
    }
    if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new UnusableFileError(name, PROBLEMS.xls);
    if (ext === '.xlsx') throw new UnusableFileError(name, PROBLEMS.damagedXlsx);
    if (UTF16_BOMS.some((bom) => head.subarray(0, 2).equals(bom))) throw new UnusableFileError(name, PROBLEMS.utf16);
    if (head.includes(0)) throw new UnusableFileError(name, PROBLEMS.binary);
    const text = await detectTextEncoding(filePath);
    if (!text.ok) throw new UnusableFileError(name, unknownEncoding(text.line));
    return { format: 'csv', size, encoding: text.encoding };
  } catch (err) {
    if (err instanceof UnusableFileError) throw err;
    throw new UnusableFileError(name, PROBLEMS.missing);
  } finally {
    await fh.close();
  }
}
