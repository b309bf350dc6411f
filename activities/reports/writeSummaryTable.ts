/**
 * Writes the summary table (汇总表) .xlsx with exceljs's streaming writer: each detail row is
 * committed as it arrives, so memory stays flat however many rows the cursor delivers. Sheet 1
 * is the form (title, 报送单位 line, two-level header, rows, footer); sheet 2 the per-city summary
 * with its totals row. Several outputs (the full file and its masked copy) are written from one
 * pass over the rows, so both always show the same rows.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { maskIdNumber } from '../../domain/idNumber';
import { maskIdNumbersInText, maskPersonName } from '../../domain/maskPersonalData';
import { spreadsheetCell } from '../../domain/spreadsheetText';
import { chineseDate } from './campaignInfo';
import type { IntermediaryCounts } from '../../readModel/intermediaries';
import { paceWorksheet } from './paceWorksheet';
import type { DetailRow } from './detailRows';
import { SUMMARY_FIELDS, type SummaryCounts } from './reportFigures';
import {
  CITY_COLUMN_WIDTHS,
  CITY_SHEET,
  DETAIL_COLUMNS,
  DETAIL_SHEET,
  DEFAULT_FONT,
  DETAIL_WIDTH,
  detailRowHeights,
  FONT_PT,
  HEADER_ROWS,
  ID_COLUMN,
  linesIn,
  printSetup,
  rowHeight,
  STYLES,
  SUMMARY_TITLE,
  type SummaryHeading,
} from './summaryLayout';

export interface CitySummaryLine extends SummaryCounts, Partial<IntermediaryCounts> {
  cityName: string;
}

export interface CitySummary {
  cities: CitySummaryLine[];
  totals: SummaryCounts;
}

export interface SummaryTableInput {
  heading: SummaryHeading;
  /** Sheet 2's figures; awaited after the detail rows, so they may be counted meanwhile. */
  summary: CitySummary | Promise<CitySummary>;
  /** Sheet 3, the intermediaries (docs/intermediaries.md): the investigation's tables. */
  withIntermediaries?: boolean;
  /** Batches of detail rows in sheet order (streamDetailRows). */
  rows: AsyncIterable<DetailRow[]>;
}

type Sheet = ExcelJS.Worksheet;
// Read once: an imported binding can be a getter (esbuild's CommonJS output), a call per cell.
/** Each detail column's style: the ID number as text, 序号 and the date centred on one line, codes in their font, 是否 centred. */
const COLUMN_STYLES = DETAIL_COLUMNS.map((c, i) =>
  i === ID_COLUMN - 1 ? STYLES.idCell : !c.wrap ? STYLES.codeCentred : c.code ? STYLES.codeCell : c.label.startsWith('是否') ? STYLES.centred : STYLES.cell,
);
const DETAIL_WIDTHS = DETAIL_COLUMNS.map((c) => c.width);
const WIDTH = DETAIL_WIDTH;
const ID_AT = ID_COLUMN - 1;
const NAME_AT = DETAIL_COLUMNS.findIndex((c) => c.label === '姓名');
const col = (n: number) => String.fromCharCode(64 + n); // 1 → A (the form has at most 16 columns)

function styleRow(row: ExcelJS.Row, width: number, style: Partial<ExcelJS.Style>): void {
  for (let c = 1; c <= width; c++) row.getCell(c).style = style;
}

/**
 * A line of merged segments: [first column, last column, text, style]. Its height holds the segment
 * that wraps to most lines in its merged width (`widths`: the sheet's column widths), and at least `minHeight`.
 */
function writeLine(ws: Sheet, rowNumber: number, widths: readonly number[], segments: [number, number, string, Partial<ExcelJS.Style>][], minHeight = 0) {
  const row = ws.getRow(rowNumber);
  let height = minHeight;
  for (const [from, to, text, style] of segments) {
    row.getCell(from).value = spreadsheetCell(text);
    for (let c = from; c <= to; c++) row.getCell(c).style = style;
    if (to > from) ws.mergeCells(rowNumber, from, rowNumber, to);
    const size = style.font?.size ?? 11;
    const width = widths.slice(from - 1, to).reduce((a, b) => a + b, 0);
    height = Math.max(height, rowHeight(style.alignment?.wrapText ? linesIn(text, width, size) : 1, size));
  }
  if (height) row.height = height;
  return row;
}

/** The height of a header row whose cells wrap their labels. */
function headerHeight(labels: readonly string[], widths: readonly number[], minHeight: number): number {
  const size = STYLES.header.font!.size!;
  return Math.max(minHeight, ...labels.map((l, i) => rowHeight(linesIn(l, widths[i], size), size)));
}

function writeDetailHeader(ws: Sheet, h: SummaryHeading): void {
  writeLine(ws, 1, DETAIL_WIDTHS, [[1, DETAIL_WIDTH, SUMMARY_TITLE, STYLES.title]], 36);
  writeLine(
    ws,
    2,
    DETAIL_WIDTHS,
    [
      [1, 8, `报送单位（盖章）：${h.submitter}`, STYLES.line],
      [9, 12, `阶段：${h.phaseLabel}`, STYLES.line],
      [13, DETAIL_WIDTH, `填报日期：${chineseDate(h.date)}`, STYLES.lineRight],
    ],
    22,
  );
  const groups = ws.getRow(3);
  const labels = ws.getRow(4);
  styleRow(groups, DETAIL_WIDTH, STYLES.header);
  styleRow(labels, DETAIL_WIDTH, STYLES.header);
  for (let c = 1; c <= DETAIL_WIDTH;) {
    const { group } = DETAIL_COLUMNS[c - 1];
    let end = c;
    while (end < DETAIL_WIDTH && DETAIL_COLUMNS[end].group === group) end++;
    groups.getCell(c).value = group;
    if (end === c) {
      ws.mergeCells(3, c, 4, c);
    } else {
      ws.mergeCells(3, c, 3, end);
      for (let i = c; i <= end; i++) labels.getCell(i).value = DETAIL_COLUMNS[i - 1].label;
    }
    c = end + 1;
  }
  groups.height = 22;
  // A label merged down over rows 3-4 (序号, 问题类型, 备注) is short: row 4 is sized for the others.
  labels.height = headerHeight(
    DETAIL_COLUMNS.map((c) => (c.group === c.label ? '' : c.label)),
    DETAIL_WIDTHS,
    30,
  );
  for (let r = 1; r <= HEADER_ROWS; r++) ws.getRow(r).commit();
}

/** One workbook being written: where it goes and whether it masks ID numbers. */
export interface SummaryOutput {
  out: Writable;
  /**
   * The copy for readers without the right to personal data: ID numbers as 220102********1234 (and
   * any that a free-text cell holds), names as 张* (docs/api.md, data minimisation).
   */
  maskIds: boolean;
}

interface OpenSheet {
  wb: ExcelJS.stream.xlsx.WorkbookWriter;
  ws: Sheet;
  maskIds: boolean;
}

function maskRow(values: (string | number)[]): void {
  const id = values[ID_AT] as string;
  values[ID_AT] = id.length === 18 ? maskIdNumber(id) : maskIdNumbersInText(id);
  values[NAME_AT] = maskPersonName(values[NAME_AT] as string);
  for (let i = 1; i < WIDTH; i++) if (i !== ID_AT && i !== NAME_AT) values[i] = maskIdNumbersInText(values[i] as string);
}

// Shared, like the cell styles: a fresh {} per row would cost exceljs a style lookup per row.
const ROW_STYLE = Object.freeze({}) as Partial<ExcelJS.Style>;

/** A detail row, `height` points high: set, because no program sizes a row to its wrapped text when it opens a file. */
function addDetailRow(ws: Sheet, values: (string | number)[], height: number): void {
  const row = ws.addRow(values.map(spreadsheetCell));
  (row as unknown as { style: object }).style = ROW_STYLE;
  for (let c = 1; c <= WIDTH; c++) row.getCell(c).style = COLUMN_STYLES[c - 1];
  row.height = height;
  row.commit();
}

/** Every output gets the same rows from one pass over the cursor (a masked copy costs no second query). */
async function writeDetailSheets(sheets: OpenSheet[], input: SummaryTableInput): Promise<number> {
  for (const s of sheets) {
    s.ws = s.wb.addWorksheet(DETAIL_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROWS }], ...printSetup(`3:${HEADER_ROWS}`) });
    s.ws.columns = DETAIL_COLUMNS.map((c) => ({ width: c.width }));
    writeDetailHeader(s.ws, input.heading);
  }
  let n = 0;
  const values: (string | number)[] = new Array(WIDTH);
  // Measured on the full row, so the masked copy (shorter names, masks as long as the numbers) prints the same rows.
  const heightOf = detailRowHeights();
  for await (const batch of input.rows) {
    for (const r of batch) {
      n++;
      const height = heightOf(r);
      for (const s of sheets) {
        values[0] = n;
        for (let i = 0; i < WIDTH - 1; i++) values[i + 1] = r[i];
        if (s.maskIds) maskRow(values);
        addDetailRow(s.ws, values, height);
      }
    }
    for (const s of sheets) await paceWorksheet(s.ws);
  }
  for (const s of sheets) {
    signatureLine(s.ws, HEADER_ROWS + n + 2, DETAIL_WIDTHS, [5, 10, DETAIL_WIDTH], input.heading.date);
    s.ws.commit();
  }
  return n;
}

/** The line officials sign under a form: 填表人, 负责人, 填报日期 (each a merged segment). */
function signatureLine(ws: Sheet, rowNumber: number, widths: readonly number[], cuts: [number, number, number], date: string): void {
  const [a, b, c] = cuts;
  writeLine(
    ws,
    rowNumber,
    widths,
    [
      [1, a, '填表人：', STYLES.line],
      [a + 1, b, '负责人：', STYLES.line],
      [b + 1, c, `填报日期：${chineseDate(date)}`, STYLES.line],
    ],
    24,
  ).commit();
}

function writeCitySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, heading: SummaryHeading, summary: CitySummary): void {
  const width = 2 + SUMMARY_FIELDS.length;
  const ws = wb.addWorksheet(CITY_SHEET, { views: [{ state: 'frozen', ySplit: 3 }], ...printSetup('3:3') });
  const widths = [CITY_COLUMN_WIDTHS.number, CITY_COLUMN_WIDTHS.city, ...SUMMARY_FIELDS.map(() => CITY_COLUMN_WIDTHS.count)];
  ws.columns = widths.map((w) => ({ width: w }));
  writeLine(ws, 1, widths, [[1, width, '各市（州）“挂证”等违法违规行为处理情况汇总', STYLES.title]], 32).commit();
  writeLine(
    ws,
    2,
    widths,
    [
      [1, 8, `报送单位（盖章）：${heading.submitter}`, STYLES.line],
      [9, width, `填报日期：${chineseDate(heading.date)}`, STYLES.lineRight],
    ],
    22,
  ).commit();
  const header = ws.getRow(3);
  const labels = ['序号', '市（州）', ...SUMMARY_FIELDS.map(([, label]) => label)];
  header.values = labels;
  styleRow(header, width, STYLES.header);
  header.height = headerHeight(labels, widths, 30);
  header.commit();
  const size = FONT_PT.cell;
  summary.cities.forEach((c, i) => {
    const row = ws.addRow([i + 1, c.cityName, ...SUMMARY_FIELDS.map(([k]) => c[k])].map(spreadsheetCell));
    styleRow(row, width, STYLES.count);
    row.getCell(2).style = STYLES.centred; // 延边朝鲜族自治州 may take two lines
    row.height = rowHeight(linesIn(c.cityName, widths[1], size), size);
    row.commit();
  });
  const first = 4;
  const last = 3 + summary.cities.length;
  const totalRow = ws.getRow(last + 1);
  totalRow.values = [
    '合计',
    '',
    ...SUMMARY_FIELDS.map(([k], i) => ({ formula: `SUM(${col(3 + i)}${first}:${col(3 + i)}${last})`, result: summary.totals[k] })),
  ];
  styleRow(totalRow, width, STYLES.total);
  totalRow.getCell(1).style = STYLES.totalLabel;
  totalRow.getCell(2).style = STYLES.totalLabel;
  totalRow.height = rowHeight(1, size);
  ws.mergeCells(last + 1, 1, last + 1, 2);
  totalRow.commit();
  // Officials sign this sheet too.
  signatureLine(ws, last + 3, widths, [4, 8, width], heading.date);
  // Issue 21: both departments' sign-offs (住建, 人社) and, on the province's table, both reviews and the addressees.
  const notes = [...(heading.signoffs ?? []).map((l, i) => (i === 0 ? `会签：${l}` : l)), ...(heading.addressees ? [`报送：${heading.addressees}`] : [])];
  notes.forEach((line, i) => {
    writeLine(
      ws,
      last + 4 + i,
      widths,
      [[1, width, line, STYLES.line]],
      rowHeight(
        linesIn(
          line,
          widths.reduce((a, b) => a + b, 0),
          FONT_PT.cell,
        ),
        FONT_PT.cell,
      ),
    ).commit();
  });
  ws.commit();
}

/** The intermediaries' columns (docs/intermediaries.md), in print order. */
export const INTERMEDIARY_FIELDS = [
  ['intermediaries', '中介服务机构（家）'],
  ['intermediaryCases', '涉及案件（件）'],
  ['intermediaryOrders', '责令限期整改（份）'],
  ['intermediariesRectified', '已整改'],
  ['intermediariesNotRectified', '逾期未整改'],
  ['intermediariesEscalated', '移送行政处罚'],
] as const satisfies readonly (readonly [keyof IntermediaryCounts, string])[];
export const INTERMEDIARY_SHEET = '中介服务机构查处情况';

/** Sheet 3 (the investigation's tables): each city's intermediaries, orders and their results. */
function writeIntermediarySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, heading: SummaryHeading, summary: CitySummary): void {
  const width = 2 + INTERMEDIARY_FIELDS.length;
  const ws = wb.addWorksheet(INTERMEDIARY_SHEET, { views: [{ state: 'frozen', ySplit: 3 }], ...printSetup('3:3') });
  const widths = [CITY_COLUMN_WIDTHS.number, CITY_COLUMN_WIDTHS.city, ...INTERMEDIARY_FIELDS.map(() => CITY_COLUMN_WIDTHS.count)];
  ws.columns = widths.map((w) => ({ width: w }));
  writeLine(ws, 1, widths, [[1, width, '各市（州）违规中介服务机构查处情况', STYLES.title]], 32).commit();
  writeLine(ws, 2, widths, [[1, width, `报送单位（盖章）：${heading.submitter}`, STYLES.line]], 22).commit();
  const header = ws.getRow(3);
  const labels = ['序号', '市（州）', ...INTERMEDIARY_FIELDS.map(([, label]) => label)];
  header.values = labels;
  styleRow(header, width, STYLES.header);
  header.height = headerHeight(labels, widths, 30);
  header.commit();
  const size = FONT_PT.cell;
  const value = (c: Partial<IntermediaryCounts>, k: keyof IntermediaryCounts) => c[k] ?? 0;
  summary.cities.forEach((c, i) => {
    const row = ws.addRow([i + 1, c.cityName, ...INTERMEDIARY_FIELDS.map(([k]) => value(c, k))].map(spreadsheetCell));
    styleRow(row, width, STYLES.count);
    row.getCell(2).style = STYLES.centred;
    row.height = rowHeight(linesIn(c.cityName, widths[1], size), size);
    row.commit();
  });
  const totalRow = ws.addRow(['合计', '', ...INTERMEDIARY_FIELDS.map(([k]) => summary.cities.reduce((n, c) => n + value(c, k), 0))]);
  styleRow(totalRow, width, STYLES.total);
  totalRow.getCell(1).style = STYLES.totalLabel;
  totalRow.height = rowHeight(1, size);
  totalRow.commit();
  ws.commit();
}

/**
 * Makes DEFAULT_FONT the workbook's default font (font 0 of styles.xml), which sets the unit of
 * every column width. exceljs has no option for it: its style manager adds Calibri 11 as font 0
 * when the first style comes unless a font is there already. If exceljs's internals ever differ,
 * the workbook keeps Calibri (columns a little wider in LibreOffice; the print test notices).
 */
function useDefaultFont(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const styles = (wb as unknown as { styles?: { model?: { fonts?: unknown[] }; _addFont?: (font: object) => number } }).styles;
  if (styles?.model?.fonts?.length === 0 && typeof styles._addFont === 'function') styles._addFont({ ...DEFAULT_FONT });
}

/** Writes one workbook per output from the same rows; resolves once all are fully written. */
export async function writeSummaryTable(outputs: SummaryOutput[], input: SummaryTableInput): Promise<{ detailRows: number }> {
  const created = new Date(input.heading.createdAt);
  const sheets: OpenSheet[] = outputs.map((o) => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: o.out, useStyles: true, useSharedStrings: false });
    Object.assign(wb, { creator: '挂证专项治理系统', lastModifiedBy: '挂证专项治理系统', created, modified: created });
    useDefaultFont(wb);
    return { wb, ws: undefined as unknown as Sheet, maskIds: o.maskIds };
  });
  const detailRows = await writeDetailSheets(sheets, input);
  const summary = await input.summary;
  for (const s of sheets) {
    writeCitySheet(s.wb, input.heading, summary);
    if (input.withIntermediaries) writeIntermediarySheet(s.wb, input.heading, summary);
    await s.wb.commit();
  }
  return { detailRows };
}
