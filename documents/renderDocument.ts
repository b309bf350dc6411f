/**
 * Generates a document: the kind's template in use, filled with the data (validated by the kind's
 * schema), stored with its checksum and the template version it came from. Idempotent by the
 * caller's key: a retry gets the document made the first time, not a second one.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import { DocumentKind } from '../domain/documents';
import { DomainError } from '../domain/errors';
import { fillTemplate } from './fillTemplate';
import { activeTemplate, sha256 } from './templateStore';

export const GeneratedDocumentMeta = z.object({
  id: z.string().uuid(),
  kind: DocumentKind,
  number: z.string().nullable(),
  templateId: z.number().int(),
  templateVersion: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int(),
  subjectRef: z.string().nullable(),
  createdAt: z.string().describe('ISO 8601'),
});
export type GeneratedDocumentMeta = z.infer<typeof GeneratedDocumentMeta>;

const Row = z.object({
  id: z.string(),
  kind: DocumentKind,
  number: z.string().nullable(),
  template_id: z.coerce.number().int(),
  template_version: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int(),
  subject_ref: z.string().nullable(),
  created_at: z.date(),
  idempotency_key: z.string(),
});

const COLUMNS = 'id, kind, number, template_id, template_version, sha256, octet_length(content) AS bytes, subject_ref, created_at, idempotency_key';

const toMeta = (r: z.infer<typeof Row>): GeneratedDocumentMeta => ({
  id: r.id,
  kind: r.kind,
  number: r.number,
  templateId: r.template_id,
  templateVersion: r.template_version,
  sha256: r.sha256,
  bytes: r.bytes,
  subjectRef: r.subject_ref,
  createdAt: r.created_at.toISOString(),
});

export interface RenderDocumentInput {
  kind: DocumentKind;
  /** The caller's key: the same key returns the same document. */
  key: string;
  /** What the document is about (a case id). */
  subjectRef: string | null;
  /** The kind's data (domain/documents.ts DOCUMENT_DATA); its documentNumber is recorded as the number. */
  data: unknown;
}

async function byKey(pool: Pool, input: RenderDocumentInput): Promise<GeneratedDocumentMeta | undefined> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM generated_document WHERE idempotency_key = $1`, [input.key]);
  if (rows.length === 0) return undefined;
  const row = Row.parse(rows[0]);
  if (row.kind !== input.kind) throw new DomainError('KeyReused', `key ${input.key} already made a document of another kind`);
  return toMeta(row);
}

export async function renderDocument(pool: Pool, input: RenderDocumentInput): Promise<GeneratedDocumentMeta & { created: boolean }> {
  const existing = await byKey(pool, input);
  if (existing) return { ...existing, created: false };
  const template = await activeTemplate(pool, input.kind);
  const content = fillTemplate(template.content, input.kind, input.data);
  const number = (input.data as { documentNumber?: unknown }).documentNumber;
  const { rows } = await pool.query(
    `INSERT INTO generated_document (id, idempotency_key, kind, number, template_id, template_version, sha256, content, subject_ref)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      input.key,
      input.kind,
      typeof number === 'string' ? number : null,
      template.meta.id,
      template.meta.version,
      sha256(content),
      content,
      input.subjectRef,
    ],
  );
  if (rows.length > 0) return { ...toMeta(Row.parse(rows[0])), created: true };
  // Made by a concurrent call with the same key: that one stands.
  const made = await byKey(pool, input);
  if (!made) throw new Error(`generated document ${input.key} vanished`);
  return { ...made, created: false };
}

/** The document a key made, whatever its kind, or undefined. */
export async function generatedDocumentByKey(pool: Pool, key: string): Promise<GeneratedDocumentMeta | undefined> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM generated_document WHERE idempotency_key = $1`, [key]);
  return rows.length > 0 ? toMeta(Row.parse(rows[0])) : undefined;
}

/** A generated document with its bytes, or undefined. */
export async function generatedDocument(pool: Pool, id: string): Promise<{ meta: GeneratedDocumentMeta; content: Buffer } | undefined> {
  const { rows } = await pool.query(`SELECT ${COLUMNS}, content FROM generated_document WHERE id = $1`, [id]);
  if (rows.length === 0) return undefined;
  return { meta: toMeta(Row.parse(rows[0])), content: rows[0].content as Buffer };
}
