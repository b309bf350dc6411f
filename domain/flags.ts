/** Screening flags (DATA-CONTRACT "Screening semantics"), their weights and settings. */
import { z } from 'zod';
import { IsoMonth } from './calendar';

export const FlagCode = z.enum([
  'SS_MISSING',
  'SS_UNIT_MISMATCH',
  'SS_MULTIPLE_PAYERS',
  'SS_RETIRED',
  'SS_OUTSIDE_PROVINCE',
  'SS_VIA_AGENCY',
  'FUND_UNIT_MISMATCH',
  'PUBLIC_SECTOR',
  'MULTI_UNIT',
  'OVER_AGE',
]);
export type FlagCode = z.infer<typeof FlagCode>;

export const FLAG_LABELS: Record<FlagCode, string> = {
  SS_MISSING: '无社保缴纳记录',
  SS_UNIT_MISMATCH: '社保单位与注册单位不一致',
  SS_MULTIPLE_PAYERS: '多处缴纳社保',
  SS_RETIRED: '已办理退休',
  SS_OUTSIDE_PROVINCE: '社保在省外缴纳',
  SS_VIA_AGENCY: '社保由人力资源服务机构代缴',
  FUND_UNIT_MISMATCH: '公积金单位与注册单位不一致',
  PUBLIC_SECTOR: '机关事业单位人员',
  MULTI_UNIT: '注册于多个单位',
  OVER_AGE: '超龄注册',
};

/**
 * Default weights: a contribution elsewhere or a public-sector job is stronger
 * evidence of hanging than a gap in the data or age alone.
 */
export const DEFAULT_RISK_WEIGHTS: Readonly<Record<FlagCode, number>> = Object.freeze({
  SS_MISSING: 20,
  SS_UNIT_MISMATCH: 40,
  SS_MULTIPLE_PAYERS: 30,
  SS_RETIRED: 25,
  SS_OUTSIDE_PROVINCE: 20,
  SS_VIA_AGENCY: 30,
  FUND_UNIT_MISMATCH: 25,
  PUBLIC_SECTOR: 35,
  MULTI_UNIT: 35,
  OVER_AGE: 15,
});

export const RiskWeights = z.partialRecord(FlagCode, z.number().int().min(0).max(1000));
export type RiskWeights = z.infer<typeof RiskWeights>;

/** Sum of the weights of the distinct flags; `weights` overrides the defaults per flag. */
export function riskScore(flags: Iterable<FlagCode>, weights: RiskWeights = {}): number {
  let score = 0;
  for (const f of new Set(flags)) score += weights[f] ?? DEFAULT_RISK_WEIGHTS[f];
  return score;
}

/** Reasons as flags.csv writes them: distinct, sorted alphabetically, joined with ';'. */
export function formatReasons(flags: Iterable<FlagCode>): string {
  return [...new Set(flags)].sort().join(';');
}

/** A campaign's screening settings; every threshold has the contract's default. */
export const ScreeningSettings = z.object({
  /** Default (when absent): the latest period in the social-insurance data. */
  asOf: IsoMonth.optional(),
  windowMonths: z.number().int().min(1).max(60).default(3),
  ageLimit: z.number().int().min(16).max(120).default(65),
  riskWeights: RiskWeights.default({}),
});
export type ScreeningSettings = z.infer<typeof ScreeningSettings>;
