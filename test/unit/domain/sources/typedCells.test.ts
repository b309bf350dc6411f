/**
 * The cell forms DATA-CONTRACT "Input files" lists, as the sources' checks read them, and codes a
 * spreadsheet turned into numbers (issue 22). XLSX date and number cells reach these checks as
 * the text cellText makes of them, so the same rules serve CSV and XLSX.
 */
import { cellText } from '../../../../dataImport/cellText';
import { parseIdNumber } from '../../../../domain/idNumber';
import { NUMBER_LOST_DIGITS, NUMBER_LOST_DIGITS_ZH } from '../../../../domain/spreadsheetNumbers';
import { Bad, parseDate, parsePeriod, requiredUsccCheck, usccWarning } from '../../../../domain/sources/fields';

describe('period and date forms of the contract', () => {
  it.each(['2024-09', '2024-9', '202409', '2024/09', '2024.09', '2024年9月', '2024年09月'])('reads the period %s as September 2024', (form) => {
    expect(parsePeriod(form)).toBe('2024-09-01');
  });

  it.each(['2024-09-05', '2024/9/5', '20240905', '2024年9月5日', '2024.09.05'])('reads the date %s as 5 September 2024', (form) => {
    expect(parseDate(form)).toBe('2024-09-05');
  });

  it('reads date cells in period and date columns, and a bare serial whose format was lost', () => {
    const d = new Date(Date.UTC(2024, 8, 5));
    expect([cellText(d, 'period'), cellText(d, 'date')]).toEqual(['2024-09', '2024-09-05']);
    expect([cellText(45540, 'period'), cellText(45540, 'date')]).toEqual(['2024-09', '2024-09-05']);
  });
});

describe('codes stored as numbers', () => {
  it('reads a 15-digit legacy ID number cell back whole', () => {
    const text = cellText(220102800101123, 'text');
    expect(text).toBe('220102800101123');
    expect(parseIdNumber(text)).toMatchObject({ ok: true, legacy15: true });
  });

  it('says an 18-digit ID that became a number lost its digits, from an XLSX number cell or a CSV saved by Excel', () => {
    // 912208187249849984 is what a double makes of an 18-digit code: the last digits are not the code's.
    const fromXlsx = cellText(912208187249849984, 'text');
    expect(fromXlsx).toMatch(/e\+17$/);
    for (const text of [fromXlsx, '2.20102198001011E+17', '9.12208E+17']) {
      expect(parseIdNumber(text)).toEqual({ ok: false, reason: NUMBER_LOST_DIGITS, reasonZh: NUMBER_LOST_DIGITS_ZH });
    }
  });

  it('says the same of a unit code: a warning for an optional one, a rejection for the units file key', () => {
    expect(usccWarning('9.12208E+17')).toContain(NUMBER_LOST_DIGITS);
    expect(requiredUsccCheck('9.12208E+17')).toEqual(new Bad(NUMBER_LOST_DIGITS));
    expect(usccWarning('91220101MA0000079X')).toMatch(/invalid unified social credit code ignored/);
  });
});
