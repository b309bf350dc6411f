/**
 * The screening SQL writes flag codes as string literals; the domain (domain/flags.ts) lists them
 * with their labels and weights. Nothing but this test ties the two: a code renamed or added on
 * one side only would reach flags.csv, the read model and the cases unlabelled and unweighted.
 * Every flag code is produced by the screening SQL today; a code computed elsewhere would need its
 * own place here, with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FlagCode, formatReasons } from '../../domain/flags';

const SQL_DIR = path.resolve(__dirname, '..', '..', 'activities', 'screening', 'sql');

/** Every screening SQL file, comments removed (they name flags too, and may go stale). */
const sqlFiles = readdirSync(SQL_DIR)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => ({ file: f, sql: readFileSync(path.join(SQL_DIR, f), 'utf8').replace(/--[^\n]*/g, '') }));
const allSql = sqlFiles.map((f) => f.sql).join('\n');

/** `CASE WHEN r.<rule column> THEN '<CODE>' END`: the elements of the reasons array, in order. */
const reasons = [...allSql.matchAll(/CASE\s+WHEN\s+r\.(\w+)\s+THEN\s+'([A-Z0-9_]+)'\s+END/g)].map((m) => ({ column: m[1], code: m[2] }));
/** `CASE WHEN r.<rule column> THEN coalesce((w ->> '<CODE>')::int, 0)`: the terms of risk_score. */
const weights = [...allSql.matchAll(/CASE\s+WHEN\s+r\.(\w+)\s+THEN\s+coalesce\(\(w\s*->>\s*'([A-Z0-9_]+)'\)/g)].map((m) => ({ column: m[1], code: m[2] }));
/** Any literal shaped like a flag code, however the SQL uses it. */
const codeLikeLiterals = new Set([...allSql.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)].map((m) => m[1]));

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

describe('flag codes in the screening SQL and in the domain', () => {
  it('finds the reasons array and the risk-score terms in the screening SQL', () => {
    expect(sqlFiles.map((f) => f.file)).toContain('flags.sql');
    expect(reasons.length).toBeGreaterThan(0);
    expect(weights.length).toBeGreaterThan(0);
  });

  it('emits only codes the domain lists', () => {
    const unknown = sorted([...reasons.map((r) => r.code), ...codeLikeLiterals]).filter((c) => !FlagCode.safeParse(c).success);
    expect(unknown).toEqual([]);
  });

  it('emits every code the domain lists', () => {
    const emitted = new Set(reasons.map((r) => r.code));
    expect(FlagCode.options.filter((c) => !emitted.has(c))).toEqual([]);
  });

  it('emits each code once, from one rule column of its own', () => {
    expect(new Set(reasons.map((r) => r.code)).size).toBe(reasons.length);
    expect(new Set(reasons.map((r) => r.column)).size).toBe(reasons.length);
  });

  it('weighs each reason under its own code, so risk_score sums the weights of exactly the reasons', () => {
    const byColumn = (xs: { column: string; code: string }[]) => Object.fromEntries(xs.map((x) => [x.column, x.code]));
    expect(byColumn(weights)).toEqual(byColumn(reasons));
    expect(weights).toHaveLength(reasons.length);
  });

  it('keeps a person who has any single flag (the filter before the reasons are built names every rule column)', () => {
    const filter = /FROM\s+rules\s+WHERE\s+([\s\S]*?)\)/.exec(allSql)?.[1] ?? '';
    const filtered = new Set(filter.split(/\s+OR\s+/).map((s) => s.trim()));
    expect(reasons.map((r) => r.column).filter((c) => !filtered.has(c))).toEqual([]);
  });

  it('lists the reasons in code-point order, as formatReasons writes them to flags.csv', () => {
    const inSqlOrder = FlagCode.array().parse(reasons.map((r) => r.code));
    expect(inSqlOrder.join(';')).toBe(formatReasons(inSqlOrder));
  });
});
