/**
 * Decides how to read a file from its extension and first bytes, and refuses
 * the ones that would otherwise import garbage: empty, binary, not UTF-8,
 * legacy .xls, or an XLSX whose zip directory is missing (truncated copy).
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { UnusableFileError } from './errors';

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
  notUtf8: '文件不是UTF-8编码，请另存为“CSV UTF-8” (file is not UTF-8; save as CSV UTF-8)',
  damagedXlsx: 'XLSX文件不完整或已损坏 (truncated or damaged XLSX)',
  noHeader: '没有表头行 (no header row)',
} as const;

export interface Detected {
  format: FileFormat;
  size: number;
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
    if (head.includes(0)) throw new UnusableFileError(name, PROBLEMS.binary);
    try {
      // stream: true tolerates a multi-byte character cut at the end of the probe.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length < size });
    } catch {
      throw new UnusableFileError(name, PROBLEMS.notUtf8);
    }
    return { format: 'csv', size };
  } catch (err) {
    if (err instanceof UnusableFileError) throw err;
    throw new UnusableFileError(name, PROBLEMS.missing);
  } finally {
    await fh.close();
  }
}
