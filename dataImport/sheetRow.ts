/** One physical row of a CSV or XLSX file, before any column is interpreted. */
export interface SheetRow {
  /** As a spreadsheet user counts: the header is line 1. */
  line: number;
  /** Cell values in column order: strings from CSV; strings, numbers, Dates or rich text from XLSX. */
  cells: readonly unknown[];
}
