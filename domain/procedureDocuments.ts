/**
 * The words a procedure's documents use for its measures and for what the party said (the notice's
 * 拟作出的处理, the decision's 处理决定 and 陈述申辩及采纳情况, art. 59 (二)). Pure, so the document
 * loader and the console say the same.
 */
import { chineseDate } from './documents';
import { MEASURE_LABELS } from './legalBasis';
import type { ProcedureMeasure } from './penaltyProcedure';

/** One chosen measure in words: 罚款5000元; 撤销注册，3年内不得再次申请注册. */
export function describeChosenMeasure(m: Pick<ProcedureMeasure, 'kind' | 'amountYuan' | 'reapplyBarYears'>): string {
  switch (m.kind) {
    case 'FINE':
      return `罚款${m.amountYuan ?? 0}元`;
    case 'REVOKE_REGISTRATION':
      return m.reapplyBarYears ? `撤销注册，${m.reapplyBarYears}年内不得再次申请注册` : '撤销注册';
    default:
      return MEASURE_LABELS[m.kind];
  }
}

/** What the party said and whether it was adopted, as the decision states it. */
export function statementSummary(p: {
  statements: number;
  hearingHeldOn: string | null;
  rightsWaivedOn: string | null;
  reviewAdopted: boolean | null;
  reviewReasons: string | null;
}): string {
  const parts: string[] = [];
  if (p.rightsWaivedOn) parts.push(`当事人于${chineseDate(p.rightsWaivedOn)}明确表示放弃陈述、申辩和听证的权利。`);
  if (p.statements > 0) parts.push('当事人在规定期限内提出了陈述、申辩意见。');
  if (p.hearingHeldOn) parts.push(`本机关应当事人申请，于${chineseDate(p.hearingHeldOn)}依法举行了听证。`);
  if (p.statements === 0 && !p.hearingHeldOn && !p.rightsWaivedOn) parts.push('当事人在规定期限内未提出陈述、申辩，未申请听证。');
  if (p.reviewAdopted !== null) {
    parts.push(`经复核，${p.reviewAdopted ? '予以采纳' : '不予采纳'}${p.reviewReasons ? `，理由：${p.reviewReasons}` : ''}。`);
  }
  return parts.join('');
}
