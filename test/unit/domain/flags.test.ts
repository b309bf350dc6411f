import { DEFAULT_RISK_WEIGHTS, FLAG_LABELS, FlagCode, ScreeningSettings, formatReasons, riskScore } from '../../../domain/flags';

describe('flag codes', () => {
  it('has the ten flags of the data contract, each with a Chinese label and a weight', () => {
    expect(FlagCode.options).toEqual([
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
    for (const f of FlagCode.options) {
      expect(FLAG_LABELS[f]).toMatch(/[\u4e00-\u9fff]/);
      expect(Number.isInteger(DEFAULT_RISK_WEIGHTS[f])).toBe(true);
      expect(DEFAULT_RISK_WEIGHTS[f]).toBeGreaterThan(0);
    }
    expect(FLAG_LABELS.SS_MISSING).toBe('无社保缴纳记录');
    expect(FLAG_LABELS.SS_UNIT_MISMATCH).toBe('社保单位与注册单位不一致');
  });
});

describe('riskScore', () => {
  it('sums the default weights of the flags', () => {
    expect(riskScore(['SS_UNIT_MISMATCH', 'FUND_UNIT_MISMATCH'])).toBe(40 + 25);
    expect(riskScore([])).toBe(0);
  });

  it('counts a repeated flag once', () => {
    expect(riskScore(['OVER_AGE', 'OVER_AGE'])).toBe(15);
  });

  it('lets campaign weights override the defaults flag by flag', () => {
    expect(riskScore(['SS_UNIT_MISMATCH', 'OVER_AGE'], { OVER_AGE: 0 })).toBe(40);
    expect(riskScore(['SS_UNIT_MISMATCH'], { SS_UNIT_MISMATCH: 100 })).toBe(100);
  });
});

describe('formatReasons', () => {
  it('sorts alphabetically, drops duplicates and joins with ;', () => {
    expect(formatReasons(['SS_UNIT_MISMATCH', 'FUND_UNIT_MISMATCH', 'SS_UNIT_MISMATCH', 'MULTI_UNIT'])).toBe('FUND_UNIT_MISMATCH;MULTI_UNIT;SS_UNIT_MISMATCH');
  });
});

describe('ScreeningSettings', () => {
  it('fills in the contract defaults: window 3 months, age 65, no weight overrides', () => {
    expect(ScreeningSettings.parse({})).toEqual({ windowMonths: 3, ageLimit: 65, riskWeights: {} });
  });

  it('accepts an as-of month and custom thresholds', () => {
    expect(ScreeningSettings.parse({ asOf: '2024-12', windowMonths: 6, ageLimit: 60, riskWeights: { OVER_AGE: 5 } })).toEqual({
      asOf: '2024-12',
      windowMonths: 6,
      ageLimit: 60,
      riskWeights: { OVER_AGE: 5 },
    });
  });

  it('rejects a malformed as-of month', () => {
    for (const asOf of ['2024-13', '2024-00', '2024-1', '202412', '2024-12-01']) {
      expect(ScreeningSettings.safeParse({ asOf }).success).toBe(false);
    }
  });

  it('rejects a window outside 1..60 months or not a whole number', () => {
    for (const windowMonths of [0, 61, 2.5, -1]) {
      expect(ScreeningSettings.safeParse({ windowMonths }).success).toBe(false);
    }
    expect(ScreeningSettings.safeParse({ windowMonths: 60 }).success).toBe(true);
  });

  it('rejects weights for unknown flags and negative weights', () => {
    expect(ScreeningSettings.safeParse({ riskWeights: { NOT_A_FLAG: 1 } }).success).toBe(false);
    expect(ScreeningSettings.safeParse({ riskWeights: { OVER_AGE: -1 } }).success).toBe(false);
  });
});
