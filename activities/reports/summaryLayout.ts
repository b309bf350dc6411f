/**
 * The summary table's form, as officials fill it on paper: the title, the 报送单位 line, the
 * two-level header, the footer, widths, row heights and print settings. Style objects are shared
 * on purpose: exceljs caches a style by object identity, so 1.5 million cells cost one style
 * lookup each.
 *
 * Printing (docs/reports.md, "Printing"): the form prints one A4 landscape page wide at 100 %, its
 * text at 9 pt (小五) and nothing smaller. Column widths are counted in the digit width of the
 * workbook's default font, which this writer makes Arial 11 (exceljs would write Calibri, which
 * LibreOffice replaces with the much wider DejaVu Sans where Calibri's metric twin Carlito is not
 * installed; Arial's twin Liberation Sans comes with LibreOffice), so Excel, WPS and LibreOffice
 * draw the columns within 2 % of each other. Codes, numbers and dates are set in Times New Roman
 * (Liberation Serif in LibreOffice: the same widths), whose digits are half an em wide as in 宋体.
 */
import type { Style, Worksheet } from 'exceljs';
import { wrappedLines } from './printLayout';

export const SUMMARY_TITLE = '工程建设领域专业技术人员“挂证”等违法违规行为处理情况汇总表';
export const DETAIL_SHEET = '汇总表';
export const CITY_SHEET = '分市（州）汇总';

/** The workbook's default font: it defines the unit of every column width. */
export const DEFAULT_FONT = Object.freeze({ name: 'Arial', size: 11, family: 2 });
/** Points per unit of column width: Arial 11's digit, 8 px at 96 dpi in Excel (LibreOffice: 6.1 pt). */
const PT_PER_WIDTH_UNIT = 6;
/** What a cell keeps free of text: Excel's 5 px of padding, and a little more. */
const CELL_PADDING_PT = 4;

/** Point sizes: the form's text 9 pt (小五), the lines above and under it 10.5 pt (五号), the title 18 pt. */
export const FONT_PT = { title: 18, line: 10.5, cell: 9 } as const;

/**
 * Detail columns A..P: group (row 3), label (row 4), width, whether the text wraps, whether it is
 * a code (set in Times New Roman). A group spanning one column is merged down. The widths add up to
 * 130 units (780 pt in Excel, 793 pt in LibreOffice; A4 landscape has 806 pt between the margins).
 * Whole on one line: 序号 (five digits), the ID number, the date; the certificate numbers' column
 * holds 吉, twelve digits and the ； before the next one, 备注 a case number (2201-000001) on a line;
 * the rest wrap at about four characters a line (处理措施 and 问题类型 more: their texts are the longest).
 */
export const DETAIL_COLUMNS: readonly { group: string; label: string; width: number; wrap: boolean; code: boolean }[] = [
  { group: '序号', label: '序号', width: 4.5, wrap: false, code: true },
  { group: '专业技术人员', label: '姓名', width: 5.5, wrap: true, code: false },
  { group: '专业技术人员', label: '身份证号', width: 14.5, wrap: false, code: true },
  { group: '专业技术人员', label: '注册类别', width: 6, wrap: true, code: false },
  { group: '专业技术人员', label: '注册证书编号', width: 13, wrap: true, code: true },
  { group: '专业技术人员', label: '注册单位', width: 6.5, wrap: true, code: false },
  { group: '专业技术人员', label: '社保缴纳单位', width: 6.5, wrap: true, code: false },
  { group: '专业技术人员', label: '公积金缴存单位', width: 6.5, wrap: true, code: false },
  { group: '问题类型', label: '问题类型', width: 10.5, wrap: true, code: false },
  { group: '核查情况', label: '实际工作单位', width: 6.5, wrap: true, code: false },
  { group: '核查情况', label: '核查结论', width: 6.5, wrap: true, code: false },
  { group: '处理情况', label: '处理措施', width: 13.5, wrap: true, code: false },
  { group: '处理情况', label: '处理机关', width: 7, wrap: true, code: false },
  { group: '处理情况', label: '处理日期', width: 8, wrap: false, code: true },
  { group: '处理情况', label: '是否自查自纠期间整改', width: 4, wrap: true, code: false },
  { group: '备注', label: '备注', width: 11, wrap: true, code: false },
];
export const DETAIL_WIDTH = DETAIL_COLUMNS.length; // 16: A..P
export const ID_COLUMN = 3; // C
/** Rows 1-2 title and 报送单位 line, 3-4 the header: data starts at row 5. */
export const HEADER_ROWS = 4;

/** Sheet 2 (分市（州）汇总): 序号, 市（州）, then the ten counts (labels on two lines at most); 127 units, the page's width. */
export const CITY_COLUMN_WIDTHS = { number: 5, city: 13, count: 10.9 } as const;

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const freeze = <T extends object>(o: T): T => Object.freeze(o);
const text = { name: '宋体', size: FONT_PT.cell };
const code = { name: 'Times New Roman', size: FONT_PT.cell };

export const STYLES = {
  title: freeze<Partial<Style>>({ font: { name: '黑体', size: FONT_PT.title, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } }),
  line: freeze<Partial<Style>>({ font: { name: '宋体', size: FONT_PT.line }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } }),
  lineRight: freeze<Partial<Style>>({ font: { name: '宋体', size: FONT_PT.line }, alignment: { horizontal: 'right', vertical: 'middle', wrapText: true } }),
  header: freeze<Partial<Style>>({
    font: { name: '黑体', size: FONT_PT.cell, bold: true },
    border,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } },
  }),
  cell: freeze<Partial<Style>>({ font: text, border, alignment: { vertical: 'middle', wrapText: true } }),
  /** Certificate numbers: several wrap between them (at ；), never inside one. */
  codeCell: freeze<Partial<Style>>({ font: code, border, alignment: { vertical: 'middle', wrapText: true } }),
  // Text format: Excel must never turn an ID number into 2.20102E+17. Never wrapped: the column holds it whole.
  idCell: freeze<Partial<Style>>({ font: code, border, numFmt: '@', alignment: { horizontal: 'center', vertical: 'middle' } }),
  /** 序号 and the date: whole on one line. */
  codeCentred: freeze<Partial<Style>>({ font: code, border, alignment: { horizontal: 'center', vertical: 'middle' } }),
  centred: freeze<Partial<Style>>({ font: text, border, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }),
  count: freeze<Partial<Style>>({ font: code, border, alignment: { horizontal: 'center', vertical: 'middle' } }),
  total: freeze<Partial<Style>>({ font: { ...code, bold: true }, border, alignment: { horizontal: 'center', vertical: 'middle' } }),
  totalLabel: freeze<Partial<Style>>({ font: { ...text, bold: true }, border, alignment: { horizontal: 'center', vertical: 'middle' } }),
};

/**
 * Pages tall a sheet may be fitted to: as many as Excel allows, i.e. no limit. Not 0 ("automatic"):
 * LibreOffice reads 0 as leave to shrink the sheet until it takes a page less (it printed the
 * province's table at 97.8 %, its text at 8.8 pt).
 */
const FIT_TO_HEIGHT = 32767;

/**
 * A4 landscape, the header rows repeated on every printed page, page numbers. The columns fit one
 * page width at 100 %; fitting to one page wide stays on as a guard for a program that draws the
 * columns wider (it would rather shrink a little than print the last columns on pages of their own).
 */
export function printSetup(headerRows: string): Pick<Worksheet, 'pageSetup' | 'headerFooter'> {
  return {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: FIT_TO_HEIGHT,
      printTitlesRow: headerRows,
      margins: { left: 0.25, right: 0.25, top: 0.5, bottom: 0.55, header: 0.25, footer: 0.25 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  };
}

/** Line pitch per point of font size: Noto Sans CJK, LibreOffice's stand-in for 宋体, is the tallest (1.45 em). */
const LINE_PITCH = 1.45;
const ROW_PADDING_PT = 4;

/** Lines the text takes in a column (or merged columns) `widthUnits` wide at `fontPt`. */
export function linesIn(value: string, widthUnits: number, fontPt: number): number {
  return wrappedLines(value, (widthUnits * PT_PER_WIDTH_UNIT - CELL_PADDING_PT) / fontPt);
}

/** A row height (pt) that holds `lines` lines of `fontPt` text, rounded up to a quarter point. */
export function rowHeight(lines: number, fontPt: number): number {
  return Math.ceil((lines * fontPt * LINE_PITCH + ROW_PADDING_PT) * 4) / 4;
}

/**
 * The height of a detail row: enough for the cell that wraps to most lines (no program sizes a row
 * to wrapped text when it opens a file, so the file must say). Memoised per column (categories,
 * problem types, measures and authorities repeat), so 100,000 rows cost about a map lookup per cell.
 * `values` are the row's cells from column B on (a DetailRow), or from A with `offset` 0.
 */
export function detailRowHeights(): (values: readonly (string | number)[], offset?: number) => number {
  const memo = DETAIL_COLUMNS.map(() => new Map<string, number>());
  const widthEm = DETAIL_COLUMNS.map((c) => (c.width * PT_PER_WIDTH_UNIT - CELL_PADDING_PT) / FONT_PT.cell);
  const heights: number[] = [];
  return (values, offset = 1) => {
    let lines = 1;
    for (let c = 0; c < DETAIL_WIDTH; c++) {
      const value = values[c - offset];
      // No character is wider than 1 em: a text with no more characters than the column has room fits on one line.
      if (!DETAIL_COLUMNS[c].wrap || typeof value !== 'string' || (value.length <= widthEm[c] && !value.includes('\n'))) continue;
      const m = memo[c];
      let n = m.get(value);
      if (n === undefined) {
        n = wrappedLines(value, widthEm[c]);
        if (m.size >= 20_000) m.clear();
        m.set(value, n);
      }
      if (n > lines) lines = n;
    }
    return (heights[lines] ??= rowHeight(lines, FONT_PT.cell));
  };
}

/** What rows 1-2 and the footer print; stored with the report so a masked copy prints the same. */
export interface SummaryHeading {
  /** 报送单位 */
  submitter: string;
  /** e.g. 市（州）排查阶段 */
  phaseLabel: string;
  /** 填报日期, YYYY-MM-DD (the campaign calendar's date). */
  date: string;
  /** Workbook created/modified time (ISO): fixed, so re-rendering gives the same document. */
  createdAt: string;
  /** Issue 21: the departments' sign-offs (and, for the province's table, reviews), a line per city. */
  signoffs?: string[];
  /** Issue 21: to whom the table goes (the province's: both ministries, one copy with both addressees). */
  addressees?: string;
}

export function submitterOf(cityName: string | null): string {
  return cityName ? `${cityName}住房和城乡建设局、${cityName}人力资源和社会保障局` : '吉林省住房和城乡建设厅、吉林省人力资源和社会保障厅';
}

export const PHASE_LABELS = {
  self_check_table: '自查自纠阶段',
  investigation_table: '市（州）排查阶段',
  province_table: '省厅核查阶段（全省）',
} as const;
