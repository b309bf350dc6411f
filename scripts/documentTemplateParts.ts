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
