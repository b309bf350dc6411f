/**
 * The summary table's form, as officials fill it on paper: the title, the 报送单位 line, the
 * two-level header, the footer, widths and print settings. Style objects are shared on purpose:
 * exceljs caches a style by object identity, so 1.5 million cells cost one style lookup each.
 */
import type { Style, Worksheet } from 'exceljs';

export const SUMMARY_TITLE = '工程建设领域专业技术人员“挂证”等违法违规行为处理情况汇总表';
export const DETAIL_SHEET = '汇总表';
export const CITY_SHEET = '分市（州）汇总';

/** Detail columns A..P: [group (row 3), label (row 4), width]. A group spanning one column is merged down. */
export const DETAIL_COLUMNS: readonly { group: string; label: string; width: number }[] = [
  { group: '序号', label: '序号', width: 6 },
  { group: '专业技术人员', label: '姓名', width: 10 },
  { group: '专业技术人员', label: '身份证号', width: 21 },
  { group: '专业技术人员', label: '注册类别', width: 16 },
  { group: '专业技术人员', label: '注册证书编号', width: 16 },
  { group: '专业技术人员', label: '注册单位', width: 24 },
  { group: '专业技术人员', label: '社保缴纳单位', width: 24 },
  { group: '专业技术人员', label: '公积金缴存单位', width: 24 },
  { group: '问题类型', label: '问题类型', width: 26 },
  { group: '核查情况', label: '实际工作单位', width: 24 },
  { group: '核查情况', label: '核查结论', width: 18 },
  { group: '处理情况', label: '处理措施', width: 32 },
  { group: '处理情况', label: '处理机关', width: 22 },
  { group: '处理情况', label: '处理日期', width: 12 },
  { group: '处理情况', label: '是否自查自纠期间整改', width: 11 },
  { group: '备注', label: '备注', width: 28 },
];
export const DETAIL_WIDTH = DETAIL_COLUMNS.length; // 16: A..P
export const ID_COLUMN = 3; // C
/** Rows 1-2 title and 报送单位 line, 3-4 the header: data starts at row 5. */
export const HEADER_ROWS = 4;

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const freeze = <T extends object>(o: T): T => Object.freeze(o);

export const STYLES = {
  title: freeze<Partial<Style>>({ font: { name: '黑体', size: 18, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } }),
  line: freeze<Partial<Style>>({ font: { name: '宋体', size: 11 }, alignment: { horizontal: 'left', vertical: 'middle' } }),
  lineRight: freeze<Partial<Style>>({ font: { name: '宋体', size: 11 }, alignment: { horizontal: 'right', vertical: 'middle' } }),
  header: freeze<Partial<Style>>({
    font: { name: '黑体', size: 10, bold: true },
    border,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } },
  }),
  cell: freeze<Partial<Style>>({ font: { name: '宋体', size: 10 }, border, alignment: { vertical: 'middle', wrapText: true } }),
  // Text format: Excel must never turn an ID number into 2.20102E+17.
  idCell: freeze<Partial<Style>>({ font: { name: '宋体', size: 10 }, border, numFmt: '@', alignment: { vertical: 'middle' } }),
  centred: freeze<Partial<Style>>({ font: { name: '宋体', size: 10 }, border, alignment: { horizontal: 'center', vertical: 'middle' } }),
  total: freeze<Partial<Style>>({ font: { name: '宋体', size: 10, bold: true }, border, alignment: { horizontal: 'center', vertical: 'middle' } }),
};

/** A4 landscape, one page wide, the header rows repeated on every printed page, page numbers. */
export function printSetup(headerRows: string): Pick<Worksheet, 'pageSetup' | 'headerFooter'> {
  return {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: headerRows,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
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
}

export function submitterOf(cityName: string | null): string {
  return cityName ? `${cityName}住房和城乡建设局、${cityName}人力资源和社会保障局` : '吉林省住房和城乡建设厅、吉林省人力资源和社会保障厅';
}

export const PHASE_LABELS = {
  self_check_table: '自查自纠阶段',
  investigation_table: '市（州）排查阶段',
  province_table: '省厅核查阶段（全省）',
} as const;
