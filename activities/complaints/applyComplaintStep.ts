/**
 * Applies an officer's step on a complaint (docs/complaints.md) in one transaction, idempotent by
 * its step row: the API wrote the row (who, the texts) before the workflow's update, and a retry finds
 * the row applied and answers what it answered. The workflow passes the number and the step id only.
 *
 * Acceptance links the complaint: a person's case in the complaint's campaign is joined when open,
 * opened when there is none (origin 'complaint', registration frozen), reopened when closed and the
 * officer gives the new facts as the reason (a case without liability only: a liable case's decision
 * is set aside by the province's return or override, docs/cases.md), else linked as it is; a unit
 * opens a unit inquiry. A case opened or reopened is answered with the input of its case workflow,
 * which the complaint workflow starts (the city's workflow may have completed long ago).
 */
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { CampaignConfig } from '../../domain/campaignConfig';
import { CASE_SEQ_LOCK_SQL } from '../../domain/caseKeys';
import { ComplaintStatus, ComplaintStep, DAY_MS, STEP_TO, stepRefusal } from '../../domain/complaintCase';
import { registrationUnitsOf } from '../../domain/penaltyPlan';
import { inTransaction } from '../../platform/transactions';
import { loadPenaltyEvidence } from '../../readModel/penaltyEvidence';
import { failure } from '../domainFailure';

export const ApplyComplaintStepInput = z.object({ complaintNo: z.string().min(1), stepId: z.string().min(1), step: ComplaintStep });
export type ApplyComplaintStepInput = z.input<typeof ApplyComplaintStepInput>;

/** A case workflow's input (workflows/messages/case.ts CaseWorkflowInput), built from the campaign's configuration. */
export interface CaseStart {
  campaignId: string;
  cityCode: string;
  caseId: string;
  settings: { reminderAfterDays: number; escalateAfterDays: number; provincialPenaltyKinds: string[] };
  calendar: unknown;
  clock: unknown;
  dueAt: string;
  evidenceGathered: boolean;
}

export interface AppliedStep {
  status: ComplaintStatus;
  handleDueAt: string | null;
  startCase: CaseStart | null;
  caseId: string | null;
  caseLink: 'joined' | 'opened' | 'reopened' | 'linked_closed' | null;
  inquiryId: number | null;
}

const StepTexts = z.object({
  reason: z.string().optional(),
  reopenReason: z.string().optional(),
  result: z.string().optional(),
  reply: z.string().optional(),
});

interface ComplaintRow {
  status: ComplaintStatus;
  city_code: string;
  campaign_id: string;
  subject_kind: 'person' | 'unit';
  subject_id_number: string | null;
  subject_uscc: string | null;
  subject_unit_name: string | null;
  channel: string;
  content: string;
  received_at: Date;
  handle_due_at: Date | null;
  case_id: string | null;
}

export async function applyComplaintStep(pool: Pool, raw: ApplyComplaintStepInput): Promise<AppliedStep> {
  const i = ApplyComplaintStepInput.parse(raw);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<ComplaintRow>('SELECT * FROM complaint_case WHERE complaint_no = $1 FOR UPDATE', [i.complaintNo]);
    const c = rows[0];
    if (!c) throw failure('NotFound', `没有编号为 ${i.complaintNo} 的投诉举报`);
    const stepRow = await client.query<{
      step: string;
      officer_id: string;
      officer_role: string;
      texts: unknown;
      applied_at: Date | null;
      outcome: AppliedStep | null;
    }>('SELECT step, officer_id, officer_role, texts, applied_at, outcome FROM complaint_step WHERE complaint_no = $1 AND step_id = $2', [
      i.complaintNo,
      i.stepId,
    ]);
    const s = stepRow.rows[0];
    if (!s || s.step !== i.step) throw failure('NotFound', `投诉举报 ${i.complaintNo} 没有该办理步骤的记录 (step ${i.stepId})`);
    if (s.applied_at && s.outcome) return s.outcome;
    const why = stepRefusal(c.status, i.step);
    if (why) throw failure('ComplaintStepRefused', why);
    const texts = StepTexts.parse(s.texts);
    const now = new Date();
    let out: AppliedStep = {
      status: STEP_TO[i.step],
      handleDueAt: c.handle_due_at?.toISOString() ?? null,
      startCase: null,
      caseId: c.case_id,
      caseLink: null,
      inquiryId: null,
    };
    switch (i.step) {
      case 'accept': {
        const p = await client.query<{ handle_days: number }>('SELECT handle_days FROM complaint_period_setting');
        const handleDueAt = new Date(now.getTime() + p.rows[0].handle_days * DAY_MS).toISOString();
        out = {
          ...out,
          handleDueAt,
          ...(await linkSubject(client, i.complaintNo, c, texts.reopenReason, handleDueAt, { id: s.officer_id, role: s.officer_role })),
        };
        await client.query(
          `UPDATE complaint_case SET status = 'accepted', accepted_at = $2, handle_due_at = $3, case_id = $4, case_link = $5, reopen_reason = $6
           WHERE complaint_no = $1`,
          [i.complaintNo, now, handleDueAt, out.caseId, out.caseLink, out.caseLink === 'reopened' ? texts.reopenReason : null],
        );
        break;
      }
      case 'not_accept':
        await client.query(`UPDATE complaint_case SET status = 'not_accepted', not_accepted_reason = $2 WHERE complaint_no = $1`, [
          i.complaintNo,
          texts.reason ?? '（未写明理由）',
        ]);
        break;
      case 'investigate':
        await client.query(`UPDATE complaint_case SET status = 'investigating', investigating_at = $2 WHERE complaint_no = $1`, [i.complaintNo, now]);
        break;
      case 'conclude':
        await client.query(`UPDATE complaint_case SET status = 'concluded', concluded_at = $2, result = $3 WHERE complaint_no = $1`, [
          i.complaintNo,
          now,
          texts.result ?? '（未写明结果）',
        ]);
        break;
      case 'reply':
        await client.query(`UPDATE complaint_case SET status = 'replied', replied_at = $2, reply = $3 WHERE complaint_no = $1`, [
          i.complaintNo,
          now,
          texts.reply ?? '（未写明答复）',
        ]);
        break;
    }
    await client.query('UPDATE complaint_step SET applied_at = $3, outcome = $4 WHERE complaint_no = $1 AND step_id = $2', [
      i.complaintNo,
      i.stepId,
      now,
      JSON.stringify(out),
    ]);
    return out;
  });
}

type Link = Pick<AppliedStep, 'startCase' | 'caseId' | 'caseLink' | 'inquiryId'>;

async function linkSubject(
  client: PoolClient,
  complaintNo: string,
  c: ComplaintRow,
  reopenReason: string | undefined,
  dueAt: string,
  officer: { id: string; role: string },
): Promise<Link> {
  if (c.subject_kind === 'unit') {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO unit_inquiry (complaint_no, city_code, unit_code, unit_name) VALUES ($1, $2, $3, $4)
       ON CONFLICT (complaint_no) DO UPDATE SET complaint_no = EXCLUDED.complaint_no RETURNING id`,
      [complaintNo, c.city_code, c.subject_uscc, c.subject_unit_name],
    );
    return { startCase: null, caseId: null, caseLink: null, inquiryId: Number(rows[0].id) };
  }
  const campaign = await client.query<{ config: unknown }>('SELECT config FROM campaign WHERE id = $1', [c.campaign_id]);
  const config = CampaignConfig.parse(campaign.rows[0].config);
  const caseStart = (caseId: string, evidenceGathered: boolean): CaseStart => ({
    campaignId: c.campaign_id,
    cityCode: c.city_code,
    caseId,
    settings: {
      reminderAfterDays: config.rules.reminderAfterDays,
      escalateAfterDays: config.rules.escalateAfterDays,
      provincialPenaltyKinds: [...config.rules.provincialPenaltyKinds],
    },
    calendar: config.calendar,
    clock: config.clock,
    dueAt,
    evidenceGathered,
  });
  await client.query(CASE_SEQ_LOCK_SQL, [c.campaign_id, c.city_code]);
  const existing = await client.query<{
    case_id: string;
    status: string;
    liability: string | null;
    case_no: string;
    outcome: string | null;
    decision: unknown;
    decided_on: string | null;
  }>(
    `SELECT case_id, status, liability, case_no, outcome, decision, to_char(decided_on, 'YYYY-MM-DD') AS decided_on
     FROM case_file WHERE campaign_id = $1 AND id_number = $2
     -- A transfer gives the person a second case, in the receiving city: this city's first, then a running one.
     ORDER BY (city_code = $3) DESC, (status IN ('open', 'carried_over')) DESC, opened_at DESC
     LIMIT 1 FOR UPDATE`,
    [c.campaign_id, c.subject_id_number, c.city_code],
  );
  let link: Link;
  const found = existing.rows[0];
  if (!found) {
    const opened = await client.query<{ case_id: string }>(
      `WITH next AS (SELECT coalesce(max(seq), 0) + 1 AS seq FROM case_file WHERE campaign_id = $1 AND city_code = $2)
       INSERT INTO case_file (case_id, case_no, campaign_id, city_code, seq, id_number, origin, status, opened_at, due_at)
       SELECT $1 || '-' || $2 || '-' || lpad(next.seq::text, 6, '0'), $2 || '-' || lpad(next.seq::text, 6, '0'),
              $1, $2, next.seq, $3, 'complaint', 'open', now(), $4
       FROM next RETURNING case_id`,
      [c.campaign_id, c.city_code, c.subject_id_number, dueAt],
    );
    const caseId = opened.rows[0].case_id;
    await client.query('INSERT INTO registration_freeze (id_number, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [c.subject_id_number, caseId]);
    link = { startCase: caseStart(caseId, false), caseId, caseLink: 'opened', inquiryId: null };
  } else if (found.status === 'open' || found.status === 'carried_over') {
    link = { startCase: null, caseId: found.case_id, caseLink: 'joined', inquiryId: null };
  } else if (!reopenReason) {
    link = { startCase: null, caseId: found.case_id, caseLink: 'linked_closed', inquiryId: null };
  } else {
    const penalties = await client.query('SELECT 1 FROM penalty WHERE case_id = $1 LIMIT 1', [found.case_id]);
    if (found.liability === 'liable' || penalties.rowCount) {
      throw failure(
        'ComplaintStepRefused',
        `案件 ${found.case_no} 已认定违规并进入处罚，不能因投诉举报重新办理：请省级在退回排查报告时列明或改变结论（不重新办理时，受理时不填写重新办理理由）`,
      );
    }
    await client.query(
      `UPDATE case_file SET status = 'open', outcome = NULL, decision = NULL, decision_update_id = NULL, decided_by = NULL, decided_at = NULL,
              decided_on = NULL, liability = NULL, exemption_basis = NULL, liability_basis = NULL, closed_at = NULL, overridden = false,
              reopenings = reopenings + 1, reopened_at = now(), due_at = $2
       WHERE case_id = $1`,
      [found.case_id, dueAt],
    );
    await client.query(
      `INSERT INTO decision_log (update_id, case_id, action, officer_id, officer_role, officer_city, payload)
       VALUES ($1, $2, 'reopen', $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [
        `complaint-reopen/${complaintNo}`,
        found.case_id,
        officer.id,
        officer.role,
        c.city_code,
        JSON.stringify({
          via: 'complaint',
          complaintNo,
          reason: reopenReason,
          previous: { outcome: found.outcome, decision: found.decision, decidedOn: found.decided_on },
        }),
      ],
    );
    const units = registrationUnitsOf(await loadPenaltyEvidence(client, found.case_id));
    await client.query(
      `INSERT INTO registration_freeze (id_number, case_id, unit_codes, unit_names_norm) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id_number, case_id) DO NOTHING`,
      [c.subject_id_number, found.case_id, units.map((u) => u.code).filter((x): x is string => x !== null), [...new Set(units.map((u) => u.norm))]],
    );
    link = { startCase: caseStart(found.case_id, true), caseId: found.case_id, caseLink: 'reopened', inquiryId: null };
  }
  // The case's evidence lists every complaint about the person (the officer reads them beside the rest).
  await client.query(
    `INSERT INTO complaint (complaint_id, campaign_id, city_code, received_at, channel, subject_id_number, subject_unit, content, case_id, opened_case)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (complaint_id) DO NOTHING`,
    [
      complaintNo,
      c.campaign_id,
      c.city_code,
      c.received_at,
      c.channel,
      c.subject_id_number,
      c.subject_unit_name,
      c.content,
      link.caseId,
      link.caseLink === 'opened',
    ],
  );
  await client.query(
    `INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
     SELECT $1, 'complaints', jsonb_agg(jsonb_build_object('complaintId', complaint_id, 'receivedAt', received_at,
              'channel', channel, 'subjectUnit', subject_unit, 'content', content) ORDER BY received_at, complaint_id), now()
     FROM complaint WHERE case_id = $1
     ON CONFLICT (case_id, kind) DO UPDATE SET payload = EXCLUDED.payload, gathered_at = EXCLUDED.gathered_at`,
    [link.caseId],
  );
  return link;
}
