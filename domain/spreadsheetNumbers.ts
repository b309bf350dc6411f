/**
 * Codes that a spreadsheet turned into numbers (DATA-CONTRACT "Input files", typed cells): an
 * 18-digit ID number or credit code is beyond what a spreadsheet number holds exactly, so once it
 * was a number its last digits are gone. Such a cell reaches the checks in scientific notation
 * (a CSV saved by Excel writes `9.12208E+17`; the XLSX reader writes a number cell's value that
 * way once it exceeds 2^53), and is reported with this reason instead of a wrong check character.
 */
export const NUMBER_LOST_DIGITS_ZH = '表格软件把这一格存成了数字，位数已丢失：请把该列设为文本后重新导出';
export const NUMBER_LOST_DIGITS = `${NUMBER_LOST_DIGITS_ZH} (the spreadsheet stored this cell as a number and it lost digits: format the column as text and export again)`;

export function isScientificNumber(text: string): boolean {
  return /^[+-]?\d+(?:\.\d+)?E[+-]?\d+$/i.test(text.trim());
}
