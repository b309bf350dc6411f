import { balancedLines, fitColumns, unbreakableEm, wrappedLines } from '../../../activities/reports/printLayout';
import { detailRowHeights, DETAIL_COLUMNS, linesIn, rowHeight } from '../../../activities/reports/summaryLayout';

const USCC = '91220101MA0000100M';
const ID = '22010219800101008X';

describe('print layout: how much room printed text needs', () => {
  it('counts a CJK character as two digits, and never breaks a code, a number or a date', () => {
    expect(wrappedLines('吉林省某某建设有限公司', 4)).toBe(3);
    expect(wrappedLines('12345678', 5.2)).toBe(1); // 8 digits of 0.64 em
    expect(unbreakableEm(`统一社会信用代码${USCC}`)).toBeGreaterThan(11);
    expect(unbreakableEm('截止2025-01-31')).toBeCloseTo(10 * 0.64, 1);
    // The case number goes to the next line whole, not as 2201- and 000001.
    expect(wrappedLines('长春市；案件编号2201-000001', 8.5)).toBe(2);
    // Closing punctuation stays with what precedes it, opening with what follows.
    expect(balancedLines('市（州）', 3.5)).toEqual(['市', '（州）']);
  });

  it('cuts a header label into even lines, never a character alone', () => {
    expect(balancedLines('信息不一致人数', 4.5)).toEqual(['信息不一', '致人数']);
    expect(balancedLines('信息不一致人数', 3.2)).toEqual(['信息不', '一致', '人数']);
    expect(balancedLines('统一社会信用代码', 20)).toEqual(['统一社会信用代码']);
  });

  it('sizes table columns to the text width: every code whole, headers four characters a line, the rest to the long texts', () => {
    const header = ['市（州）', '单位名称', '统一社会信用代码', '确认挂证人数', '进展情况'];
    const rows = [['延边朝鲜族自治州', '中国建筑第八工程局有限公司东北分公司', USCC, '12', '进展不力：逾期报送自查自纠汇总表，未按期报送排查工作报告']];
    const total = 8845;
    const { widths, fontPt } = fitColumns(header, rows, { total, unitsPerPt: 20, padding: 160, fontSizes: [10.5, 9] });
    expect(fontPt).toBe(10.5);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(total);
    const em = (i: number) => (widths[i] - 160) / (fontPt * 20);
    expect(wrappedLines(USCC, em(2))).toBe(1);
    expect(wrappedLines('市（州）', em(0))).toBe(1);
    expect(wrappedLines('确认挂证人数', em(3))).toBeLessThanOrEqual(2);
    expect(widths[4]).toBeGreaterThan(widths[3]);
  });

  it('gives a summary-table row the height of its cell that wraps to most lines', () => {
    const heightOf = detailRowHeights();
    const row = new Array<string>(DETAIL_COLUMNS.length - 1).fill('');
    expect(heightOf(row)).toBe(rowHeight(1, 9));
    row[1] = ID; // not wrapped: one line however narrow
    expect(heightOf(row)).toBe(rowHeight(1, 9));
    const measures = DETAIL_COLUMNS.findIndex((c) => c.label === '处理措施');
    row[measures - 1] = '撤销注册；3年内不予受理注册申请；个人不良行为记录；单位不良行为记录；列入资质动态核查';
    const lines = linesIn(row[measures - 1], DETAIL_COLUMNS[measures].width, 9);
    expect(lines).toBeGreaterThan(4);
    expect(heightOf(row)).toBe(rowHeight(lines, 9));
    expect(rowHeight(lines, 9)).toBeGreaterThanOrEqual(lines * 9 * 1.45);
  });
});
