/**
 * What the API does with an officer's free text before a command: refuses an ID number in it
 * (however written: spaces, full-width or mixed digits), stores it in PostgreSQL (officer_text),
 * and gives the command the row's id. The text itself never goes to Temporal.
 */
import type { Pool } from 'pg';
import { storeDecisionTexts, storeOfficerText } from '../activities/officerText/officerTexts';
import { DomainError } from '../domain/errors';
import type { OfficerTextKind, OfficerTextRef, CaseDecisionMessage } from '../domain/officerText';
import { CaseDecision, type CaseDecisionInput } from '../domain/outcomes';
import { containsIdNumber } from '../domain/personalDataFilter';
import { decisionTexts } from '../workflows/messages/case';

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
      const d = CaseDecision.parse(raw);
      if (decisionTexts(d).some((t) => typeof t === 'string' && containsIdNumber(t))) {
        throw new DomainError('UpdateRefused', '核查结论的文字不得包含身份证号，请以案件编号指代当事人 (the decision text contains an ID number)');
      }
      return storeDecisionTexts(pool, d, createdBy);
    },
  };
}
