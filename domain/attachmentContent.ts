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
