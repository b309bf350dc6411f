/**
 * What every attachment route shares (cases, tasks, procedures; complaints next): the content types
 * an upload may arrive as, receiving it within the limit (a refusal in Chinese naming the file and
 * the limit), the stored attachment's answer schema, and sending a file back with its checksum.
 */
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ATTACHMENT_TYPES } from '../../domain/attachmentContent';
import { megabytes, type Attachment } from '../../services/attachments/attachmentStore';
import { Problem } from '../http/problem';
import { receiveUpload } from './upload';

/** The body's own type (an accepted one, or anything a browser sends for a file) or multipart/form-data with field "file". */
export const ATTACHMENT_UPLOAD_TYPES = [
  ...Object.keys(ATTACHMENT_TYPES),
  'application/octet-stream',
  'application/msword',
  'application/vnd.ms-excel',
  'text/plain',
  'multipart/form-data',
];

export const AttachmentId = z.uuid().meta({ title: '附件编号' });
export const BinaryFile = z.custom<Buffer>((v) => Buffer.isBuffer(v), 'a file').meta({ type: 'string', format: 'binary' });

/** One stored attachment as the API answers it. */
export const AttachmentInfo = z.object({
  attachmentId: z.uuid(),
  fileName: z.string(),
  contentType: z.string().describe('read from the bytes, not from the request'),
  size: z.number().int(),
  sha256: z.string().describe('SHA-256 of the bytes, hex'),
  addedBy: z.string(),
  addedAt: z.string(),
});
export const attachmentInfo = (a: Attachment): z.infer<typeof AttachmentInfo> => ({
  attachmentId: a.attachmentId,
  fileName: a.fileName,
  contentType: a.contentType,
  size: a.size,
  sha256: a.sha256,
  addedBy: a.addedBy,
  addedAt: a.addedAt,
});

export const UPLOAD_DESCRIPTION =
  `Send the file as the body (any of ${ATTACHMENT_UPLOAD_TYPES.join(', ')}) with ?fileName=, or as multipart/form-data in field "file". ` +
  `Up to GZ_ATTACHMENT_LIMIT_MB (default 20 MB), else 413 naming the file and the limit. The type is read from the bytes: ` +
  'anything but PDF, PNG, JPEG, DOCX or XLSX is refused with 415 naming what was detected; a file the virus scan refuses, 422. ' +
  'Stored with its SHA-256, who added it and when; the same bytes again answer the attachment already there.';

/** The uploaded file's name and bytes; too big is 413 in Chinese, before the rest of the body is read. */
export async function receiveAttachment(
  body: Readable,
  headers: { 'content-type'?: string },
  o: { fileName?: string; limitBytes: number },
): Promise<{ fileName: string; bytes: Buffer }> {
  const contentType = String(headers['content-type'] ?? 'application/octet-stream');
  const named = o.fileName ?? '附件';
  const upload = await receiveUpload(body, contentType, {
    // A multipart upload names its file itself.
    fileName: o.fileName ?? (contentType.startsWith('multipart/') ? undefined : 'attachment'),
    limitBytes: o.limitBytes,
  }).catch((err: unknown) => {
    if (err instanceof Problem && err.code === 'payload_too_large') {
      const message = `附件「${named}」超过大小上限 ${megabytes(o.limitBytes)}`;
      // The rest of the body is never read: the client must not send its next request on this connection.
      throw new Problem('payload_too_large', message, { errors: [{ path: 'body', message }], headers: { connection: 'close' } });
    }
    throw err;
  });
  try {
    return { fileName: upload.fileName, bytes: await readFile(upload.filePath) };
  } finally {
    await upload.discard();
  }
}

function contentDisposition(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The file with the type its bytes showed, its name, and its checksum (x-content-sha256). */
export function sendAttachment(reply: FastifyReply, a: Attachment & { content: Buffer }) {
  const extension = ATTACHMENT_TYPES[a.contentType as keyof typeof ATTACHMENT_TYPES]?.extension ?? 'bin';
  return reply
    .type(a.contentType)
    .header('content-disposition', contentDisposition(a.fileName, `attachment-${a.attachmentId.slice(0, 8)}.${extension}`))
    .header('x-content-sha256', a.sha256)
    .send(a.content);
}
