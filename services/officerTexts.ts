/**
 * What the API does with an officer's free text before a command: refuses an ID number in it
 * (however written: spaces, full-width or mixed digits), stores it in PostgreSQL (officer_text),
 * and gives the command the row's id. The text itself never goes to Temporal.
 */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { DomainError } from '../domain/errors';
import type { OfficerTextKind, OfficerTextRef, CaseDecisionMessage } from '../domain/officerText';
import { CaseDecision, type CaseDecisionInput } from '../domain/outcomes';
import { containsIdNumber } from '../domain/personalDataFilter';
import { decisionTexts } from '../workflows/messages/case';
import { resolveTransferTarget } from './transferTargets';

const FIELD_LABELS: Record<OfficerTextKind, string> = {
  'decision.justification': '核查说明',
  'decision.note': '备注',
  'decision.evidence': '认定依据',
  'decision.actualEmployer': '实际工作单位',
  'decision.receivingAuthority': '接收部门',
  'carryOver.reason': '结转理由',
  'provincialPenalty.note': '处罚备注',
  'submission.summary': '报送说明',
  'review.comments': '审核意见',
  'deadline.reason': '延期理由',
  'reopen.reason': '重新办理理由',
  'override.reason': '改变结论理由',
  'procedure.facts': '违法事实',
  'procedure.evidence': '证据',
  'procedure.comments': '审批意见',
  'procedure.receiver': '受送达人',
  'procedure.statement': '陈述申辩内容',
  'procedure.note': '备注',
  'procedure.hearingPlace': '听证地点',
  'procedure.presidingOfficer': '听证主持人',
  'procedure.hearingRecord': '听证笔录',
  'procedure.participants': '参加人员',
  'procedure.reviewReasons': '复核理由',
  'procedure.revisionReasons': '修改理由',
  'procedure.extensionReason': '延长理由',
};

function refuseIdNumber(kind: OfficerTextKind, text: string): void {
  if (containsIdNumber(text)) {
    throw new DomainError('UpdateRefused', `${FIELD_LABELS[kind]}不得包含身份证号，请以案件编号指代当事人 (the ${kind} text contains an ID number)`);
  }
}

export interface OfficerTexts {
  /** Stores the text and answers its reference; undefined stays undefined. */
  store(kind: OfficerTextKind, text: string): Promise<OfficerTextRef>;
  storeOptional(kind: OfficerTextKind, text: string | undefined): Promise<OfficerTextRef | undefined>;
  decision(d: CaseDecisionInput): Promise<CaseDecisionMessage>;
}

export function officerTexts(pool: Pool, createdBy: string): OfficerTexts {
  const store = async (kind: OfficerTextKind, text: string) => {
    refuseIdNumber(kind, text);
    return storeOfficerText(pool, { kind, text, createdBy });
  };
  return {
    store,
    storeOptional: async (kind, text) => (text === undefined ? undefined : store(kind, text)),
    async decision(raw) {
      const d = await resolveTransferTarget(pool, CaseDecision.parse(raw));
      refuseIdNumberInDecision(d);
      return storeDecisionTexts(pool, d, createdBy);
    },
  };
}

/** A decision whose free text names a person by ID number is refused (the decision, and its preview). */
export function refuseIdNumberInDecision(d: CaseDecision): void {
  if (decisionTexts(d).some((t) => typeof t === 'string' && containsIdNumber(t))) {
    throw new DomainError('UpdateRefused', '核查结论的文字不得包含身份证号，请以案件编号指代当事人 (the decision text contains an ID number)');
  }
}

export async function storeOfficerText(db: Pool | PoolClient, t: { kind: OfficerTextKind; text: string; createdBy: string }): Promise<OfficerTextRef> {
  const id = randomUUID();
  await db.query('INSERT INTO officer_text (id, kind, text, created_by) VALUES ($1, $2, $3, $4)', [id, t.kind, t.text, t.createdBy]);
  return { textId: id };
}

/** The API's side: a validated decision's texts stored, the decision with references to send. */
export async function storeDecisionTexts(db: Pool | PoolClient, d: CaseDecision, createdBy: string): Promise<CaseDecisionMessage> {
  const store = (kind: OfficerTextKind, text: string) => storeOfficerText(db, { kind, text, createdBy });
  const note = d.note === undefined ? {} : { note: await store('decision.note', d.note) };
  switch (d.outcome) {
    case 'COMPLIANT':
      return { outcome: d.outcome, ground: d.ground, justification: await store('decision.justification', d.justification), ...note };
    case 'RECTIFIED':
      return { outcome: d.outcome, rectifiedOn: d.rectifiedOn, how: d.how, ...note };
    case 'DEREGISTERED':
      return { outcome: d.outcome, deregisteredOn: d.deregisteredOn, ...note };
    case 'VIOLATION':
      return {
        outcome: d.outcome,
        actualEmployer: { name: await store('decision.actualEmployer', d.actualEmployer.name), code: d.actualEmployer.code ?? null },
        evidence: await store('decision.evidence', d.evidence),
        ...note,
      };
    case 'TRANSFERRED':
      return {
        outcome: d.outcome,
        receivingAuthority: await store('decision.receivingAuthority', d.receivingAuthority),
        ...(d.transferTo ? { transferTo: d.transferTo } : {}),
        ...note,
      };
  }
}
