/** Validates one raw record against its source's schema and collects what must be reported. */
import type { AnySource, RawRecord } from '../domain/sources';
import { showRefused, textRefusal } from '../domain/text';

export type Severity = 'rejected' | 'warning';

export interface Issue {
  line: number;
  column: string;
  /** The cell as given: goes to the rejects report for the official, never to logs. */
  value: string;
  reason: string;
  severity: Severity;
}

export interface CheckedRow {
  /** The normalised row, or null when rejected. */
  row: Record<string, unknown> | null;
  issues: Issue[];
}

export function checkRow(source: AnySource, line: number, raw: RawRecord): CheckedRow {
  const issues: Issue[] = [];
  // A control, bidi or zero-width character rejects the row before anything reads it (PostgreSQL cannot even store a NUL).
  for (const c of source.columns) {
    const refusal = textRefusal(raw[c.name] ?? '');
    if (refusal) issues.push({ line, column: c.name, value: showRefused(raw[c.name]), reason: `${refusal} (control character)`, severity: 'rejected' });
  }
  const refused = issues.length > 0;
  // The fast path gives the schema's row for a valid record; zod runs only to say what is wrong.
  const fast = refused ? undefined : source.fast?.(raw);
  const parsed = fast ? ({ success: true, data: fast } as const) : source.schema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const column = typeof i.path[0] === 'string' ? i.path[0] : '';
      if (refused && issues.some((x) => x.column === column)) continue;
      issues.push({ line, column, value: showRefused(raw[column] ?? ''), reason: i.message, severity: 'rejected' });
    }
  }
  // Warnings are reported for rejected rows too, so the official fixes everything in one pass.
  for (const c of source.columns) {
    if (!c.warn) continue;
    const value = raw[c.name] ?? '';
    const reason = c.warn(value);
    if (reason) issues.push({ line, column: c.name, value: showRefused(value), reason, severity: 'warning' });
  }
  return { row: parsed.success && !refused ? (parsed.data as Record<string, unknown>) : null, issues };
}
