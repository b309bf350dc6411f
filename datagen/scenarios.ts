/**
 * The planted cases: every flag of DATA-CONTRACT "Screening semantics" and every edge case that
 * must NOT flag. Each scenario states the reasons it expects under the default settings
 * (window 3 months ending at as_of, age limit 65); the ground truth is exactly these reasons,
 * never the result of running the screening.
 */
import type { FlagCode } from '../domain/flags';
import type { Rng } from './prng';
import type { GenUnit, Universe } from './units';

export interface SiSpan {
  unit?: GenUnit;
  from: number;
  to: number;
  status: 'employed' | 'retired' | 'flexible';
  /** Overrides the unit's region (e.g. a contribution outside Jilin). */
  region?: string;
}
export interface FundSpan {
  unit: GenUnit;
  from: number;
  to: number;
}
export interface RegPlan {
  unit: GenUnit;
  status: 'valid' | 'revoked' | 'cancelled';
  /** Write the unit code with a wrong check character (a warning; matched by name). */
  badCode?: boolean;
}
export type AgePlan = { min: number; max: number } | { turning: number; dayAfter: boolean };

export interface PersonPlan {
  regs: RegPlan[];
  si: SiSpan[];
  fund: FundSpan[];
  pss: GenUnit[];
  age: AgePlan;
  /** Where the person really works, for the evidence-only files. */
  actual?: GenUnit;
}

export interface ScenarioContext {
  rng: Rng;
  u: Universe;
  /** Month indexes 0..last; last is as_of. */
  last: number;
  /** First month of the default 3-month window (last - 2). */
  ws: number;
}

export interface Scenario {
  name: string;
  weight: number;
  reasons: FlagCode[];
  build(ctx: ScenarioContext): PersonPlan;
}

const WORKING_AGE: AgePlan = { min: 26, max: 62 };
const OUTSIDE = ['110105', '210102', '310115', '440305'];

const head = (c: ScenarioContext) => c.rng.pick(c.u.heads);
/** A head office other than the given ones: a separate legal person, related to none of them. */
function other(c: ScenarioContext, ...not: GenUnit[]): GenUnit {
  for (;;) {
    const h = head(c);
    if (!not.includes(h)) return h;
  }
}
const valid = (unit: GenUnit, n = 1): RegPlan[] => Array.from({ length: n }, () => ({ unit, status: 'valid' as const }));
const employed = (unit: GenUnit, from: number, to: number, region?: string): SiSpan => ({ unit, from, to, status: 'employed', region });
const all = (c: ScenarioContext, unit: GenUnit) => [employed(unit, 0, c.last)];
/** Housing fund at the unit, or none: a missing fund is never a flag by itself. */
const maybeFund = (c: ScenarioContext, unit: GenUnit, p = 0.75): FundSpan[] => (c.rng.chance(p) ? [{ unit, from: 0, to: c.last }] : []);
const certCount = (c: ScenarioContext) => (c.rng.chance(0.8) ? 1 : c.rng.chance(0.75) ? 2 : 3);

function plan(p: Partial<PersonPlan> & Pick<PersonPlan, 'regs'>): PersonPlan {
  return { si: [], fund: [], pss: [], age: WORKING_AGE, ...p };
}

function compliantAt(c: ScenarioContext, u: GenUnit, extra: Partial<PersonPlan> = {}): PersonPlan {
  return plan({ regs: valid(u, certCount(c)), si: all(c, u), fund: maybeFund(c, u), actual: u, ...extra });
}

export const SCENARIOS: readonly Scenario[] = [
  // ---- not flagged ----
  { name: 'compliant', weight: 55, reasons: [], build: (c) => compliantAt(c, head(c)) },
  { name: 'compliant_no_fund', weight: 6, reasons: [], build: (c) => compliantAt(c, head(c), { fund: [] }) },
  {
    name: 'compliant_invalid_uscc',
    weight: 2,
    reasons: [],
    build: (c) => {
      const u = head(c);
      return compliantAt(c, u, { regs: [{ unit: u, status: 'valid', badCode: true }] });
    },
  },
  {
    name: 'job_change_before_window',
    weight: 4,
    reasons: [],
    build: (c) => {
      const u = head(c);
      const x = other(c, u);
      return plan({
        regs: valid(u),
        si: [employed(x, 0, c.ws - 1), employed(u, c.ws, c.last)],
        fund: [
          { unit: x, from: 0, to: c.ws - 1 },
          { unit: u, from: c.ws, to: c.last },
        ],
        actual: u,
      });
    },
  },
  {
    name: 'changed_within_window',
    weight: 2,
    reasons: [],
    build: (c) => {
      const u = head(c);
      const x = other(c, u);
      return plan({
        regs: valid(u),
        si: [employed(x, 0, c.ws), employed(u, c.ws + 1, c.last)],
        fund: [
          { unit: x, from: 0, to: c.ws },
          { unit: u, from: c.ws + 1, to: c.last },
        ],
        actual: u,
      });
    },
  },
  {
    name: 'data_lag',
    weight: 2,
    reasons: [],
    build: (c) => {
      const u = head(c);
      return plan({ regs: valid(u), si: [employed(u, 0, c.last - 1)], fund: [{ unit: u, from: 0, to: c.last - 1 }], actual: u });
    },
  },
  {
    name: 'branch_payer_by_name',
    weight: 2,
    reasons: [],
    build: (c) => {
      const h = c.rng.pick(c.u.headsWithNameBranch);
      const b = c.rng.pick(h.nameBranches);
      return plan({ regs: valid(h), si: all(c, b), fund: maybeFund(c, b), actual: b });
    },
  },
  {
    name: 'branch_payer_units_file',
    weight: 1.5,
    reasons: [],
    build: (c) => {
      const h = c.rng.pick(c.u.headsWithFileBranches);
      const b = c.rng.pick(h.fileBranches);
      return plan({ regs: valid(h), si: all(c, b), fund: maybeFund(c, b), actual: b });
    },
  },
  {
    name: 'head_office_payer',
    weight: 1,
    reasons: [],
    build: (c) => {
      const h = c.rng.pick(c.u.headsWithFileBranches);
      const b = c.rng.pick(h.fileBranches);
      return plan({ regs: valid(b), si: all(c, h), fund: maybeFund(c, h), actual: h });
    },
  },
  {
    name: 'sibling_branches',
    weight: 1,
    reasons: [],
    build: (c) => {
      const h = c.rng.pick(c.u.headsWithFileBranches);
      const [a, b] = c.rng.chance(0.5) ? h.fileBranches : [...h.fileBranches].reverse();
      return plan({ regs: valid(a), si: all(c, b), fund: maybeFund(c, b), actual: b });
    },
  },
  {
    name: 'multi_cert_same_unit',
    weight: 4,
    reasons: [],
    build: (c) => {
      const u = head(c);
      return compliantAt(c, u, { regs: valid(u, c.rng.int(2, 3)) });
    },
  },
  {
    name: 'certs_head_and_branch',
    weight: 1,
    reasons: [],
    build: (c) => {
      const h = c.rng.pick(c.rng.chance(0.5) ? c.u.headsWithNameBranch : c.u.headsWithFileBranches);
      const b = c.rng.pick(h.nameBranches.length > 0 ? h.nameBranches : h.fileBranches);
      return plan({ regs: [...valid(h), ...valid(b)], si: all(c, h), fund: maybeFund(c, h), actual: h });
    },
  },
  {
    name: 'revoked_other_unit',
    weight: 1.5,
    reasons: [],
    build: (c) => {
      const u = head(c);
      const v = other(c, u);
      return compliantAt(c, u, { regs: [...valid(u), { unit: v, status: c.rng.chance(0.5) ? 'revoked' : 'cancelled' }] });
    },
  },
  {
    name: 'revoked_only',
    weight: 1,
    reasons: [],
    build: (c) => {
      const u = head(c);
      const x = other(c, u);
      return plan({ regs: [{ unit: u, status: 'revoked' }], si: all(c, x), fund: maybeFund(c, x), actual: x });
    },
  },
  {
    name: 'cancelled_only',
    weight: 1,
    reasons: [],
    build: (c) => {
      const u = head(c);
      return plan({ regs: [{ unit: u, status: 'cancelled' }], fund: maybeFund(c, u) });
    },
  },
  {
    name: 'retired_before_window',
    weight: 0.5,
    reasons: [],
    build: (c) => {
      const u = head(c);
      return plan({
        regs: valid(u),
        si: [{ from: 0, to: c.ws - 1, status: 'retired' }, employed(u, c.ws, c.last)],
        fund: maybeFund(c, u),
        age: { min: 55, max: 63 },
        actual: u,
      });
    },
  },
  { name: 'age_64_edge', weight: 0.5, reasons: [], build: (c) => compliantAt(c, head(c), { age: { turning: 65, dayAfter: true } }) },
  {
    name: 'public_institution_registered',
    weight: 1.5,
    reasons: [],
    build: (c) => {
      const i = c.rng.pick(c.u.institutions);
      return compliantAt(c, i, { regs: valid(i), pss: [i] });
    },
  },
  {
    name: 'outside_province_earlier',
    weight: 0.5,
    reasons: [],
    build: (c) => {
      const u = head(c);
      return plan({ regs: valid(u), si: [employed(u, 0, c.last - 1, c.rng.pick(OUTSIDE)), employed(u, c.last, c.last)], fund: maybeFund(c, u), actual: u });
    },
  },
  {
    name: 'employed_at_head_and_branch',
    weight: 0.5,
    reasons: [],
    build: (c) => {
      const h = c.rng.pick(c.u.headsWithNameBranch);
      return plan({ regs: valid(h), si: [...all(c, h), employed(c.rng.pick(h.nameBranches), c.last - 1, c.last)], fund: maybeFund(c, h), actual: h });
    },
  },

  // ---- flagged ----
  {
    name: 'ss_missing',
    weight: 2,
    reasons: ['SS_MISSING'],
    build: (c) => {
      const u = head(c);
      return plan({ regs: valid(u), fund: maybeFund(c, u, 0.5) });
    },
  },
  {
    name: 'ss_missing_before_window',
    weight: 1,
    reasons: ['SS_MISSING'],
    build: (c) => {
      const u = head(c);
      return plan({ regs: valid(u), si: [employed(u, 0, c.ws - 1)], fund: maybeFund(c, u), actual: u });
    },
  },
  {
    name: 'ss_unit_mismatch',
    weight: 2,
    reasons: ['SS_UNIT_MISMATCH'],
    build: (c) => {
      const u = head(c);
      const x = other(c, u);
      return plan({ regs: valid(u), si: all(c, x), fund: maybeFund(c, u), actual: x });
    },
  },
  {
    name: 'hanging_classic',
    weight: 3,
    reasons: ['FUND_UNIT_MISMATCH', 'SS_UNIT_MISMATCH'],
    build: (c) => {
      const u = head(c);
      const x = other(c, u);
      return plan({ regs: valid(u), si: all(c, x), fund: [{ unit: x, from: 0, to: c.last }], actual: x });
    },
  },
  {
    name: 'parent_company_payer',
    weight: 1,
    reasons: ['SS_UNIT_MISMATCH'],
    build: (c) => {
      const p = c.rng.pick(c.u.parents);
      const s = c.rng.pick(p.subsidiaries);
      return plan({ regs: valid(s), si: all(c, p), actual: p });
    },
  },
  {
    name: 'sibling_subsidiary_payer',
    weight: 0.7,
    reasons: ['FUND_UNIT_MISMATCH', 'SS_UNIT_MISMATCH'],
    build: (c) => {
      const p = c.rng.pick(c.u.parents);
      const [a, b] = p.subsidiaries;
      return plan({ regs: valid(a), si: all(c, b), fund: [{ unit: b, from: 0, to: c.last }], actual: b });
    },
  },
  {
    name: 'multiple_payers',
    weight: 1.5,
    reasons: ['SS_MULTIPLE_PAYERS'],
    build: (c) => {
      const u = head(c);
      const x = other(c, u);
      return plan({ regs: valid(u), si: [...all(c, u), employed(x, c.last - 1, c.last)], fund: maybeFund(c, u), actual: x });
    },
  },
  {
    name: 'employed_beside_flexible',
    weight: 0.7,
    reasons: ['SS_MULTIPLE_PAYERS'],
    build: (c) => {
      const u = head(c);
      return plan({ regs: valid(u), si: [...all(c, u), { from: c.last, to: c.last, status: 'flexible' }], fund: maybeFund(c, u), actual: u });
    },
  },
  {
    name: 'flexible_only',
    weight: 1,
    reasons: ['SS_UNIT_MISMATCH'],
    build: (c) => {
      const u = head(c);
      return plan({ regs: valid(u), si: [{ from: 0, to: c.last, status: 'flexible' }] });
    },
  },
  {
    name: 'retired_at_p',
    weight: 1.5,
    reasons: ['SS_RETIRED', 'SS_UNIT_MISMATCH'],
    build: (c) => {
      const u = head(c);
      return plan({ regs: valid(u), si: [employed(u, 0, c.ws - 1), { from: c.ws, to: c.last, status: 'retired' }], age: { min: 58, max: 64 } });
    },
  },
  {
    name: 'retired_early_in_window',
    weight: 0.5,
    reasons: ['SS_RETIRED'],
    build: (c) => {
      const u = head(c);
      return plan({
        regs: valid(u),
        si: [{ from: 0, to: c.ws, status: 'retired' }, employed(u, c.ws + 1, c.last)],
        fund: maybeFund(c, u),
        age: { min: 58, max: 64 },
        actual: u,
      });
    },
  },
  {
    name: 'outside_province_other',
    weight: 0.7,
    reasons: ['SS_OUTSIDE_PROVINCE', 'SS_UNIT_MISMATCH'],
    build: (c) => {
      const u = head(c);
      const x = other(c, u);
      return plan({ regs: valid(u), si: [employed(x, 0, c.last, c.rng.pick(OUTSIDE))], fund: maybeFund(c, u), actual: x });
    },
  },
  {
    name: 'outside_province_same_unit',
    weight: 0.5,
    reasons: ['SS_OUTSIDE_PROVINCE'],
    build: (c) => {
      const u = head(c);
      return plan({ regs: valid(u), si: [employed(u, 0, c.last, c.rng.pick(OUTSIDE))], fund: maybeFund(c, u), actual: u });
    },
  },
  {
    name: 'via_agency',
    weight: 1.5,
    reasons: ['SS_UNIT_MISMATCH', 'SS_VIA_AGENCY'],
    build: (c) => {
      const u = head(c);
      return plan({ regs: valid(u), si: all(c, c.rng.pick(c.u.agencies)), fund: maybeFund(c, u, 0.3) });
    },
  },
  {
    name: 'fund_mismatch',
    weight: 1.5,
    reasons: ['FUND_UNIT_MISMATCH'],
    build: (c) => {
      const u = head(c);
      const x = other(c, u);
      return plan({ regs: valid(u), si: all(c, u), fund: [{ unit: x, from: 0, to: c.last }], actual: x });
    },
  },
  {
    name: 'public_sector_listed',
    weight: 1,
    reasons: ['PUBLIC_SECTOR'],
    build: (c) => {
      const u = head(c);
      const g = c.rng.pick(c.rng.chance(0.7) ? c.u.institutions : c.u.governments);
      return compliantAt(c, u, { regs: valid(u), pss: [g], actual: g });
    },
  },
  {
    name: 'public_sector_payer',
    weight: 1,
    reasons: ['FUND_UNIT_MISMATCH', 'PUBLIC_SECTOR', 'SS_UNIT_MISMATCH'],
    build: (c) => {
      const u = head(c);
      const i = c.rng.pick(c.u.institutions);
      return plan({ regs: valid(u), si: all(c, i), fund: [{ unit: i, from: 0, to: c.last }], pss: c.rng.chance(0.5) ? [i] : [], actual: i });
    },
  },
  {
    name: 'government_fund_payer',
    weight: 0.5,
    reasons: ['FUND_UNIT_MISMATCH', 'PUBLIC_SECTOR'],
    build: (c) => {
      const u = head(c);
      const g = c.rng.pick(c.u.governments);
      return plan({ regs: valid(u), si: all(c, u), fund: [{ unit: g, from: 0, to: c.last }], actual: g });
    },
  },
  {
    name: 'multi_unit',
    weight: 1.5,
    reasons: ['MULTI_UNIT'],
    build: (c) => {
      const u = head(c);
      const v = other(c, u);
      return plan({ regs: [...valid(u), ...valid(v)], si: all(c, u), fund: maybeFund(c, u), actual: u });
    },
  },
  {
    name: 'multi_unit_via_agency',
    weight: 0.5,
    reasons: ['MULTI_UNIT', 'SS_UNIT_MISMATCH', 'SS_VIA_AGENCY'],
    build: (c) => {
      const u = head(c);
      const v = other(c, u);
      return plan({ regs: [...valid(u), ...valid(v)], si: all(c, c.rng.pick(c.u.agencies)) });
    },
  },
  { name: 'over_age', weight: 1.5, reasons: ['OVER_AGE'], build: (c) => compliantAt(c, head(c), { age: { min: 66, max: 78 } }) },
  { name: 'over_age_edge', weight: 0.5, reasons: ['OVER_AGE'], build: (c) => compliantAt(c, head(c), { age: { turning: 65, dayAfter: false } }) },
];

/** Scenarios whose persons hold no valid registration, so they are not screened at all. */
export const NOT_SCREENED = new Set(['revoked_only', 'cancelled_only']);
