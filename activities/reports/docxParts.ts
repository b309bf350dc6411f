/**
 * Building blocks for the .docx reports (docx library), in the manner of official documents
 * (GB/T 9704): a centred title, black-face headings 一、二、…, 仿宋 body text indented two
 * characters, ruled tables, the issuing body and date at the end, page numbers — 1 — below.
 *
 * Printing (docs/reports.md, "Printing"): tables have a fixed layout whose column widths add up to
 * the text block's width and are sized to their content (printLayout.fitColumns), so no code,
 * number or date breaks and no header breaks a character a line, whatever program lays the file
 * out; rows do not split across pages and the header row repeats; a heading or caption stays
 * with what follows it, and the issuing body and date stay together, with the last lines of the
 * text before them (never a date alone on the last page).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { chineseDate } from './campaignInfo';
import { balancedLines, fitColumns } from './printLayout';

const BODY_FONT = '仿宋';
const BODY_SIZE = 32; // half-points: 三号, 16 pt
/** A table's text: 五号 (10.5 pt), or 小五 (9 pt) for a table too wide for 五号. */
const TABLE_SIZES_PT = [10.5, 9] as const;
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A4 and GB/T 9704's margins (37/35/28/26 mm), in twips. */
const PAGE = { width: 11906, height: 16838, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } as const;
/** The text block's width (156 mm): every table is exactly this wide. */
export const TEXT_WIDTH_TWIPS = PAGE.width - PAGE.margin.left - PAGE.margin.right;
/** A cell's left and right margins, in twips (4 pt). */
const CELL_MARGIN_TWIPS = 80;
/** Room a header line keeps free, so the program laying the file out never wraps a line we cut. */
const HEADER_SAFETY_EM = 0.25;

export type Block = Paragraph | Table;

export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 400 },
    keepNext: true,
    children: [new TextRun({ text, font: '黑体', size: 44, bold: true })],
  });
}

/** 一、总体情况 (the n-th section heading, from 1): kept with the text it heads. */
export function heading(n: number, text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    indent: { firstLine: 640 },
    keepNext: true,
    keepLines: true,
    children: [new TextRun({ text: `${CHINESE_NUMERALS[n - 1]}、${text}`, font: '黑体', size: BODY_SIZE })],
  });
}

export function para(text: string, opts: { indent?: boolean; align?: 'left' | 'right'; keepNext?: boolean; keepLines?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    keepNext: opts.keepNext,
    keepLines: opts.keepLines,
    children: [new TextRun({ text, font: BODY_FONT, size: BODY_SIZE })],
  });
}

const rule = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule };

/** A cell of `lines` (one paragraph, a line break between lines) in a column `width` twips wide. */
function cell(lines: string[], width: number, sizePt: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: lines.map((text, i) => new TextRun({ text, font: BODY_FONT, size: sizePt * 2, bold, break: i > 0 ? 1 : undefined })),
      }),
    ],
  });
}

/** A header label in even lines where it wraps (信息不一/致人数, not 信息不一致人/数). */
function headerCell(label: string, width: number, sizePt: number): TableCell {
  const roomEm = (width - 2 * CELL_MARGIN_TWIPS) / (sizePt * 20) - HEADER_SAFETY_EM;
  return cell(balancedLines(label, roomEm), width, sizePt, true);
}

/**
 * A ruled table: a bold header row (repeated on every page), then the rows (numbers printed as
 * they are), as wide as the text block, in columns sized to their content.
 */
export function table(header: string[], rows: (string | number)[][], opts: { boldLast?: boolean } = {}): Table {
  const text = rows.map((r) => r.map(String));
  const { widths, fontPt } = fitColumns(header, text, {
    total: TEXT_WIDTH_TWIPS,
    unitsPerPt: 20,
    padding: 2 * CELL_MARGIN_TWIPS,
    fontSizes: TABLE_SIZES_PT,
  });
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_MARGIN_TWIPS, right: CELL_MARGIN_TWIPS, top: 40, bottom: 40 },
    borders,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => headerCell(h, widths[i], fontPt)) }),
      ...text.map(
        (r, i) =>
          new TableRow({
            cantSplit: true,
            // A totals row is not left alone on a page: the row above it goes with it.
            keepNext: opts.boldLast === true && i === text.length - 2,
            children: r.map((v, c) => cell([v], widths[c], fontPt, opts.boldLast === true && i === text.length - 1)),
          }),
      ),
    ],
  });
}

/** A table's caption above it (表1 …): kept with its table. */
export function caption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 60 },
    keepNext: true,
    keepLines: true,
    children: [new TextRun({ text, font: '黑体', size: 24 })],
  });
}

/**
 * The issuing body and date, right-aligned at the end, kept together on one page. The paragraph
 * before them should be made with `keepNext` (see closingPara), so they never stand alone on a page.
 */
export function signature(issuer: string, isoDate: string): Paragraph[] {
  return [
    para('', { keepNext: true }),
    para(issuer, { indent: false, align: 'right', keepNext: true, keepLines: true }),
    para(chineseDate(isoDate), { indent: false, align: 'right', keepLines: true }),
  ];
}

/** The last paragraph of the text: its last lines go to the page of the signature. */
export function closingPara(text: string): Paragraph {
  return para(text, { keepNext: true });
}

/** — 1 — at the foot of every page, centred, in 宋体 四号. */
function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: '宋体', size: 28 })],
      }),
    ],
  });
}

export async function packDocument(docTitle: string, blocks: Block[]): Promise<Buffer> {
  const doc = new Document({
    creator: '挂证专项治理系统',
    title: docTitle,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        footers: { default: pageNumberFooter() },
        children: blocks,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
