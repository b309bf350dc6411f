/**
 * What PostgreSQL hands back (through node-postgres) as zod schemas, and the shapes instants and
 * dates take in the read model's answers. Every query in readModel/ parses its rows with these, so
 * a column whose type or nullability changes fails loudly here instead of reaching a client.
 */
import { z } from 'zod';

/** timestamptz arrives as a Date. */
export const TimestampColumn = z.date();
/** bigint (bigserial ids) arrives as a string; the ids stay far below 2^53. */
export const BigintColumn = z.coerce.number().int();

/** An instant in an answer: ISO 8601 in UTC. */
export const Instant = z.iso.datetime({ offset: true }).describe('ISO 8601 instant');
/** A calendar date in an answer (Asia/Shanghai): YYYY-MM-DD. */
export const DateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('YYYY-MM-DD');

export const instant = (d: Date): string => d.toISOString();
export const instantOrNull = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** Parses every row with the row schema: a query's rows become typed values. */
export function parseRows<T extends z.ZodType>(schema: T, rows: unknown[]): z.output<T>[] {
  return rows.map((r) => schema.parse(r));
}
