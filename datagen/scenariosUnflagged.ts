/** Persons who must NOT be flagged: compliant, and every edge case that looks like hanging but is not. */
import { OUTSIDE, head, other, valid, employed, all, maybeFund, plan, compliantAt, type Scenario } from './scenarioPlan';

export const UNFLAGGED_SCENARIOS: readonly Scenario[] = [
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
];
