/**
 * A case's transfers as both sides see them (issue 20 item 6): the transfer it made (to a receiving
 * city, with that city's case and its progress, or to an outside authority, with the referral letter,
 * its service and the answer) and the transfer that opened it (the sending city's case and note).
 * Progress is the other case's number, status, outcome and decision date: the same person, so no
 * more personal data than the case itself shows. The sender's note and the answer are officers'
 * text: only for those who see persons.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { cityName } from '../domain/cities';
import { CaseOutcome } from '../domain/outcomes';
import { ReferralServiceMethod } from '../domain/transfer';
import { DateText, Instant, instant, instantOrNull, parseRows, TimestampColumn } from './sqlTypes';
import { CaseStatus } from './worklist';

const Row = z.object({
  from_case_id: z.string(),
  from_case_no: z.string(),
  from_city: z.string(),
  from_status: CaseStatus,
  kind: z.enum(['city', 'authority']),
  to_city: z.string().nullable(),
  to_case_id: z.string().nullable(),
  to_case_no: z.string().nullable(),
  to_status: CaseStatus.nullable(),
  to_outcome: CaseOutcome.nullable(),
  to_decided_on: z.string().nullable(),
  authority_code: z.string().nullable(),
  authority_name: z.string().nullable(),
  note: z.string().nullable(),
  transferred_by: z.string(),
  transferred_at: TimestampColumn,
  letter_document_id: z.string().nullable(),
  letter_number: z.string().nullable(),
  served_on: z.string().nullable(),
  service_method: ReferralServiceMethod.nullable(),
  served_by: z.string().nullable(),
  served_at: TimestampColumn.nullable(),
  answered_on: z.string().nullable(),
  answer: z.string().nullable(),
  answered_by: z.string().nullable(),
  answered_at: TimestampColumn.nullable(),
});

const OtherCase = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  status: CaseStatus,
  outcome: CaseOutcome.nullable(),
  decidedOn: DateText.nullable(),
});

export const CaseTransferLink = z.object({
  kind: z.enum(['city', 'authority']),
  /** The sending city's case. */
  from: OtherCase,
  /** The receiving city's case (kind city) with its progress. */
  to: OtherCase.nullable(),
  /** The outside authority (kind authority); its name as the case was referred. */
  authority: z.object({ code: z.string(), name: z.string() }).nullable(),
  receivingName: z.string().nullable(),
  /** The sender's note; null without personal data (or when none was written). */
  note: z.string().nullable(),
  transferredBy: z.string(),
  transferredAt: Instant,
  referral: z
    .object({
      letter: z.object({ documentId: z.string(), number: z.string().nullable() }).nullable(),
      service: z.object({ servedOn: DateText, method: ReferralServiceMethod, servedBy: z.string(), recordedAt: Instant }).nullable(),
      answer: z.object({ answeredOn: DateText, answer: z.string().nullable(), answeredBy: z.string(), recordedAt: Instant }).nullable(),
    })
    .nullable(),
});
export type CaseTransferLink = z.infer<typeof CaseTransferLink>;

export const CaseTransfers = z.object({
  caseId: z.string(),
  /** The transfer this case made (its TRANSFERRED decision named a city or an authority). */
  outgoing: CaseTransferLink.nullable(),
  /** The transfer that opened this case. */
  incoming: CaseTransferLink.nullable(),
});
export type CaseTransfers = z.infer<typeof CaseTransfers>;

const SELECT = `
SELECT t.from_case_id, f.case_no AS from_case_no, t.from_city, f.status AS from_status, t.kind, t.to_city, t.to_case_id,
       r.case_no AS to_case_no, r.status AS to_status, r.outcome AS to_outcome, to_char(r.decided_on, 'YYYY-MM-DD') AS to_decided_on,
       t.authority_code, t.authority_name, t.note, t.transferred_by, t.transferred_at, t.letter_document_id::text, t.letter_number,
       to_char(t.served_on, 'YYYY-MM-DD') AS served_on, t.service_method, t.served_by, t.served_at,
       to_char(t.answered_on, 'YYYY-MM-DD') AS answered_on, t.answer, t.answered_by, t.answered_at,
       f.outcome AS from_outcome, to_char(f.decided_on, 'YYYY-MM-DD') AS from_decided_on
  FROM case_transfer t JOIN case_file f ON f.case_id = t.from_case_id LEFT JOIN case_file r ON r.case_id = t.to_case_id`;

const RowWithFrom = Row.extend({ from_outcome: CaseOutcome.nullable(), from_decided_on: z.string().nullable() });

function link(r: z.infer<typeof RowWithFrom>, persons: boolean): CaseTransferLink {
  return {
    kind: r.kind,
    from: {
      caseId: r.from_case_id,
      caseNo: r.from_case_no,
      cityCode: r.from_city,
      cityName: cityName(r.from_city),
      status: r.from_status,
      outcome: r.from_outcome,
      decidedOn: r.from_decided_on,
    },
    to:
      r.to_case_id && r.to_city && r.to_case_no && r.to_status
        ? {
            caseId: r.to_case_id,
            caseNo: r.to_case_no,
            cityCode: r.to_city,
            cityName: cityName(r.to_city),
            status: r.to_status,
            outcome: r.to_outcome,
            decidedOn: r.to_decided_on,
          }
        : null,
    authority: r.authority_code ? { code: r.authority_code, name: r.authority_name ?? r.authority_code } : null,
    receivingName: r.authority_name,
    note: persons ? r.note : null,
    transferredBy: r.transferred_by,
    transferredAt: instant(r.transferred_at),
    referral:
      r.kind === 'authority'
        ? {
            letter: r.letter_document_id ? { documentId: r.letter_document_id, number: r.letter_number } : null,
            service:
              r.served_on && r.service_method && r.served_by && r.served_at
                ? { servedOn: r.served_on, method: r.service_method, servedBy: r.served_by, recordedAt: instant(r.served_at) }
                : null,
            answer:
              r.answered_on && r.answered_by && r.answered_at
                ? { answeredOn: r.answered_on, answer: persons ? r.answer : null, answeredBy: r.answered_by, recordedAt: instantOrNull(r.answered_at)! }
                : null,
          }
        : null,
  };
}

export async function caseTransfers(pool: Pool, caseId: string, persons: boolean): Promise<CaseTransfers> {
  const [out, inc] = await Promise.all([
    pool.query(`${SELECT} WHERE t.from_case_id = $1`, [caseId]),
    pool.query(`${SELECT} WHERE t.to_case_id = $1`, [caseId]),
  ]);
  const o = parseRows(RowWithFrom, out.rows)[0];
  const i = parseRows(RowWithFrom, inc.rows)[0];
  return { caseId, outgoing: o ? link(o, persons) : null, incoming: i ? link(i, persons) : null };
}
