/**
 * One step of a penalty procedure written to the read model, in one transaction: the event (who,
 * when, what: dates, ids and officer_text references), the procedure's row as the workflow's state
 * now stands, and its measures. Idempotent by the event id (the update id, or the workflow's own
 * '<step>/<what>' key): a retry finds the event and writes nothing again, so a measure's trail
 * never gains a second version from one step.
 *
 * The measures' trail: a step that revises the measures (a review that lowers them, a redress that
 * changes them) marks each current row `changed` and adds the new version; other steps move the
 * current rows' status (proposed → decided → in_effect → withdrawn). Nothing is deleted.
 */
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar';
import { Officer } from '../../domain/officer';
import { ProcedureMeasure } from '../../domain/penaltyProcedure';
import { inTransaction } from '../../platform/transactions';
import { ProcedureState } from '../../domain/procedureState';

/** The officer_text references a step fills into the procedure's row. */
const StepTexts = z
  .object({
    facts: z.uuid(),
    evidence: z.uuid(),
    hearingPlace: z.uuid(),
    hearingPresiding: z.uuid(),
    reviewReasons: z.uuid(),
  })
  .partial();

export const ProcedureStepInput = z.object({
  procedureId: z.string().min(1),
  eventId: z.string().min(1).max(300),
  action: z.string().min(1).max(60),
  officer: Officer.optional(),
  happenedOn: IsoDate,
  at: z.iso.datetime({ offset: true }),
  /** Dates, ids and references only (never free text). */
  payload: z.record(z.string(), z.unknown()).default({}),
  state: ProcedureState,
  texts: StepTexts.default({}),
  /** The measures were revised (review, redress): the current rows become `changed`, the state's measures a new version. */
  measuresRevised: z.boolean().default(false),
  /** The responsible person approved the decision on happenedOn. */
  decisionApproved: z.boolean().default(false),
});
export type ProcedureStepInput = z.input<typeof ProcedureStepInput>;

export async function recordProcedureStep(pool: Pool, raw: ProcedureStepInput): Promise<{ recorded: boolean }> {
  const i = ProcedureStepInput.parse(raw);
  return inTransaction(pool, async (client) => {
    const o = i.officer;
    const ev = await client.query(
      `INSERT INTO procedure_event (procedure_id, event_id, action, step, officer_id, officer_role, officer_city, payload, happened_on, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (procedure_id, event_id) DO NOTHING`,
      [
        i.procedureId,
        i.eventId,
        i.action,
        i.state.step,
        o?.userId ?? null,
        o?.role ?? null,
        o?.cityCode ?? null,
        JSON.stringify(i.payload),
        i.happenedOn,
        i.at,
      ],
    );
    if (ev.rowCount === 0) return { recorded: false };
    await writeProcedureRow(client, i);
    await writeService(client, i);
    await writeMeasures(client, i.procedureId, i.state.measures, i.happenedOn, i.measuresRevised);
    return { recorded: true };
  });
}

async function writeProcedureRow(client: PoolClient, i: z.infer<typeof ProcedureStepInput>): Promise<void> {
  const s = i.state;
  const t = i.texts;
  await client.query(
    `UPDATE penalty_procedure SET
       step = $2, awaiting = $3,
       -- An intermediary's procedure (its order's) cites an intermediary_basis_version; a case's a legal_basis_version.
       legal_basis_id = CASE WHEN intermediary_order_id IS NULL THEN $4::bigint END,
       intermediary_basis_id = CASE WHEN intermediary_order_id IS NOT NULL THEN COALESCE($4::bigint, intermediary_basis_id) END, violation = $5, cert_category = $6, hearing_applies = $7,
       time_limit_on = $8, time_limit_extended = $9, notice_document_id = $10, notice_served_on = $11,
       statement_deadline = $12, hearing_request_deadline = $13,
       rights_waived_on = CASE WHEN $14::boolean AND rights_waived_on IS NULL THEN $15::date ELSE rights_waived_on END,
       hearing_requested_on = $16, hearing_date = $17, hearing_time = $42, hearing_document_id = $18, hearing_notice_served_on = $19, hearing_held_on = $20,
       review_adopted = $21, reviewed_on = $22, decision_document_id = $23, decision_served_on = $24,
       decision_on = CASE WHEN $25::boolean THEN $15::date ELSE decision_on END,
       ministry_document_id = $26, ministry_revoked = $27, ministry_answered_on = $28, ministry_document_number = $29,
       effective_on = $30, redress_kind = $31, redress_filed_on = $32, redress_result = $33, redress_decided_on = $34,
       closed_on = $35, closed_because = $36,
       facts_text_id = COALESCE($37, facts_text_id), evidence_text_id = COALESCE($38, evidence_text_id),
       hearing_place_text_id = COALESCE($39, hearing_place_text_id), hearing_presiding_text_id = COALESCE($40, hearing_presiding_text_id),
       review_reasons_text_id = COALESCE($41, review_reasons_text_id), updated_at = now()
     WHERE procedure_id = $1`,
    [
      i.procedureId,
      s.step,
      s.awaiting,
      s.legalBasisId,
      s.violation,
      s.certCategory,
      s.hearingApplies,
      s.timeLimitOn,
      s.timeLimitExtended,
      s.notice?.documentId ?? null,
      s.notice?.servedOn ?? null,
      s.statementDeadline,
      s.hearingRequestDeadline,
      s.rightsWaived,
      i.happenedOn,
      s.hearing?.requestedOn ?? null,
      s.hearing?.date ?? null,
      s.hearing?.notice?.documentId ?? null,
      s.hearing?.notice?.servedOn ?? null,
      s.hearing?.heldOn ?? null,
      s.review?.adopted ?? null,
      s.review?.reviewedOn ?? null,
      s.decision?.documentId ?? null,
      s.decision?.servedOn ?? null,
      i.decisionApproved,
      s.ministry?.proposal.documentId ?? null,
      s.ministry?.answer?.revoked ?? null,
      s.ministry?.answer?.answeredOn ?? null,
      s.ministry?.answer?.ministryDocumentNumber ?? null,
      s.effectiveOn,
      s.redress?.kind ?? null,
      s.redress?.filedOn ?? null,
      s.redress?.result ?? null,
      s.redress?.decidedOn ?? null,
      s.closedOn,
      s.closedBecause,
      t.facts ?? null,
      t.evidence ?? null,
      t.hearingPlace ?? null,
      t.hearingPresiding ?? null,
      t.reviewReasons ?? null,
      s.hearing?.time ?? null,
    ],
  );
}

const ServicePayload = z.object({
  document: z.enum(['notice', 'hearing_notice', 'decision']),
  method: z.string(),
  servedOn: IsoDate,
  receiver: z.uuid().nullish(),
  proofAttachmentId: z.uuid().nullish(),
});

/** A service (送达) step: its record in procedure_service, the served document's id from the state. */
async function writeService(client: PoolClient, i: z.infer<typeof ProcedureStepInput>): Promise<void> {
  const parsed = ServicePayload.safeParse(i.payload.service);
  if (!parsed.success) return;
  const sv = parsed.data;
  const s = i.state;
  const doc = sv.document === 'notice' ? s.notice : sv.document === 'hearing_notice' ? s.hearing?.notice : s.decision;
  if (!doc) return;
  await client.query(
    `INSERT INTO procedure_service (procedure_id, service_id, served_document, document_id, method, served_on, receiver_text_id, proof_attachment_id, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
    [
      i.procedureId,
      i.eventId,
      sv.document,
      doc.documentId,
      sv.method,
      sv.servedOn,
      sv.receiver ?? null,
      sv.proofAttachmentId ?? null,
      i.officer?.userId ?? 'system',
      i.at,
    ],
  );
}

async function writeMeasures(client: PoolClient, procedureId: string, measures: readonly ProcedureMeasure[], on: string, revised: boolean): Promise<void> {
  const { rows } = await client.query<{ kind: string; version: number; status: string }>(
    `SELECT DISTINCT ON (kind) kind, version, status FROM procedure_measure WHERE procedure_id = $1 ORDER BY kind, version DESC`,
    [procedureId],
  );
  const latest = new Map(rows.map((r) => [r.kind, r]));
  if (revised) {
    await client.query(
      `UPDATE procedure_measure m SET status = 'changed', status_on = $2
       FROM (SELECT DISTINCT ON (kind) kind, version FROM procedure_measure WHERE procedure_id = $1 ORDER BY kind, version DESC) l
       WHERE m.procedure_id = $1 AND m.kind = l.kind AND m.version = l.version AND m.status NOT IN ('withdrawn', 'changed', 'dropped')`,
      [procedureId, on],
    );
  }
  for (const m of measures) {
    const cur = latest.get(m.kind);
    if (cur && !revised) {
      await client.query(
        `UPDATE procedure_measure SET status = $4, status_on = CASE WHEN status = $4 THEN status_on ELSE $5::date END,
                amount_yuan = $6, illegal_gains_yuan = $7, reapply_bar_years = $8
         WHERE procedure_id = $1 AND kind = $2 AND version = $3`,
        [procedureId, m.kind, cur.version, m.status, on, m.amountYuan, m.illegalGainsYuan, m.reapplyBarYears],
      );
      continue;
    }
    await client.query(
      `INSERT INTO procedure_measure (procedure_id, kind, version, authority, amount_yuan, illegal_gains_yuan, reapply_bar_years, status, status_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [procedureId, m.kind, (cur?.version ?? 0) + 1, m.authority, m.amountYuan, m.illegalGainsYuan, m.reapplyBarYears, m.status, on],
    );
  }
}
