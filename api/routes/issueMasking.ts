/**
 * The rejects of an import as each reader may see them. A refused cell's value is whatever the file
 * held (a malformed ID number, a name, a phone number): a coordinator, who loads the data and fixes
 * the files, sees it as it is; any other reader (an auditor) sees it masked, and the reason with
 * any long number in it masked too (docs/api.md, data minimisation).
 */
import type { ImportIssueRow } from '../../dataImport/issues';
import { maskUnknownValue } from '../../domain/maskPersonalData';
import type { Principal } from '../auth/principal';

const seesRawValues = (p: Principal) => p.role === 'province_coordinator';

/** A run of 10 or more digits (an ID number, full or malformed, or a phone number) inside text. */
const LONG_NUMBER = /[0-9０-９][0-9０-９\s-]{8,}[0-9０-９Xx]/g;

export function maskIssue(row: ImportIssueRow): ImportIssueRow {
  return { ...row, value: maskUnknownValue(row.value), reason: row.reason.replace(LONG_NUMBER, (n) => maskUnknownValue(n)) };
}

export async function* maskedIssuesFor(reader: Principal, rows: AsyncIterable<ImportIssueRow>): AsyncIterable<ImportIssueRow> {
  if (seesRawValues(reader)) {
    yield* rows;
    return;
  }
  for await (const r of rows) yield maskIssue(r);
}
