/**
 * The published records (table publication, migration 061; docs/publication.md): every change in
 * order for the platform's feed, and the public search of what is published today. Rows carry the
 * full ID number only as far as this module: every answer masks it.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { maskIdNumber } from '../domain/idNumber';
import { PublishedRecordKind, WithdrawalReason, type PublishedRecord } from '../domain/publication';
import { procedureDecisionJoin } from './procedureDecision';
import { DateText, parseRows, TimestampColumn } from './sqlTypes';

const PublicationRow = z.object({
  publication_id: z.coerce.number().int(),
  penalty_id: z.string(),
  case_id: z.string(),
  record_kind: PublishedRecordKind,
  level: z.enum(['city', 'province']),
  city_code: z.string(),
  authority_name: z.string().nullable(),
  imposed_on: DateText,
  person_name: z.string().nullable(),
  id_number: z.string().nullable(),
  cert_numbers: z.array(z.string()),
  cert_categories: z.array(z.string()),
  unit_name: z.string().nullable(),
  unit_code: z.string().nullable(),
  published_from: DateText,
  published_until: DateText,
  published_at: TimestampColumn,
  withdrawn_at: TimestampColumn.nullable(),
  withdrawn_reason: WithdrawalReason.nullable(),
  withdrawn_by: z.string().nullable(),
  changed_at: TimestampColumn,
  changed_micros: z.string(),
  decision_no: z.string().nullable(),
  basis: z.string().nullable(),
});

/** One publication as the feed and the public page read it: the published record, its penalty and case, and its place in the feed. */
export interface Publication extends PublishedRecord {
  penaltyId: string;
  caseId: string;
  /** Where the next page of the feed starts after this row. */
  cursor: string;
}

const SELECT = `
  SELECT p.publication_id, p.penalty_id, p.case_id, p.record_kind, p.level, p.city_code::text,
         (SELECT a.name FROM issuing_authority a WHERE a.code = coalesce(dec.authority_code, CASE WHEN p.level = 'province' THEN '22' ELSE p.city_code::text END)) AS authority_name,
         to_char(p.imposed_on, 'YYYY-MM-DD') AS imposed_on, p.person_name, p.id_number::text, p.cert_numbers, p.cert_categories,
         p.unit_name, btrim(p.unit_code) AS unit_code,
         to_char(p.published_from, 'YYYY-MM-DD') AS published_from, to_char(p.published_until, 'YYYY-MM-DD') AS published_until,
         p.published_at, p.withdrawn_at, p.withdrawn_reason,
         coalesce(p.withdrawn_by,
                  (SELECT d.officer_id FROM decision_log d WHERE d.case_id = p.case_id AND d.update_id = p.withdrawn_ref),
                  (SELECT e.officer_id FROM procedure_event e WHERE e.procedure_id = p.procedure_id AND e.event_id = p.withdrawn_ref)) AS withdrawn_by,
         p.changed_at, (extract(epoch FROM p.changed_at) * 1000000)::bigint::text AS changed_micros,
         dec.decision_no, dec.basis
  FROM publication p
  ${procedureDecisionJoin('p.procedure_id', 'dec', `p.record_kind = 'REGISTRATION_BAN'`)}`;

function toPublication(r: z.infer<typeof PublicationRow>): Publication {
  return {
    publicationId: r.publication_id,
    penaltyId: r.penalty_id,
    caseId: r.case_id,
    recordKind: r.record_kind,
    level: r.level,
    cityCode: r.city_code,
    authorityName: r.authority_name,
    imposedOn: r.imposed_on,
    personName: r.person_name,
    idNumberMasked: r.id_number === null ? null : maskIdNumber(r.id_number),
    certNumbers: r.cert_numbers,
    certCategories: r.cert_categories,
    unitName: r.unit_name,
    unitCode: r.unit_code,
    decisionNo: r.decision_no,
    basis: r.basis,
    publishedFrom: r.published_from,
    publishedUntil: r.published_until,
    publishedAt: r.published_at,
    withdrawnAt: r.withdrawn_at,
    withdrawnReason: r.withdrawn_reason,
    withdrawnBy: r.withdrawn_by,
    changedAt: r.changed_at,
    cursor: Buffer.from(`${r.changed_micros}:${r.publication_id}`).toString('base64url'),
  };
}

/** A feed cursor as written by toPublication; undefined when it is not one. */
export function parseFeedCursor(cursor: string): { micros: string; id: number } | undefined {
  const m = /^(\d{1,19}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? { micros: m[1], id: Number(m[2]) } : undefined;
}

export interface FeedQuery {
  /** Changes at or after this instant (ISO 8601); the first page of a pull. */
  since?: string;
  /** A cursor from the previous page: changes strictly after it. */
  after?: { micros: string; id: number };
  limit: number;
}

/**
 * The publications changed from `since` or after a cursor, each in its latest state, in the order
 * of their last change (changed_at, then id): a publication is listed at its publication and, once
 * withdrawn, again at its withdrawal (with when, why and by whom), so a reader that keeps the last
 * cursor sees every change once.
 */
export async function publicationChanges(pool: Pool, q: FeedQuery): Promise<Publication[]> {
  const { rows } = await pool.query(
    `${SELECT}
     WHERE ($1::timestamptz IS NULL OR p.changed_at >= $1::timestamptz)
       AND ($2::bigint IS NULL OR (p.changed_at, p.publication_id) > ('epoch'::timestamptz + $2::bigint * interval '1 microsecond', $3::bigint))
     ORDER BY p.changed_at, p.publication_id
     LIMIT $4`,
    [q.since ?? null, q.after?.micros ?? null, q.after?.id ?? null, q.limit],
  );
  return parseRows(PublicationRow, rows).map(toPublication);
}

export interface PublicSearch {
  /** A person's or a unit's name, matched exactly. */
  name?: string;
  /** A registration certificate number, matched exactly. */
  certNumber?: string;
  onDate: string;
  limit: number;
}

/** What the public may see on `onDate`: published, not withdrawn, within its period; every criterion given must match exactly. */
export async function searchPublishedRecords(pool: Pool, q: PublicSearch): Promise<Publication[]> {
  if (q.name === undefined && q.certNumber === undefined) return [];
  const { rows } = await pool.query(
    `${SELECT}
     WHERE p.withdrawn_at IS NULL AND p.published_from <= $1::date AND p.published_until >= $1::date
       AND ($2::text IS NULL OR p.person_name = $2 OR p.unit_name = $2)
       AND ($3::text IS NULL OR p.cert_numbers @> ARRAY[$3::text]) -- @> so the GIN index serves it
     ORDER BY p.published_from DESC, p.publication_id
     LIMIT $4`,
    [q.onDate, q.name ?? null, q.certNumber ?? null, q.limit],
  );
  return parseRows(PublicationRow, rows).map(toPublication);
}
