/**
 * What an uploaded attachment is, read from its bytes (never from the name or the type the
 * uploader claimed): PDF, PNG, JPEG, and the Office Open XML files DOCX and XLSX (zip archives whose
 * entries name word/ or xl/). Anything else is refused.
 */

export const ATTACHMENT_TYPES = {
  'application/pdf': { label: 'PDF', extension: 'pdf' },
  'image/png': { label: 'PNG 图片', extension: 'png' },
  'image/jpeg': { label: 'JPEG 图片', extension: 'jpg' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word 文档（.docx）', extension: 'docx' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel 表格（.xlsx）', extension: 'xlsx' },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** The default size limit of one attachment (a setting of the API: GZ_ATTACHMENT_LIMIT_MB). */
export const DEFAULT_ATTACHMENT_LIMIT_MB = 20;

export const ATTACHMENT_TYPES_TEXT = Object.values(ATTACHMENT_TYPES)
  .map((t) => t.label)
  .join('、');

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4, a local file header

/**
 * The file names of a zip's entries, from its central directory (the end of the file), where every
 * writer lists them whatever it did with the entries' own headers.
 */
function zipEntryNames(bytes: Uint8Array, max = 500): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes, after at most a 65,535-byte comment.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return [];
  const count = Math.min(view.getUint16(end + 10, true), max);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  for (let i = 0; i < count && at + 46 <= bytes.length && view.getUint32(at, true) === 0x02014b50; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) break;
    names.push(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The attachment type the bytes show, or undefined when they are none of the accepted ones. */
export function attachmentTypeOf(bytes: Uint8Array): AttachmentType | undefined {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, ZIP)) {
    const names = zipEntryNames(bytes);
    if (!names.includes('[Content_Types].xml')) return undefined;
    if (names.some((n) => n.startsWith('word/'))) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (names.some((n) => n.startsWith('xl/'))) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  return undefined;
}

/** Signatures of what is refused, to tell the uploader what their file was taken for. */
const REFUSED_KINDS: { magic: readonly number[]; label: string }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], label: '旧版 Office 文件（.doc/.xls/.ppt），请另存为 .docx 或 .xlsx' },
  { magic: [0x47, 0x49, 0x46, 0x38], label: 'GIF 图片' },
  { magic: [0x42, 0x4d], label: 'BMP 图片' },
  { magic: [0x49, 0x49, 0x2a, 0x00], label: 'TIFF 图片' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], label: 'TIFF 图片' },
  { magic: [0x52, 0x61, 0x72, 0x21], label: 'RAR 压缩包' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], label: '7z 压缩包' },
  { magic: [0x1f, 0x8b], label: 'gzip 压缩包' },
  { magic: [0x4d, 0x5a], label: 'Windows 可执行程序' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], label: 'ELF 可执行程序' },
  { magic: [0x23, 0x21], label: '脚本文件' },
];

/** Plain text: valid UTF-8 with no control characters but tab, line feed, carriage return and form feed. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  try {
    // A multi-byte character cut at the end of the sample is not an error: only a bad byte inside is.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head.length < bytes.length ? head.subarray(0, Math.max(0, head.length - 4)) : head);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * What the bytes were taken for, in Chinese, for the refusal of a file that is none of the accepted
 * types (“检测到的内容：ZIP 压缩包”): never the name's extension or the type the uploader claimed.
 */
export function describeContent(bytes: Uint8Array): string {
  const accepted = attachmentTypeOf(bytes);
  if (accepted) return ATTACHMENT_TYPES[accepted].label;
  if (bytes.length === 0) return '空文件';
  if (startsWith(bytes, ZIP)) return 'ZIP 压缩包（不是 Word 或 Excel 文档）';
  const known = REFUSED_KINDS.find((k) => startsWith(bytes, k.magic));
  if (known) return known.label;
  if (/^\s*<(\?xml|!doctype html|html)/i.test(new TextDecoder().decode(bytes.subarray(0, 64)))) return 'HTML 或 XML 文本';
  return looksLikeText(bytes) ? '纯文本' : '无法识别的二进制内容';
}
