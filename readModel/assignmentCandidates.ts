/**
 * The cases a bulk assignment runs over (issue 20 item 4), each with its keys in the rule's
 * dimension and its current 承办人. Districts come from the data: the registration units' codes
 * (a USCC carries its registering authority's division code, characters 3–8) where they lie in the
 * city, in registration order; failing those, the social-insurance 参保地 codes in the city; a case
 * with neither has no district (it matches only a catch-all group). Categories are the person's
 * registered certificate categories; flags the case's screening flags.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import type { AssignmentCandidate, AssignmentDimension } from '../domain/caseAssignment';
import type { CertCategory } from '../domain/certCategories';
import { districtOfUnitCode } from '../domain/districts';
import type { FlagCode } from '../domain/flags';
import { parseRows } from './sqlTypes';
import { CaseStatus } from './worklist';

export interface CandidateFilter {
  campaignId: string;
  cityCode: string;
  /** Only these cases (others of the filter are left out). */
  caseIds?: readonly string[];
  status?: z.infer<typeof CaseStatus>;
  /** Only cases without a 承办人 (the default of a bulk run). */
  unassignedOnly: boolean;
  flag?: FlagCode;
  certCategory?: CertCategory;
  district?: string;
}

export interface Candidate extends AssignmentCandidate {
  assignee: string | null;
}

const Row = z.object({
  case_id: z.string(),
  case_no: z.string(),
  reasons: z.array(z.string()),
  assignee: z.string().nullable(),
  cert_categories: z.array(z.string()).nullable(),
  reg_unit_codes: z.array(z.string()).nullable(),
  ss_region_code: z.string().nullable(),
});
type Row = z.infer<typeof Row>;

/** The case's districts: registration units' first, else the social-insurance regions, in the city. */
export function districtsOf(regUnitCodes: readonly string[], ssRegionCodes: string | null, cityCode: string): string[] {
  const fromUnits = regUnitCodes.map((code) => districtOfUnitCode(code, cityCode)).filter((d): d is string => d !== undefined);
  if (fromUnits.length > 0) return [...new Set(fromUnits)];
  const fromSs = (ssRegionCodes ?? '').split(';').map((s) => s.trim());
  return [...new Set(fromSs.filter((d) => /^\d{6}$/.test(d) && d.startsWith(cityCode)))];
}

function keysOf(r: Row, dimension: AssignmentDimension, cityCode: string): string[] {
  if (dimension === 'flag') return r.reasons;
  if (dimension === 'certCategory') return [...new Set(r.cert_categories ?? [])];
  return districtsOf(r.reg_unit_codes ?? [], r.ss_region_code, cityCode);
}

/** The cases in case-number order, with their keys in `dimension`. */
export async function assignmentCandidates(pool: Pool, f: CandidateFilter, dimension: AssignmentDimension): Promise<Candidate[]> {
  const where = ['c.campaign_id = $1', 'c.city_code = $2'];
  const args: unknown[] = [f.campaignId, f.cityCode];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (f.caseIds) add('c.case_id = ANY(?::text[])', f.caseIds);
  if (f.status) add('c.status = ?', f.status);
  if (f.unassignedOnly) where.push('a.case_id IS NULL');
  if (f.flag) add('? = ANY(c.reasons)', f.flag);
  if (f.certCategory) add('? = ANY(s.cert_categories)', f.certCategory);
  const { rows } = await pool.query(
    `SELECT c.case_id, c.case_no, c.reasons, a.assignee, s.cert_categories, s.reg_unit_codes, s.ss_region_code
     FROM case_file c
     LEFT JOIN screening_result s ON s.run_id = c.screening_run_id AND s.id_number = c.id_number
     LEFT JOIN case_assignment a ON a.case_id = c.case_id
     WHERE ${where.join(' AND ')}
     ORDER BY c.case_no, c.case_id`,
    args,
  );
  const list = parseRows(Row, rows);
  // The district filter reads the same districts the rule does (computed here, not in SQL).
  const inDistrict = f.district ? list.filter((r) => keysOf(r, 'district', f.cityCode).includes(f.district!)) : list;
  return inDistrict.map((r) => ({ caseId: r.case_id, caseNo: r.case_no, keys: keysOf(r, dimension, f.cityCode), assignee: r.assignee }));
}
