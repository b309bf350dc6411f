/**
 * The paragraphs the default templates are made of (scripts/generateDocumentTemplates.ts and
 * intermediaryTemplates.ts): each is one run, so Word never splits a docxtemplater tag.
 */
import { AlignmentType, Paragraph, TextRun } from 'docx';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from '../domain/documents';

export const BODY = { font: '仿宋', size: 32 };
export const HEADING = { font: '黑体', size: 32 };

export const title = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text, font: '宋体', size: 44, bold: true })] });
export const centred = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text, ...BODY })] });
export const heading = (text: string) => new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text, ...HEADING })] });
export const para = (text: string) => new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text, ...BODY })] });
export const plain = (text: string) => new Paragraph({ children: [new TextRun({ text, ...BODY })] });
export const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text, ...BODY })] });
/** One paragraph per item of a list field (docxtemplater's paragraphLoop drops the tag-only paragraphs). */
export const list = (field: string, prefix = '') => [plain(`{#${field}}`), para(`${prefix}{text}`), plain(`{/${field}}`)];
export const section = (flag: string, paragraphs: Paragraph[]) => [plain(`{#${flag}}`), ...paragraphs, plain(`{/${flag}}`)];

export const head = (kind: DocumentKind, printedTitle = DOCUMENT_KIND_LABELS[kind]) => [
  centred('{authorityName}'),
  title(printedTitle),
  centred('{documentNumber}'),
];
export const signature = (dateTag: string) => [plain(''), right('{authorityName}'), right('（印章）'), right(`{${dateTag}}`)];
/** A decision's closing lines (行政处罚法 art. 59 (六): the authority's name and seal, the date). */
export const decisionSignature = () => [plain(''), right('作出决定的行政机关：{authorityName}'), right('（印章）'), right('作出决定的日期：{decisionDate}')];

/** A decision's findings: the facts and the evidence that proves them (art. 59 (二)), under `title`. */
export const factsAndEvidence = (title: string) => [heading(title), para('经查，{facts}'), para('上述事实有下列证据证明：'), ...list('evidence')];
/** A decision's account of the party's statement and whether it was adopted (art. 45). */
export const statementAndAdoption = () => [heading('二、陈述、申辩及采纳情况'), para('{statementSummary}')];
/** A hearing notice's time, place and presiding officer (art. 64 (二), (四)), before its notes. */
export const hearingArrangements = () => [
  heading('一、听证时间'),
  para('{hearingTime}'),
  heading('二、听证地点'),
  para('{hearingPlace}'),
  heading('三、听证主持人'),
  para('{presidingOfficer}'),
];
/** A 送达回证's signatures of the servers and the witness. */
export const serverAndWitnessLines = () => [plain('送达人签名：＿＿＿＿＿＿＿＿　＿＿＿＿＿＿＿＿'), plain('见证人签名：＿＿＿＿＿＿＿＿')];
