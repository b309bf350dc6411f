/**
 * One penalty procedure as the console shows it (issue 19): where it stands and what is due next
 * (with who acts and by when), its measures (current, and the trail of every version), the steps
 * taken, the documents generated (number, kind, template version, checksum), their services, the
 * attachments, and its deadlines in working days, with art. 60's time limit. Read from the tables
 * the procedure workflow writes (migration 060); nothing here carries free text, only ids.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { DOCUMENT_KIND_LABELS, DocumentKind } from '../domain/documents';
import { COMPETENT_AUTHORITY_LABELS, PROCEDURE_VIOLATION_LABELS, ProcedureViolation } from '../domain/legalBasis';
import {
  PROCEDURE_LEVEL_LABELS,
  PROCEDURE_STEP_LABELS,
  ProcedureLevel,
  ProcedureStep,
  REDRESS_KIND_LABELS,
  REDRESS_RESULT_LABELS,
  RedressKind,
  RedressResult,
  SERVICE_METHOD_LABELS,
  ServedDocument,
  ServiceMethod,
} from '../domain/penaltyProcedure';
import type { WorkingCalendar } from '../domain/workingDays';
import { ProcedureBasis } from './intermediaryBasis';
import { campaignTodays, deadlinesOf, ProcedureDeadline } from './procedureDeadlines';
import { DateText, Instant, instant, parseRows } from './sqlTypes';
import { Measure, measureOf, MeasureRow } from './procedureMeasures';
import { loadWorkingCalendar } from './workingCalendar';
import {
  awaitedActions,
  AwaitedAction,
  intermediaryOf,
  PROCEDURE_COLUMNS,
  PROCEDURE_EVENT_LABELS,
  PROCEDURE_FROM,
  ProcedureIntermediary,
  ProcedureRow,
  servedOnColumn,
  stepsOf,
} from './procedureRow';

const StepTaken = z.object({
  eventId: z.string(),
  action: z.string(),
  label: z.string(),
  step: ProcedureStep,
  stepLabel: z.string(),
  officerId: z.string().nullable(),
  officerRole: z.string().nullable(),
  happenedOn: DateText,
  recordedAt: Instant,
});

const ProcedureDocument = z.object({
  documentId: z.string(),
  kind: DocumentKind,
  kindLabel: z.string(),
  number: z.string().nullable(),
  templateVersion: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int(),
  createdAt: Instant,
  servedOn: DateText.nullable(),
});

const Service = z.object({
  serviceId: z.string(),
  document: ServedDocument,
  documentLabel: z.string(),
  documentId: z.string(),
  method: ServiceMethod,
  methodLabel: z.string(),
  servedOn: DateText,
  proofAttachmentId: z.string().nullable(),
  recordedBy: z.string(),
});

const Attachment = z.object({
  attachmentId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: Instant,
});

export const ProcedureDetail = z.object({
  procedureId: z.string(),
  /** The case's id and number; null for an intermediary order's procedure (its party in `intermediary`). */
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  /** An escalated intermediary order's procedure: the order, the intermediary, its name and the basis chosen at the escalation. */
  intermediary: ProcedureIntermediary.extend({ basis: ProcedureBasis.nullable() }).nullable(),
  campaignId: z.string(),
  cityCode: z.string(),
  level: ProcedureLevel,
  levelLabel: z.string(),
  authorityCode: z.string(),
  step: ProcedureStep,
  stepLabel: z.string(),
  /** The steps of this procedure in order, for a progress bar (the ministry's only for 一级 referrals). */
  steps: z.array(z.object({ step: ProcedureStep, label: z.string() })),
  awaiting: z.array(AwaitedAction),
  violation: ProcedureViolation,
  violationLabel: z.string(),
  certCategory: z.string().nullable(),
  legalBasisId: z.number().int().nullable(),
  hearingApplies: z.boolean(),
  /** The measures as they stand (the newest version of each kind). */
  measures: z.array(Measure),
  /** Every version of every measure, oldest first: the trail stays. */
  measureTrail: z.array(Measure),
  stepsTaken: z.array(StepTaken),
  documents: z.array(ProcedureDocument),
  services: z.array(Service),
  attachments: z.array(Attachment),
  deadlines: z.array(ProcedureDeadline),
  timeLimit: z.object({
    openedOn: DateText,
    timeLimitOn: DateText,
    extended: z.boolean(),
    overdue: z.boolean(),
    workingDaysLeft: z.number().int().nullable(),
    calendarDaysLeft: z.number().int(),
  }),
  hearing: z.object({ requestedOn: DateText.nullable(), date: DateText.nullable(), time: z.string().nullable(), heldOn: DateText.nullable() }).nullable(),
  review: z.object({ adopted: z.boolean(), reviewedOn: DateText.nullable() }).nullable(),
  ministry: z.object({ revoked: z.boolean().nullable(), answeredOn: DateText.nullable(), ministryDocumentNumber: z.string().nullable() }).nullable(),
  redress: z
    .object({
      kind: RedressKind,
      kindLabel: z.string(),
      filedOn: DateText,
      result: RedressResult.nullable(),
      resultLabel: z.string().nullable(),
      decidedOn: DateText.nullable(),
    })
    .nullable(),
  /** The proposal's facts and evidence as the officer wrote them: for officers and coordinators only (null for the other roles, or before a proposal). */
  proposal: z.object({ facts: z.string().nullable(), evidence: z.string().nullable() }).nullable(),
  effectiveOn: DateText.nullable(),
  closedOn: DateText.nullable(),
  closedBecause: z.string().nullable(),
  closedBecauseLabel: z.string().nullable(),
  asOfDate: DateText.describe("the campaign's today the working days are counted from"),
});
export type ProcedureDetail = z.infer<typeof ProcedureDetail>;

const EventRow = z.object({
  event_id: z.string(),
  action: z.string(),
  step: ProcedureStep,
  officer_id: z.string().nullable(),
  officer_role: z.string().nullable(),
  happened_on: DateText,
  recorded_at: z.date(),
});
const DocumentRow = z.object({
  id: z.string(),
  kind: DocumentKind,
  number: z.string().nullable(),
  template_version: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int(),
  created_at: z.date(),
});
const ServiceRow = z.object({
  service_id: z.string(),
  served_document: ServedDocument,
  document_id: z.string(),
  method: ServiceMethod,
  served_on: DateText,
  proof_attachment_id: z.string().nullable(),
  recorded_by: z.string(),
});
const AttachmentRow = z.object({
  attachment_id: z.string(),
  file_name: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploaded_by: z.string(),
  uploaded_at: z.date(),
});

const SERVED_DOCUMENT_LABELS: Record<ServedDocument, string> = { notice: '告知书', hearing_notice: '听证通知书', decision: '决定书' };

/** Why a procedure closed, in words. */
const CLOSED_BECAUSE_LABELS: Record<string, string> = {
  done: '处罚决定已执行完毕',
  no_penalty: '不予行政处罚（决定书已送达）',
  no_measures: '本级无处理措施',
  ministry_declined: '住房和城乡建设部未予撤销',
  withdrawn: '案件重新办理或改变结论，程序撤回',
};

const textOf = (rows: { id: string; text: string }[], id: string | null): string | null => (id ? (rows.find((r) => r.id === id)?.text ?? null) : null);

export interface DetailOptions {
  now?: number;
  calendar?: WorkingCalendar;
  withTexts?: boolean;
}

/** The procedures of a case (city, then province), or of one level. */
export async function procedureDetails(pool: Pool, caseId: string, level?: ProcedureLevel, opts: DetailOptions = {}): Promise<ProcedureDetail[]> {
  const { rows } = await pool.query(
    `SELECT ${PROCEDURE_COLUMNS} FROM ${PROCEDURE_FROM}
      WHERE p.case_id = $1 AND ($2::text IS NULL OR p.level = $2) ORDER BY p.level = 'province', p.procedure_id`,
    [caseId, level ?? null],
  );
  return detailsOfRows(pool, parseRows(ProcedureRow, rows), opts);
}

/** The details of procedures read as rows (one campaign's): a case's, or an order's (readModel/orderProcedureDetail.ts). */
export async function detailsOfRows(pool: Pool, procedures: ProcedureRow[], opts: DetailOptions = {}): Promise<ProcedureDetail[]> {
  if (procedures.length === 0) return [];
  const ids = procedures.map((p) => p.procedure_id);
  const documentIds = procedures.flatMap((p) =>
    [p.notice_document_id, p.hearing_document_id, p.decision_document_id, p.ministry_document_id].filter((x): x is string => x !== null),
  );
  const textIds = opts.withTexts ? procedures.flatMap((p) => [p.facts_text_id, p.evidence_text_id].filter((x): x is string => x !== null)) : [];
  const [cal, todays, measures, events, documents, services, attachments, texts] = await Promise.all([
    opts.calendar ?? loadWorkingCalendar(pool),
    campaignTodays(pool, [procedures[0].campaign_id], opts.now),
    pool.query(
      `SELECT procedure_id, kind, version, authority, amount_yuan, illegal_gains_yuan, reapply_bar_years, status, to_char(status_on, 'YYYY-MM-DD') AS status_on, recorded_at
         FROM procedure_measure WHERE procedure_id = ANY($1::text[]) ORDER BY recorded_at, status_on, kind, version`,
      [ids],
    ),
    pool.query(
      `SELECT procedure_id, event_id, action, step, officer_id, officer_role, to_char(happened_on, 'YYYY-MM-DD') AS happened_on, recorded_at
         FROM procedure_event WHERE procedure_id = ANY($1::text[]) ORDER BY recorded_at, event_id`,
      [ids],
    ),
    pool.query(
      `SELECT id::text AS id, kind, number, template_version, sha256, octet_length(content) AS bytes, created_at
         FROM generated_document WHERE id = ANY($1::uuid[]) ORDER BY created_at`,
      [documentIds],
    ),
    pool.query(
      `SELECT procedure_id, service_id, served_document, document_id::text AS document_id, method, to_char(served_on, 'YYYY-MM-DD') AS served_on,
              proof_attachment_id::text AS proof_attachment_id, recorded_by
         FROM procedure_service WHERE procedure_id = ANY($1::text[]) ORDER BY served_on, recorded_at`,
      [ids],
    ),
    pool.query(
      `SELECT owner_id AS procedure_id, id::text AS attachment_id, file_name, content_type, size, sha256, added_by AS uploaded_by, added_at AS uploaded_at
         FROM attachment WHERE owner_kind = 'procedure' AND owner_id = ANY($1::text[]) ORDER BY added_at, id`,
      [ids],
    ),
    pool.query<{ id: string; text: string }>('SELECT id::text AS id, text FROM officer_text WHERE id = ANY($1::uuid[])', [textIds]),
  ]);
  const today = todays.get(procedures[0].campaign_id) ?? new Date(opts.now ?? Date.now()).toISOString().slice(0, 10);
  const of = <T extends { procedure_id: string }>(list: T[], id: string) => list.filter((r) => r.procedure_id === id);
  const withId = <S extends z.ZodType>(schema: S) => z.object({ procedure_id: z.string() }).and(schema);
  const allMeasures = parseRows(withId(MeasureRow), measures.rows);
  const allEvents = parseRows(withId(EventRow), events.rows);
  const allServices = parseRows(withId(ServiceRow), services.rows);
  const allAttachments = parseRows(withId(AttachmentRow), attachments.rows);
  const allDocuments = parseRows(DocumentRow, documents.rows);

  return procedures.map((p): ProcedureDetail => {
    const deadlines = deadlinesOf(p, cal, today);
    const timeLimit = deadlines.find((x) => x.key === 'time_limit')!;
    const rows = of(allMeasures, p.procedure_id);
    const redressDrop =
      p.redress_kind && p.redress_result === 'changed' && rows.length > 0
        ? { kind: p.redress_kind, recordedAt: Math.max(...rows.map((r) => r.recorded_at.getTime())) }
        : undefined;
    const trail = rows.map((m) => measureOf(m, redressDrop));
    const current = [...new Map(trail.map((m) => [m.kind, m])).values()].filter((m) => m.status !== 'changed');
    const mine = of(allServices, p.procedure_id);
    const docIds = [p.notice_document_id, p.hearing_document_id, p.decision_document_id, p.ministry_document_id];
    const party = intermediaryOf(p);
    return {
      procedureId: p.procedure_id,
      caseId: p.case_id,
      caseNo: p.case_no,
      intermediary: party && { ...party, basis: null },
      campaignId: p.campaign_id,
      cityCode: p.city_code,
      level: p.level,
      // An order's procedure is conducted by the city's 人社局 (its authority hr-<city>, migration 079).
      levelLabel: party ? COMPETENT_AUTHORITY_LABELS.CITY_HR_BUREAU : PROCEDURE_LEVEL_LABELS[p.level],
      authorityCode: p.authority_code,
      step: p.step,
      stepLabel: PROCEDURE_STEP_LABELS[p.step],
      steps: stepsOf(p),
      awaiting: awaitedActions(p, deadlines),
      violation: p.violation,
      violationLabel: PROCEDURE_VIOLATION_LABELS[p.violation],
      certCategory: p.cert_category,
      legalBasisId: p.legal_basis_id,
      hearingApplies: p.hearing_applies,
      measures: current,
      measureTrail: trail,
      stepsTaken: of(allEvents, p.procedure_id).map((e) => ({
        eventId: e.event_id,
        action: e.action,
        label: PROCEDURE_EVENT_LABELS[e.action] ?? PROCEDURE_STEP_LABELS[e.step],
        step: e.step,
        stepLabel: PROCEDURE_STEP_LABELS[e.step],
        officerId: e.officer_id,
        officerRole: e.officer_role,
        happenedOn: e.happened_on,
        recordedAt: instant(e.recorded_at),
      })),
      documents: allDocuments
        .filter((doc) => docIds.includes(doc.id))
        .map((doc) => ({
          documentId: doc.id,
          kind: doc.kind,
          kindLabel: DOCUMENT_KIND_LABELS[doc.kind],
          number: doc.number,
          templateVersion: doc.template_version,
          sha256: doc.sha256,
          bytes: doc.bytes,
          createdAt: instant(doc.created_at),
          // The service record, else the date the workflow keeps beside the document.
          servedOn: mine.find((s) => s.document_id === doc.id)?.served_on ?? servedOnColumn(p, doc.id),
        })),
      services: mine.map((s) => ({
        serviceId: s.service_id,
        document: s.served_document,
        documentLabel: SERVED_DOCUMENT_LABELS[s.served_document],
        documentId: s.document_id,
        method: s.method,
        methodLabel: SERVICE_METHOD_LABELS[s.method],
        servedOn: s.served_on,
        proofAttachmentId: s.proof_attachment_id,
        recordedBy: s.recorded_by,
      })),
      // File names may name the party: for those who read officers' text only.
      attachments: (opts.withTexts ? of(allAttachments, p.procedure_id) : []).map((a) => ({
        attachmentId: a.attachment_id,
        fileName: a.file_name,
        contentType: a.content_type,
        size: a.size,
        sha256: a.sha256,
        uploadedBy: a.uploaded_by,
        uploadedAt: instant(a.uploaded_at),
      })),
      deadlines,
      timeLimit: {
        openedOn: p.opened_on,
        timeLimitOn: p.time_limit_on,
        extended: p.time_limit_extended,
        overdue: timeLimit.running && timeLimit.passed,
        workingDaysLeft: timeLimit.workingDaysLeft,
        calendarDaysLeft: timeLimit.calendarDaysLeft,
      },
      hearing:
        p.hearing_requested_on || p.hearing_date
          ? { requestedOn: p.hearing_requested_on, date: p.hearing_date, time: p.hearing_time, heldOn: p.hearing_held_on }
          : null,
      review: p.review_adopted === null ? null : { adopted: p.review_adopted, reviewedOn: p.reviewed_on },
      ministry:
        p.ministry_document_id === null
          ? null
          : { revoked: p.ministry_revoked, answeredOn: p.ministry_answered_on, ministryDocumentNumber: p.ministry_document_number },
      redress: p.redress_kind
        ? {
            kind: p.redress_kind,
            kindLabel: REDRESS_KIND_LABELS[p.redress_kind],
            filedOn: p.redress_filed_on ?? p.effective_on ?? p.opened_on,
            result: p.redress_result,
            resultLabel: p.redress_result ? REDRESS_RESULT_LABELS[p.redress_result] : null,
            decidedOn: p.redress_decided_on,
          }
        : null,
      proposal:
        opts.withTexts && (p.facts_text_id || p.evidence_text_id)
          ? { facts: textOf(texts.rows, p.facts_text_id), evidence: textOf(texts.rows, p.evidence_text_id) }
          : null,
      effectiveOn: p.effective_on,
      closedOn: p.closed_on,
      closedBecause: p.closed_because,
      closedBecauseLabel: p.closed_because ? (CLOSED_BECAUSE_LABELS[p.closed_because] ?? p.closed_because) : null,
      asOfDate: today,
    };
  });
}
