/**
 * The referral letter (移送函) of a case referred to an outside authority (issue 20 item 6): numbered
 * per issuing authority (the sending city's), kind and year like every document (长建移〔2026〕第0001号),
 * filled into the template in use (documents/), stored, and linked to the transfer. Idempotent by the
 * case: a second call returns the letter made the first time (same number, same file).
 */
import type { Pool } from 'pg';
import { allocateDocumentNumber } from '../documents/documentNumbers';
import { renderDocument } from '../documents/renderDocument';
import type { DocumentData } from '../domain/documents';
import { DomainError } from '../domain/errors';
import { FLAG_LABELS, FlagCode } from '../domain/flags';

const EVIDENCE_LABELS: Record<string, string> = {
  screening: '数据比对结果',
  registrations: '注册信息',
  social_insurance: '社会保险缴纳记录',
  housing_fund: '住房公积金缴存记录',
  complaints: '投诉举报材料',
  public_sector_staff: '机关事业单位人员信息',
  labor_contracts: '劳动合同备案信息',
  exam_applications: '考试报名信息',
};

const CONTACT = '请与本机关案件承办机构联系';

export interface ReferralLetter {
  documentId: string;
  number: string;
}

export async function generateReferralLetter(pool: Pool, caseId: string, today: string, contact?: string): Promise<ReferralLetter> {
  const { rows } = await pool.query<{
    kind: string;
    from_city: string;
    authority_name: string | null;
    note: string | null;
    case_no: string;
    id_number: string;
    reasons: string[];
    name: string | null;
    letter_document_id: string | null;
    letter_number: string | null;
    issuer: string | null;
  }>(
    `SELECT t.kind, t.from_city, t.authority_name, t.note, f.case_no, f.id_number, f.reasons, s.name, t.letter_document_id::text, t.letter_number,
            (SELECT name FROM issuing_authority WHERE code = t.from_city) AS issuer
       FROM case_transfer t JOIN case_file f ON f.case_id = t.from_case_id
       LEFT JOIN screening_result s ON s.run_id = f.screening_run_id AND s.id_number = f.id_number
      WHERE t.from_case_id = $1`,
    [caseId],
  );
  const t = rows[0];
  if (!t || t.kind !== 'authority') throw new DomainError('NotFound', `案件 ${caseId} 没有移送其他部门的记录 (no referral)`);
  if (t.letter_document_id && t.letter_number) return { documentId: t.letter_document_id, number: t.letter_number };
  const number = await allocateDocumentNumber(pool, {
    authorityCode: t.from_city,
    kind: 'referral_letter',
    year: Number(today.slice(0, 4)),
    key: `referral/${caseId}`,
    subjectRef: caseId,
  });
  const kinds = await pool.query<{ kind: string }>('SELECT kind FROM case_evidence WHERE case_id = $1 ORDER BY kind', [caseId]);
  const flags = t.reasons.map((r) => (FlagCode.safeParse(r).success ? FLAG_LABELS[r as FlagCode] : r));
  const recipient = t.authority_name ?? '有关部门';
  const data: DocumentData<'referral_letter'> = {
    documentNumber: number.number,
    authorityName: t.issuer ?? `${t.from_city}住房和城乡建设局`,
    partyName: t.name ?? '（见案卷）',
    partyIdNumber: t.id_number,
    partyAddress: '（见案卷）',
    recipient,
    caseNo: t.case_no,
    facts: flags.length > 0 ? `经数据比对和核查，当事人存在以下情形：${flags.join('；')}。` : '经核查，当事人的注册执业情况涉及你单位职责，详见移送材料。',
    evidence: kinds.rows.length > 0 ? kinds.rows.map((k) => ({ text: EVIDENCE_LABELS[k.kind] ?? k.kind })) : [{ text: '案卷材料' }],
    reason: t.note ?? `经核查，该案件涉及${recipient}职责，依法移送处理。`,
    contact: contact ?? CONTACT,
    issueDate: today,
  };
  const doc = await renderDocument(pool, { kind: 'referral_letter', key: `referral/${caseId}/letter`, subjectRef: caseId, data });
  await pool.query('UPDATE case_transfer SET letter_document_id = $2, letter_number = $3 WHERE from_case_id = $1 AND letter_document_id IS NULL', [
    caseId,
    doc.id,
    number.number,
  ]);
  return { documentId: doc.id, number: number.number };
}
