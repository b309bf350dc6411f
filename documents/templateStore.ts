/**
 * The document templates: each kind's .docx versions in document_template, the newest in use. A kind
 * nobody replaced yet gets the shipped default (templates/<kind>.docx) as version 1 the first time it
 * is read. Versions are only added, never changed (platform/databaseRoles.ts), so a generated
 * document's template version always names the bytes it was filled from.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { DocumentKind } from '../domain/documents';
import { inTransaction } from '../platform/transactions';
import { checkTemplate } from './templateCheck';

type Db = Pool | PoolClient;

/** The shipped defaults, one .docx per kind (scripts/generateDocumentTemplates.ts writes them). */
export const DEFAULT_TEMPLATE_DIR = path.join(__dirname, '..', 'templates');
export const DEFAULT_TEMPLATE_UPLOADER = 'system';

export const sha256 = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

export const TemplateMeta = z.object({
  id: z.number().int(),
  kind: DocumentKind,
  version: z.number().int(),
  sha256: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  uploadedBy: z.string(),
  uploadedAt: z.string().describe('ISO 8601'),
  /** The newest version of its kind: the one the next document is filled from. */
  active: z.boolean(),
});
export type TemplateMeta = z.infer<typeof TemplateMeta>;

const Row = z.object({
  id: z.coerce.number().int(),
  kind: DocumentKind,
  version: z.number().int(),
  sha256: z.string(),
  file_name: z.string(),
  bytes: z.number().int(),
  uploaded_by: z.string(),
  uploaded_at: z.date(),
  active: z.boolean(),
});

const META_COLUMNS = `id, kind, version, sha256, file_name, octet_length(content) AS bytes, uploaded_by, uploaded_at,
  version = (SELECT max(version) FROM document_template t2 WHERE t2.kind = document_template.kind) AS active`;

const toMeta = (r: z.infer<typeof Row>): TemplateMeta => ({
  id: r.id,
  kind: r.kind,
  version: r.version,
  sha256: r.sha256,
  fileName: r.file_name,
  bytes: r.bytes,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at.toISOString(),
  active: r.active,
});

/** Inserts the shipped default as version 1 of a kind that has no version yet (concurrent callers: one wins). */
export async function ensureDefaultTemplate(db: Db, kind: DocumentKind, dir = DEFAULT_TEMPLATE_DIR): Promise<void> {
  const present = await db.query('SELECT 1 FROM document_template WHERE kind = $1 LIMIT 1', [kind]);
  if (present.rowCount !== 0) return;
  const content = readFileSync(path.join(dir, `${kind}.docx`));
  await db.query(
    `INSERT INTO document_template (kind, version, content, sha256, file_name, uploaded_by) VALUES ($1, 1, $2, $3, $4, $5)
     ON CONFLICT (kind, version) DO NOTHING`,
    [kind, content, sha256(content), `${kind}.docx`, DEFAULT_TEMPLATE_UPLOADER],
  );
}

/** Every version of a kind, newest first. */
export async function listTemplateVersions(db: Db, kind: DocumentKind): Promise<TemplateMeta[]> {
  await ensureDefaultTemplate(db, kind);
  const { rows } = await db.query(`SELECT ${META_COLUMNS} FROM document_template WHERE kind = $1 ORDER BY version DESC`, [kind]);
  return rows.map((r) => toMeta(Row.parse(r)));
}

/** One version with its bytes, or undefined. */
export async function templateVersion(db: Db, kind: DocumentKind, version: number): Promise<{ meta: TemplateMeta; content: Buffer } | undefined> {
  await ensureDefaultTemplate(db, kind);
  const { rows } = await db.query(`SELECT ${META_COLUMNS}, content FROM document_template WHERE kind = $1 AND version = $2`, [kind, version]);
  if (rows.length === 0) return undefined;
  return { meta: toMeta(Row.parse(rows[0])), content: rows[0].content as Buffer };
}

/** The version in use (the newest), with its bytes. */
export async function activeTemplate(db: Db, kind: DocumentKind): Promise<{ meta: TemplateMeta; content: Buffer }> {
  await ensureDefaultTemplate(db, kind);
  const { rows } = await db.query(`SELECT ${META_COLUMNS}, content FROM document_template WHERE kind = $1 ORDER BY version DESC LIMIT 1`, [kind]);
  return { meta: toMeta(Row.parse(rows[0])), content: rows[0].content as Buffer };
}

/**
 * Stores a replacement template as the kind's next version, after checking it (templateCheck.ts:
 * a malformed or unknown tag, or a missing required element, is refused with a Chinese message).
 */
export async function storeTemplate(pool: Pool, input: { kind: DocumentKind; content: Buffer; fileName: string; uploadedBy: string }): Promise<TemplateMeta> {
  checkTemplate(input.kind, input.content);
  return inTransaction(pool, async (client) => {
    await ensureDefaultTemplate(client, input.kind);
    // One upload of a kind at a time: the next version number is read and taken under this lock.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`document_template:${input.kind}`]);
    const { rows } = await client.query(
      `INSERT INTO document_template (kind, version, content, sha256, file_name, uploaded_by)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM document_template WHERE kind = $1
       RETURNING id`,
      [input.kind, input.content, sha256(input.content), input.fileName, input.uploadedBy],
    );
    const { rows: meta } = await client.query(`SELECT ${META_COLUMNS} FROM document_template WHERE id = $1`, [rows[0].id]);
    return toMeta(Row.parse(meta[0]));
  });
}
