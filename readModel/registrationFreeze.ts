/**
 * What registration services ask before accepting a change: a person with an open case is frozen;
 * a unit whose registered person has an open case may not add or upgrade a qualification; a banned
 * person's application is refused until the ban ends.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { parseIdNumber } from '../domain/idNumber';
import { normaliseUnitName } from '../domain/unitMatching';
import { procedureDecisionJoin } from './procedureDecision';
import { DateText, parseRows } from './sqlTypes';

function id18(idNumber: string): string | null {
  const p = parseIdNumber(idNumber);
  return p.ok ? p.id18 : null;
}

/** With `byCaseOfCity`, only a freeze by an open case of that city counts (what its officers may know). */
export async function isRegistrationFrozen(pool: Pool, idNumber: string, opts: { byCaseOfCity?: string } = {}): Promise<boolean> {
  const id = id18(idNumber);
  if (!id) return false;
  const { rowCount } = await pool.query(
    `SELECT 1 FROM registration_freeze f
     WHERE f.id_number = $1
       AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM case_file c WHERE c.case_id = f.case_id AND c.city_code = $2::bpchar))
     LIMIT 1`,
    [id, opts.byCaseOfCity ?? null],
  );
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

export const RegistrationBan = z.object({
  caseId: z.string().nullable().describe('null: a case of another city, whose id a city officer is not shown'),
  start: DateText,
  end: DateText,
  decisionNo: z
    .string()
    .nullable()
    .describe(
      'the number of the decision the ban rests on (撤销注册决定书 / 行政处罚决定书, or the ministry’s document); null for a ban recorded before the due-process procedure',
    ),
  basis: z.string().nullable().describe("the first citation of the decision's legal basis (instrument and article); null as decisionNo"),
});
export type RegistrationBan = z.infer<typeof RegistrationBan>;

const BanRow = z.object({
  case_id: z.string(),
  city_code: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  decision_no: z.string().nullable(),
  basis: z.string().nullable(),
});

/**
 * The bans in force on `onDate` (YYYY-MM-DD) for the person, latest end first, each with the number
 * and the basis of the decision it rests on (readModel/procedureDecision.ts). With
 * `caseIdsOfCity`, the case ids of other cities' bans are left out (null): the ban itself is what a
 * registration desk needs, another city's case is not.
 */
export async function registrationBansInForce(pool: Pool, idNumber: string, onDate: string, opts: { caseIdsOfCity?: string } = {}): Promise<RegistrationBan[]> {
  const id = id18(idNumber);
  if (!id) return [];
  const { rows } = await pool.query(
    `SELECT b.case_id, c.city_code::text, to_char(b.start_date, 'YYYY-MM-DD') AS start, to_char(b.end_date, 'YYYY-MM-DD') AS "end",
            dec.decision_no, dec.basis
     FROM registration_ban b LEFT JOIN case_file c ON c.case_id = b.case_id
     LEFT JOIN penalty pen ON pen.case_id = b.case_id AND pen.kind = 'REGISTRATION_BAN_3Y' AND pen.target = 'person'
     ${procedureDecisionJoin('pen.procedure_id', 'dec', 'true')}
     WHERE b.id_number = $1 AND b.start_date <= $2 AND b.end_date >= $2 ORDER BY b.end_date DESC`,
    [id, onDate],
  );
  const shown = (r: z.infer<typeof BanRow>) => opts.caseIdsOfCity === undefined || r.city_code === opts.caseIdsOfCity;
  return parseRows(BanRow, rows).map((r) => ({
    caseId: shown(r) ? r.case_id : null,
    start: r.start,
    end: r.end,
    decisionNo: r.decision_no,
    basis: r.basis,
  }));
}
