/**
 * Building blocks for the .docx reports (docx library), in the manner of official documents
 * (GB/T 9704): a centred title, black-face headings 一、二、…, 仿宋 body text indented two
 * characters, ruled tables, and the issuing body and date at the end.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import { chineseDate } from './campaignInfo';

const BODY_FONT = '仿宋';
const BODY_SIZE = 32; // half-points: 三号, 16 pt
const TABLE_SIZE = 21; // 五号, 10.5 pt
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export type Block = Paragraph | Table;

export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 400 },
    children: [new TextRun({ text, font: '黑体', size: 44, bold: true })],
  });
}

/** 一、总体情况 (the n-th section heading, from 1). */
export function heading(n: number, text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    indent: { firstLine: 640 },
    children: [new TextRun({ text: `${CHINESE_NUMERALS[n - 1]}、${text}`, font: '黑体', size: BODY_SIZE })],
  });
}

export function para(text: string, opts: { indent?: boolean; align?: 'left' | 'right' } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: BODY_FONT, size: BODY_SIZE })],
  });
}

const rule = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule };

function cell(text: string, bold = false): TableCell {
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, font: BODY_FONT, size: TABLE_SIZE, bold })] })],
  });
}

/** A ruled table: a bold header row, then the rows (numbers printed as they are). */
export function table(header: string[], rows: (string | number)[][], opts: { boldLast?: boolean } = {}): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r, i) => new TableRow({ children: r.map((v) => cell(String(v), opts.boldLast === true && i === rows.length - 1)) })),
    ],
  });
}

/** A table's caption above it (表1 …). */
export function caption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 60 },
    children: [new TextRun({ text, font: '黑体', size: 24 })],
  });
}

/** The issuing body and date, right-aligned at the end. */
export function signature(issuer: string, isoDate: string): Paragraph[] {
  return [para(''), para(issuer, { indent: false, align: 'right' }), para(chineseDate(isoDate), { indent: false, align: 'right' })];
}

export async function packDocument(docTitle: string, blocks: Block[]): Promise<Buffer> {
  const doc = new Document({
    creator: '挂证专项治理系统',
    title: docTitle,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, // GB/T 9704 margins (37/35/28/26 mm)
        children: blocks,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
