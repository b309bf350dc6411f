/** Validates one raw record against its source's schema and collects what must be reported. */
import type { AnySource, RawRecord } from '../domain/sources';

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
  // The fast path gives the schema's row for a valid record; zod runs only to say what is wrong.
  const fast = source.fast?.(raw);
  const parsed = fast ? ({ success: true, data: fast } as const) : source.schema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const column = typeof i.path[0] === 'string' ? i.path[0] : '';
      issues.push({ line, column, value: raw[column] ?? '', reason: i.message, severity: 'rejected' });
    }
  }
  // Warnings are reported for rejected rows too, so the official fixes everything in one pass.
  for (const c of source.columns) {
    if (!c.warn) continue;
    const value = raw[c.name] ?? '';
    const reason = c.warn(value);
    if (reason) issues.push({ line, column: c.name, value, reason, severity: 'warning' });
  }
  return { row: parsed.success ? (parsed.data as Record<string, unknown>) : null, issues };
}
