/**
 * The one attachment store (issue 20): evidence files of cases, complaints, supervision tasks,
 * on-site checks and penalty procedures. A file is checked before anything is stored: its size
 * against the limit, its type read from its bytes (PDF, PNG, JPEG, DOCX, XLSX), then the virus-scan
 * hook; refused, nothing is kept. Kept, its bytes go to the configured backend under their SHA-256
 * (platform/attachmentBlobs.ts) and its metadata to the attachment table: owner, file name, type,
 * size, checksum, who added it and when, backend and key. Storing the same bytes for the same owner
 * again answers the attachment already there (idempotent: a retried upload adds nothing).
 *
 * Using it for a new owner kind (a complaint's files, say): `store.add({ kind: 'complaint', id },
 * { fileName, bytes, addedBy })`, `store.list(owner)`, `store.open(owner, attachmentId)`; the
 * owner's access is the caller's to check first (docs/architecture.md, "An attachment owner").
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import { ATTACHMENT_TYPES, ATTACHMENT_TYPES_TEXT, attachmentTypeOf, DEFAULT_ATTACHMENT_LIMIT_MB, describeContent } from '../../domain/attachmentContent';
import { ATTACHMENT_BACKENDS, AttachmentOwnerKind, type AttachmentOwner } from '../../domain/attachmentOwner';
import { DomainError } from '../../domain/errors';
import { loadAttachmentConfig } from '../../platform/attachmentConfig';
import { openBlobBackends, postgresBlobs, type BlobBackends } from '../../platform/attachmentBlobs';
import { noScan, scannerOf, type VirusScanner } from '../../platform/virusScan';

export interface Attachment {
  attachmentId: string;
  owner: AttachmentOwner;
  fileName: string;
  /** The type the bytes showed. */
  contentType: string;
  size: number;
  sha256: string;
  addedBy: string;
  addedAt: string;
  backend: (typeof ATTACHMENT_BACKENDS)[number];
}

export interface NewAttachment {
  fileName: string;
  bytes: Buffer;
  /** The user id (app_user username or the IdP's) that adds it. */
  addedBy: string;
  at?: Date;
}

export interface AttachmentStore {
  /** The largest file accepted, in bytes. */
  readonly limitBytes: number;
  /**
   * Checks a file as `add` would (size, type by content, the virus scan) without storing it: for a command that writes
   * other rows first and must not keep them when a file of it would be refused (a complaint with its files).
   */
  inspect(file: Pick<NewAttachment, 'fileName' | 'bytes'>): Promise<void>;
  /** Checks and stores the file; the same bytes for the same owner answer the attachment already there (`created: false`). */
  add(owner: AttachmentOwner, file: NewAttachment): Promise<Attachment & { created: boolean }>;
  /** The owner's attachments, oldest first. */
  list(owner: AttachmentOwner): Promise<Attachment[]>;
  /** One attachment with its bytes, only through its owner; undefined when it is not the owner's. */
  open(owner: AttachmentOwner, attachmentId: string): Promise<(Attachment & { content: Buffer }) | undefined>;
}

export interface AttachmentStoreDeps {
  pool: Pool;
  blobs: BlobBackends;
  scanner: VirusScanner;
  limitBytes: number;
}

const Row = z.object({
  id: z.string(),
  owner_kind: AttachmentOwnerKind,
  owner_id: z.string(),
  file_name: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  added_by: z.string(),
  added_at: z.date(),
  backend: z.enum(ATTACHMENT_BACKENDS),
  storage_key: z.string(),
});
type Row = z.infer<typeof Row>;
const COLUMNS = 'id::text, owner_kind, owner_id, file_name, content_type, size, sha256, added_by, added_at, backend, storage_key';

const toAttachment = (r: Row): Attachment => ({
  attachmentId: r.id,
  owner: { kind: r.owner_kind, id: r.owner_id },
  fileName: r.file_name,
  contentType: r.content_type,
  size: r.size,
  sha256: r.sha256,
  addedBy: r.added_by,
  addedAt: r.added_at.toISOString(),
  backend: r.backend,
});

/** A plain base name: no folders, no control characters, at most 200 characters. */
export function attachmentFileName(name: string): string {
  const base = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f')
    .join('')
    .trim()
    .slice(-200);
  return base && base !== '.' && base !== '..' ? base : '附件';
}

/** Sizes in MB, rounded up to two decimals: a file just over the limit never reads as the limit itself. */
export const megabytes = (bytes: number) => `${Math.ceil((bytes / 1024 / 1024) * 100) / 100} MB`;

/** The refusals, in Chinese, naming the file: too big (with the limit), of a refused type (with what was detected), refused by the scan. */
export function checkAttachment(fileName: string, bytes: Buffer, limitBytes: number): keyof typeof ATTACHMENT_TYPES {
  if (bytes.length > limitBytes) {
    const message = `附件「${fileName}」超过大小上限 ${megabytes(limitBytes)}（该文件 ${megabytes(bytes.length)}）`;
    throw new DomainError('AttachmentTooLarge', message, [{ path: 'file', message }]);
  }
  const type = attachmentTypeOf(bytes);
  if (!type) {
    const message = `附件「${fileName}」类型不受支持：按文件内容检测为${describeContent(bytes)}；只接受${ATTACHMENT_TYPES_TEXT}`;
    throw new DomainError('AttachmentTypeRefused', message, [{ path: 'file', message }]);
  }
  return type;
}

export function createAttachmentStore(deps: AttachmentStoreDeps): AttachmentStore {
  const { pool, blobs, scanner, limitBytes } = deps;
  const existing = async (owner: AttachmentOwner, sha256: string): Promise<Row | undefined> => {
    const { rows } = await pool.query(
      `SELECT ${COLUMNS} FROM attachment WHERE owner_kind = $1 AND owner_id = $2 AND sha256 = $3 ORDER BY copied_from NULLS FIRST, added_at, id LIMIT 1`,
      [owner.kind, owner.id, sha256],
    );
    return rows[0] ? Row.parse(rows[0]) : undefined;
  };
  const scan = async (fileName: string, bytes: Buffer): Promise<void> => {
    const verdict = await scanner.scan(bytes);
    if (!verdict.clean) {
      const message = `附件「${fileName}」未通过病毒扫描（${verdict.finding}），未保存`;
      throw new DomainError('AttachmentScanRefused', message, [{ path: 'file', message }]);
    }
  };
  return {
    limitBytes,
    async inspect(file) {
      const fileName = attachmentFileName(file.fileName);
      checkAttachment(fileName, file.bytes, limitBytes);
      await scan(fileName, file.bytes);
    },
    async add(owner, file) {
      AttachmentOwnerKind.parse(owner.kind);
      const fileName = attachmentFileName(file.fileName);
      const contentType = checkAttachment(fileName, file.bytes, limitBytes);
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      const before = await existing(owner, sha256);
      if (before) return { ...toAttachment(before), created: false };
      await scan(fileName, file.bytes);
      const backend = blobs.current;
      await backend.put(sha256, file.bytes, contentType);
      const { rows } = await pool.query(
        `INSERT INTO attachment (id, owner_kind, owner_id, file_name, content_type, size, sha256, backend, storage_key, added_by, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (owner_kind, owner_id, sha256) WHERE copied_from IS NULL DO NOTHING
         RETURNING ${COLUMNS}`,
        [randomUUID(), owner.kind, owner.id, fileName, contentType, file.bytes.length, sha256, backend.name, sha256, file.addedBy, file.at ?? new Date()],
      );
      if (rows[0]) return { ...toAttachment(Row.parse(rows[0])), created: true };
      // A concurrent upload of the same bytes won the insert: its row is the answer.
      const winner = await existing(owner, sha256);
      if (!winner) throw new Error('attachment insert conflicted but no row was found');
      return { ...toAttachment(winner), created: false };
    },
    async list(owner) {
      const { rows } = await pool.query(`SELECT ${COLUMNS} FROM attachment WHERE owner_kind = $1 AND owner_id = $2 ORDER BY added_at, id`, [
        owner.kind,
        owner.id,
      ]);
      return rows.map((r) => toAttachment(Row.parse(r)));
    },
    async open(owner, attachmentId) {
      if (!z.uuid().safeParse(attachmentId).success) return undefined;
      const { rows } = await pool.query(`SELECT ${COLUMNS} FROM attachment WHERE id = $1 AND owner_kind = $2 AND owner_id = $3`, [
        attachmentId,
        owner.kind,
        owner.id,
      ]);
      if (!rows[0]) return undefined;
      const row = Row.parse(rows[0]);
      const content = await blobs.byName(row.backend).get(row.storage_key);
      if (!content) throw new Error(`attachment ${row.id}: its bytes are missing from the ${row.backend} store`);
      // The checksum proves the file unchanged since it was added, whatever stored it.
      if (createHash('sha256').update(content).digest('hex') !== row.sha256) throw new Error(`attachment ${row.id}: its bytes no longer match their SHA-256`);
      return { ...toAttachment(row), content };
    },
  };
}

/** The store as the environment configures it (docs/deployment.md, "Attachments"); `limitMb` is the API's GZ_ATTACHMENT_LIMIT_MB. */
export function attachmentStoreFromEnv(pool: Pool, o: { env?: NodeJS.ProcessEnv; dataDir: string; limitMb: number }): AttachmentStore {
  const config = loadAttachmentConfig(o.env ?? process.env, o.dataDir);
  return createAttachmentStore({ pool, blobs: openBlobBackends(config, pool), scanner: scannerOf(config), limitBytes: o.limitMb * 1024 * 1024 });
}

/** The embedded default without any setting: bytes in PostgreSQL, no scan, the default limit (the rehearsal, tests). */
export function postgresAttachmentStore(pool: Pool, limitMb = DEFAULT_ATTACHMENT_LIMIT_MB): AttachmentStore {
  const blobs = postgresBlobs(pool);
  const byName = (name: (typeof ATTACHMENT_BACKENDS)[number]) => {
    if (name !== 'postgres') throw new Error(`attachments stored in ${name} cannot be read by the PostgreSQL-only store`);
    return blobs;
  };
  return createAttachmentStore({ pool, blobs: { current: blobs, byName }, scanner: noScan, limitBytes: limitMb * 1024 * 1024 });
}
