/**
 * What registration services ask before accepting a change: a person with an open case is frozen;
 * a unit whose registered person has an open case may not add or upgrade a qualification; a banned
 * person's application is refused until the ban ends.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { parseIdNumber } from '../domain/idNumber';
import { normaliseUnitName } from '../domain/unitMatching';
import { DateText, parseRows } from './sqlTypes';

function id18(idNumber: string): string | null {
  const p = parseIdNumber(idNumber);
  return p.ok ? p.id18 : null;
}

export async function isRegistrationFrozen(pool: Pool, idNumber: string): Promise<boolean> {
  const id = id18(idNumber);
  if (!id) return false;
  const { rowCount } = await pool.query('SELECT 1 FROM registration_freeze WHERE id_number = $1 LIMIT 1', [id]);
  return (rowCount ?? 0) > 0;
}

export async function isUnitQualificationFrozen(pool: Pool, unit: { code?: string | null; name?: string | null }): Promise<boolean> {
  const code = unit.code?.trim().toUpperCase() || null;
  const norm = unit.name ? normaliseUnitName(unit.name) : null;
  if (!code && !norm) return false;
  const { rowCount } = await pool.query(
    `SELECT 1 FROM registration_freeze WHERE ($1::text IS NOT NULL AND $1 = ANY (unit_codes))
        OR ($2::text IS NOT NULL AND $2 = ANY (unit_names_norm)) LIMIT 1`,
    [code, norm],
  );
  return (rowCount ?? 0) > 0;
}

export const RegistrationBan = z.object({ caseId: z.string(), start: DateText, end: DateText });
export type RegistrationBan = z.infer<typeof RegistrationBan>;

const BanRow = z.object({ case_id: z.string(), start: z.string(), end: z.string() });

/** The bans in force on `onDate` (YYYY-MM-DD) for the person, latest end first. */
export async function registrationBansInForce(pool: Pool, idNumber: string, onDate: string): Promise<RegistrationBan[]> {
  const id = id18(idNumber);
  if (!id) return [];
  const { rows } = await pool.query(
    `SELECT case_id, to_char(start_date, 'YYYY-MM-DD') AS start, to_char(end_date, 'YYYY-MM-DD') AS "end"
     FROM registration_ban WHERE id_number = $1 AND start_date <= $2 AND end_date >= $2 ORDER BY end_date DESC`,
    [id, onDate],
  );
  return parseRows(BanRow, rows).map((r) => ({ caseId: r.case_id, start: r.start, end: r.end }));
}
