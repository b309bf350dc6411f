/**
 * The planted persons' vocabulary: what a scenario plans for a person (registrations, social
 * insurance and fund spans, age), and the small builders the scenarios share.
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
export const OUTSIDE = ['110105', '210102', '310115', '440305'];

export const head = (c: ScenarioContext) => c.rng.pick(c.u.heads);
/** A head office other than the given ones: a separate legal person, related to none of them. */
export function other(c: ScenarioContext, ...not: GenUnit[]): GenUnit {
  for (;;) {
    const h = head(c);
    if (!not.includes(h)) return h;
  }
}
export const valid = (unit: GenUnit, n = 1): RegPlan[] => Array.from({ length: n }, () => ({ unit, status: 'valid' as const }));
export const employed = (unit: GenUnit, from: number, to: number, region?: string): SiSpan => ({ unit, from, to, status: 'employed', region });
export const all = (c: ScenarioContext, unit: GenUnit) => [employed(unit, 0, c.last)];
/** Housing fund at the unit, or none: a missing fund is never a flag by itself. */
export const maybeFund = (c: ScenarioContext, unit: GenUnit, p = 0.75): FundSpan[] => (c.rng.chance(p) ? [{ unit, from: 0, to: c.last }] : []);
const certCount = (c: ScenarioContext) => (c.rng.chance(0.8) ? 1 : c.rng.chance(0.75) ? 2 : 3);

export function plan(p: Partial<PersonPlan> & Pick<PersonPlan, 'regs'>): PersonPlan {
  return { si: [], fund: [], pss: [], age: WORKING_AGE, ...p };
}

export function compliantAt(c: ScenarioContext, u: GenUnit, extra: Partial<PersonPlan> = {}): PersonPlan {
  return plan({ regs: valid(u, certCount(c)), si: all(c, u), fund: maybeFund(c, u), actual: u, ...extra });
}
