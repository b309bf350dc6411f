import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The screening steps, in the order they run; each file is a list of statements without bind parameters. */
export const SCREENING_STEPS = ['inputs', 'units', 'flags', 'evidence'] as const;
export type ScreeningStep = (typeof SCREENING_STEPS)[number];

const cache = new Map<ScreeningStep, string>();

/** The SQL of one step, read once from activities/screening/sql/<step>.sql. */
export function screeningSql(step: ScreeningStep): string {
  let sql = cache.get(step);
  if (sql === undefined) {
    sql = readFileSync(path.join(__dirname, 'sql', `${step}.sql`), 'utf8');
    cache.set(step, sql);
  }
  return sql;
}
