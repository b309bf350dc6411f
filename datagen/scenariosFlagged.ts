/** Persons every flag of DATA-CONTRACT "Screening semantics" must find, each with the reasons it expects. */
import { OUTSIDE, head, other, valid, employed, all, maybeFund, plan, compliantAt, type Scenario } from './scenarioPlan';

export const FLAGGED_SCENARIOS: readonly Scenario[] = [
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
