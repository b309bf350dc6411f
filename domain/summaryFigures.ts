/**
 * The figures of the per-city summary (汇总表) in print order, with the words the reports print:
 * the .xlsx sheet, the .docx tables and the console all label them from here. What each figure
 * counts is defined once, in readModel/detailRelation.ts.
 */
export const SUMMARY_FIELDS = [
  ['screened', '比对人数'],
  ['flagged', '信息不一致人数'],
  ['verified', '已核查'],
  ['confirmedHanging', '确认挂证'],
  ['selfCorrected', '自查自纠整改'],
  ['deregistered', '注销注册'],
  ['revoked', '撤销注册'],
  ['badConduct', '不良行为记录'],
  ['otherPenalties', '其他处理'],
  ['stillOpen', '尚未办结'],
] as const;
export type SummaryKey = (typeof SUMMARY_FIELDS)[number][0];
export type SummaryCounts = Record<SummaryKey, number>;
