/**
 * The data a procedure's document is filled with (domain/documents.ts DOCUMENT_DATA), read from the
 * database inside the rendering activity: the party's name, ID number and address, the facts and
 * evidence (officer_text), the basis (legal_basis_version), the measures (procedure_measure), the
 * deadlines and what the party said. The workflow passes only the kind, the case id and the
 * document number: personal data never crosses Temporal (activities/documents/index.ts).
 *
 * Which procedure a number belongs to: its allocation key (document_number.idempotency_key) starts
 * with the procedure id ('penalty-procedure/<caseId>/<level>/<kind>…', workflows/penaltyProcedure.ts).
 * The issue date is the day of the procedure's step that took the number.
 */
import type { Pool } from 'pg';
import { CERT_CATEGORY_LABELS, CertCategory } from '../../domain/certCategories';
import { chineseDate, DOCUMENT_KIND_LABELS, DocumentKind, type DocumentData } from '../../domain/documents';
import { DomainError } from '../../domain/errors';
import { PROCEDURE_VIOLATION_LABELS, ProcedureViolation } from '../../domain/legalBasis';
import { isIntermediarySubject, procedureIdOf } from '../../domain/procedureId';
import { describeChosenMeasure, statementSummary } from '../../domain/procedureDocuments';
import { UNIT_PARTY_KINDS } from '../../domain/intermediaryDocuments';
import { hearingRequestDeadline, ProcedureMeasure, statementDeadline } from '../../domain/penaltyProcedure';
import { legalBasisById } from '../../readModel/legalBases';
import { loadPenaltyEvidence } from '../../readModel/penaltyEvidence';
import { loadWorkingCalendar } from '../../readModel/workingCalendar';
import { intermediaryPartyOf } from './intermediaryParty';

/** Said where the province has not given its own wording (docs/procedure.md: defaults). */
const CONTACT = '请与本机关案件承办机构联系';
const MINISTRY = '中华人民共和国住房和城乡建设部';

interface ProcedureRow {
  procedure_id: string;
  case_id: string | null;
  intermediary_order_id: string | null;
  level: 'city' | 'province';
  authority_name: string;
  id_number: string | null;
  party_name: string | null;
  violation: string;
  cert_category: string | null;
  legal_basis_id: string | null;
  hearing_applies: boolean;
  facts: string | null;
  evidence: string | null;
  hearing_place: string | null;
  hearing_presiding: string | null;
  review_reasons: string | null;
  /** The reasons of the last review or revision of the decision (the 不予行政处罚决定书 prints them). */
  last_reasons: string | null;
  notice_served_on: string | null;
  statement_deadline: string | null;
  hearing_request_deadline: string | null;
  hearing_requested_on: string | null;
  hearing_date: string | null;
  hearing_time: string | null;
  hearing_held_on: string | null;
  rights_waived_on: string | null;
  review_adopted: boolean | null;
  statements: number;
  key: string;
  issued_on: string | null;
}

const d = (col: string) => `to_char(${col}, 'YYYY-MM-DD') AS ${col.replace(/^p\./, '')}`;

async function procedureOf(pool: Pool, caseId: string, documentNumber: string): Promise<ProcedureRow> {
  // An intermediary's procedure: the subject is its order's reference, the procedure found by its id (no case).
  const intermediaryProcedureId = isIntermediarySubject(caseId) ? procedureIdOf(caseId, 'city') : null;
  const { rows } = await pool.query<ProcedureRow>(
    `SELECT p.procedure_id, p.case_id, p.intermediary_order_id::text AS intermediary_order_id, p.level, a.name AS authority_name, c.id_number, s.name AS party_name, p.violation, p.cert_category,
            p.legal_basis_id::text AS legal_basis_id, p.hearing_applies,
            tf.text AS facts, te.text AS evidence, tp.text AS hearing_place, th.text AS hearing_presiding, tr.text AS review_reasons,
            ${['p.notice_served_on', 'p.statement_deadline', 'p.hearing_request_deadline', 'p.hearing_requested_on', 'p.hearing_date', 'p.hearing_held_on', 'p.rights_waived_on'].map(d).join(', ')},
            p.hearing_time, p.review_adopted,
            (SELECT count(*)::int FROM procedure_event e WHERE e.procedure_id = p.procedure_id AND e.action = 'recordStatement') AS statements,
            (SELECT t.text FROM procedure_event e JOIN officer_text t ON t.id::text = e.payload ->> 'reasons'
              WHERE e.procedure_id = p.procedure_id AND e.action IN ('reviewStatement', 'reviseDecision') ORDER BY e.recorded_at DESC LIMIT 1) AS last_reasons,
            n.idempotency_key AS key,
            (SELECT to_char(e.happened_on, 'YYYY-MM-DD') FROM procedure_event e
              WHERE e.procedure_id = p.procedure_id AND e.payload -> 'documentNumbers' ? n.number ORDER BY e.recorded_at LIMIT 1) AS issued_on
     FROM document_number n
     JOIN penalty_procedure p ON n.idempotency_key LIKE p.procedure_id || '/%' AND (p.case_id = $1 OR p.procedure_id = $3)
     JOIN issuing_authority a ON a.code = p.authority_code
     LEFT JOIN case_file c ON c.case_id = p.case_id
     LEFT JOIN screening_result s ON s.run_id = c.screening_run_id AND s.id_number = c.id_number
     LEFT JOIN officer_text tf ON tf.id = p.facts_text_id
     LEFT JOIN officer_text te ON te.id = p.evidence_text_id
     LEFT JOIN officer_text tp ON tp.id = p.hearing_place_text_id
     LEFT JOIN officer_text th ON th.id = p.hearing_presiding_text_id
     LEFT JOIN officer_text tr ON tr.id = p.review_reasons_text_id
     WHERE n.number = $2`,
    [caseId, documentNumber, intermediaryProcedureId],
  );
  if (!rows[0]) throw new DomainError('NotFound', `document number ${documentNumber} belongs to no procedure of case ${caseId}`);
  return rows[0];
}

/** The party's registrations as the case's evidence recorded them (name fallback, address, certificate). */
async function registrationsOf(
  pool: Pool,
  caseId: string,
): Promise<{ name: string | null; unitName: string | null; certCategory: string | null; certNumber: string | null }[]> {
  const ev = await loadPenaltyEvidence(pool, caseId);
  const regs = ev.get('registrations');
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return (Array.isArray(regs) ? (regs as Record<string, unknown>[]) : [])
    .filter((r) => (str(r.status) ?? 'valid') === 'valid')
    .map((r) => ({ name: str(r.name), unitName: str(r.unitName), certCategory: str(r.certCategory), certNumber: str(r.certNumber) }));
}

async function measuresOf(pool: Pool, procedureId: string): Promise<ProcedureMeasure[]> {
  const { rows } = await pool.query(
    `SELECT DISTINCT ON (kind) kind, authority, status, amount_yuan, illegal_gains_yuan, reapply_bar_years
     FROM procedure_measure WHERE procedure_id = $1 ORDER BY kind, version DESC`,
    [procedureId],
  );
  return rows
    .map((r) =>
      ProcedureMeasure.parse({
        kind: r.kind,
        authority: r.authority,
        status: r.status,
        amountYuan: r.amount_yuan,
        illegalGainsYuan: r.illegal_gains_yuan,
        reapplyBarYears: r.reapply_bar_years,
      }),
    )
    .filter((m) => m.status !== 'dropped' && m.status !== 'changed' && m.status !== 'withdrawn');
}

const items = (text: string | null): { text: string }[] => {
  const lines = (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.length > 0 ? lines.map((t) => ({ text: t })) : [{ text: '见案卷' }];
};

/** 长春市住房和城乡建设局 → 长春市人民政府: the reviewing government of a city bureau (a default, docs/procedure.md). */
const reviewAuthorityOf = (p: ProcedureRow): string =>
  p.level === 'province' ? '吉林省人民政府' : `${p.authority_name.replace(/(住房和城乡建设局|人力资源和社会保障局)$/, '')}人民政府`;

/** A unit's kind (intermediary_penalty_notice …) → the procedure's kind whose data it takes (penalty_notice …). */
const PERSON_KIND_OF: Partial<Record<DocumentKind, DocumentKind>> = Object.fromEntries(
  Object.entries(UNIT_PARTY_KINDS).map(([person, unit]) => [unit, person as DocumentKind]),
);

export async function procedureDocumentData(
  pool: Pool,
  ref: { kind: DocumentKind; subjectRef: string; documentNumber: string },
): Promise<DocumentData<DocumentKind>> {
  // A unit's kind takes its person kind's data with the unit's fields (partyCreditCode …) and the basis's wording.
  const unitKind = PERSON_KIND_OF[ref.kind] !== undefined;
  const kind = PERSON_KIND_OF[ref.kind] ?? ref.kind;
  const p = await procedureOf(pool, ref.subjectRef, ref.documentNumber);
  const regs = p.case_id ? await registrationsOf(pool, p.case_id) : [];
  // An intermediary's procedure: the party and the basis are the intermediary's (intermediaryParty.ts).
  const intermediary = p.intermediary_order_id ? await intermediaryPartyOf(pool, p.procedure_id) : undefined;
  const issueDate = p.issued_on ?? p.notice_served_on ?? new Date().toISOString().slice(0, 10);
  const violation = ProcedureViolation.parse(p.violation);
  const basis = p.legal_basis_id ? await legalBasisById(pool, Number(p.legal_basis_id)) : undefined;
  const basisText =
    (unitKind ? intermediary?.basisQuoted : intermediary?.basisText) ??
    (basis ? basis.citations.map((c) => `${c.instrument}${c.article}`).join('；') : '（处罚依据待省住房和城乡建设厅发布）');
  const measures = await measuresOf(pool, p.procedure_id);
  const measureItems = measures.length > 0 ? measures.map((m) => ({ text: describeChosenMeasure(m) })) : [{ text: '不予行政处罚' }];
  const common = {
    documentNumber: ref.documentNumber,
    authorityName: p.authority_name,
    partyName: intermediary?.partyName ?? p.party_name ?? regs[0]?.name ?? '（当事人）',
    partyIdNumber: intermediary?.partyIdNumber ?? p.id_number ?? '',
    partyAddress: intermediary?.partyAddress ?? (regs[0]?.unitName ? `注册单位：${regs[0].unitName}` : '（地址见案卷）'),
    // A unit's template: its name alone (up to 200 characters), credit code, licence and address; partyIdNumber is dropped by its schema.
    ...(unitKind && intermediary ? intermediary.unit : {}),
  };
  const facts = p.facts ?? PROCEDURE_VIOLATION_LABELS[violation];
  const said = statementSummary({
    statements: p.statements,
    hearingHeldOn: p.hearing_held_on,
    rightsWaivedOn: p.rights_waived_on,
    reviewAdopted: p.review_adopted,
    reviewReasons: p.review_reasons,
  });
  switch (kind) {
    case 'penalty_notice':
    case 'revocation_notice': {
      // Printed before service: the periods counted from the issue date, which the party's (from the service date) never precede.
      const cal = await loadWorkingCalendar(pool);
      const settings = await pool.query<{ statement_working_days: number }>('SELECT statement_working_days FROM procedure_setting');
      const from = p.notice_served_on ?? issueDate;
      return {
        ...common,
        facts,
        evidence: items(p.evidence),
        basis: basisText,
        measures: measureItems,
        statementDeadline: p.statement_deadline ?? statementDeadline(cal, from, { statementWorkingDays: settings.rows[0]?.statement_working_days ?? 5 }),
        hearing: p.hearing_applies,
        hearingDeadline: p.hearing_applies ? (p.hearing_request_deadline ?? hearingRequestDeadline(cal, from)) : null,
        contact: CONTACT,
        issueDate,
      };
    }
    case 'penalty_decision':
    case 'revocation_decision':
      return {
        ...common,
        facts,
        evidence: items(p.evidence),
        statementSummary: said,
        basis: basisText,
        measures: measureItems,
        performance: measures.some((m) => m.kind === 'FINE')
          ? '罚款自收到本决定书之日起十五日内缴纳（《中华人民共和国行政处罚法》第六十七条）；其他处理自本决定书送达之日起执行'
          : '自本决定书送达之日起执行',
        reviewAuthority: reviewAuthorityOf(p),
        court: '有管辖权的人民法院',
        decisionDate: issueDate,
      };
    case 'no_penalty_decision':
      return {
        ...common,
        facts,
        evidence: items(p.evidence),
        statementSummary: said,
        reasons: p.last_reasons ?? p.review_reasons ?? '经复核，本案依法不予行政处罚',
        basis: `《中华人民共和国行政处罚法》第五十七条${basis || intermediary ? `；${basisText}` : ''}`,
        reviewAuthority: reviewAuthorityOf(p),
        court: '有管辖权的人民法院',
        decisionDate: issueDate,
      };
    case 'hearing_notice':
      return {
        ...common,
        caseSummary: `涉嫌${PROCEDURE_VIOLATION_LABELS[violation]}`,
        hearingTime: p.hearing_date ? `${chineseDate(p.hearing_date)} ${p.hearing_time ?? ''}`.trim() : '另行通知',
        hearingPlace: p.hearing_place ?? '另行通知',
        presidingOfficer: p.hearing_presiding ?? '另行指定',
        contact: CONTACT,
        issueDate,
      };
    case 'ministry_proposal': {
      const category = CertCategory.safeParse(p.cert_category);
      const reg = regs.find((r) => r.certCategory === p.cert_category) ?? regs[0];
      return {
        ...common,
        certCategoryLabel: category.success ? CERT_CATEGORY_LABELS[category.data] : '（注册类别）',
        certNumber: reg?.certNumber ?? '（见案卷）',
        registeredUnit: reg?.unitName ?? '（见案卷）',
        facts,
        evidence: items(p.evidence),
        basis: basisText,
        procedure: said,
        proposal: `建议${measureItems.map((m) => m.text).join('；')}`,
        recipient: MINISTRY,
        issueDate,
      };
    }
    case 'service_receipt': {
      // <procedureId>[/<run>]/service_receipt/<served kind>: the served document's key is the same without 'service_receipt/'.
      const served = DocumentKind.parse(p.key.slice(p.key.lastIndexOf('/') + 1));
      const n = await pool.query<{ number: string }>('SELECT number FROM document_number WHERE idempotency_key = $1', [
        p.key.replace('/service_receipt/', '/'),
      ]);
      return {
        ...common,
        servedDocumentTitle: DOCUMENT_KIND_LABELS[served],
        servedDocumentNumber: n.rows[0]?.number ?? '（见送达文书）',
        serviceAddress: common.partyAddress,
        serviceMethod: '（送达时据实填写）',
        issueDate,
      };
    }
    case 'referral_letter':
      // A transfer's letter, not a procedure's: services/referrals.ts fills it.
      throw new Error('a referral letter is not a document of the penalty procedure');
    case 'self_check_notice':
      // The self-check phase's notice is no document of a penalty procedure (api/routes/selfCheckListRoutes.ts fills it).
      throw new DomainError('InvalidActivityInput', 'a self-check notice is not a document of a penalty procedure');
    default:
      // The rectification order's notice is the order's, not its procedure's (services/intermediaryOrderNotice.ts); a unit's
      // procedure kinds were mapped to their person kinds above.
      throw new DomainError('InvalidActivityInput', `${ref.kind} is not a document of a penalty procedure`);
  }
}
