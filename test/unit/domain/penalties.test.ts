import { SEED_CALENDAR } from '../../../domain/calendar';
import {
  IMPOSING_LEVEL_LABELS,
  ImposingLevel,
  PENALTY_KIND_LABELS,
  PenaltyKind,
  PenaltyRecord,
  banInForce,
  banPeriod,
  exemptFromLiability,
  penaltiesForViolation,
} from '../../../domain/penalties';

describe('penalty kinds', () => {
  it('has the seven penalties of the data contract, each labelled in Chinese', () => {
    expect(PenaltyKind.options).toEqual([
      'REVOKE_REGISTRATION',
      'REGISTRATION_BAN_3Y',
      'BAD_CONDUCT_PERSON',
      'BAD_CONDUCT_UNIT',
      'DYNAMIC_QUALIFICATION_CHECK',
      'NOTIFY_EMPLOYER',
      'AGENCY_RECTIFY_ORDER',
    ]);
    for (const k of PenaltyKind.options) expect(PENALTY_KIND_LABELS[k]).toMatch(/[\u4e00-\u9fff]/);
    expect(PENALTY_KIND_LABELS.REVOKE_REGISTRATION).toBe('撤销注册');
  });

  it('is imposed at city or province level', () => {
    expect(ImposingLevel.options).toEqual(['city', 'province']);
    expect(IMPOSING_LEVEL_LABELS.province).toBe('省级');
  });
});

describe('banPeriod', () => {
  it('runs three years, ending the day before the third anniversary', () => {
    expect(banPeriod('2025-01-15')).toEqual({ start: '2025-01-15', end: '2028-01-14' });
  });

  it('ends on the last day of a year when it starts on 1 January', () => {
    expect(banPeriod('2025-01-01')).toEqual({ start: '2025-01-01', end: '2027-12-31' });
  });

  it('ends on 28 February when it starts on 29 February', () => {
    expect(banPeriod('2024-02-29')).toEqual({ start: '2024-02-29', end: '2027-02-28' });
  });

  it('is in force from its first to its last day inclusive', () => {
    const ban = banPeriod('2025-01-15');
    expect(banInForce(ban, '2025-01-14')).toBe(false);
    expect(banInForce(ban, '2025-01-15')).toBe(true);
    expect(banInForce(ban, '2028-01-14')).toBe(true);
    expect(banInForce(ban, '2028-01-15')).toBe(false);
  });
});

describe('exemptFromLiability', () => {
  it('exempts a correction made on or before the self-check deadline', () => {
    expect(exemptFromLiability('2024-09-15', SEED_CALENDAR)).toBe(true);
    expect(exemptFromLiability('2024-10-31', SEED_CALENDAR)).toBe(true);
  });

  it('does not exempt a correction made after phase 1', () => {
    expect(exemptFromLiability('2024-11-01', SEED_CALENDAR)).toBe(false);
    expect(exemptFromLiability('2025-01-20', SEED_CALENDAR)).toBe(false);
  });

  it('follows the campaign calendar, not the seed dates', () => {
    const cal = { selfCheck: { start: '2025-03-01', deadline: '2025-04-30' } };
    expect(exemptFromLiability('2025-04-30', cal)).toBe(true);
    expect(exemptFromLiability('2025-05-01', cal)).toBe(false);
  });
});

describe('penaltiesForViolation', () => {
  it('always revokes, bans, records bad conduct for person and unit, and checks the unit qualification', () => {
    expect(penaltiesForViolation({ publicSectorEmployer: false, viaAgency: false })).toEqual([
      'REVOKE_REGISTRATION',
      'REGISTRATION_BAN_3Y',
      'BAD_CONDUCT_PERSON',
      'BAD_CONDUCT_UNIT',
      'DYNAMIC_QUALIFICATION_CHECK',
    ]);
  });

  it('adds notifying a public-sector employer and an order to the HR agency', () => {
    const kinds = penaltiesForViolation({ publicSectorEmployer: true, viaAgency: true });
    expect(kinds).toContain('NOTIFY_EMPLOYER');
    expect(kinds).toContain('AGENCY_RECTIFY_ORDER');
  });
});

describe('PenaltyRecord', () => {
  it('records kind, level and date', () => {
    expect(PenaltyRecord.safeParse({ kind: 'REVOKE_REGISTRATION', level: 'province', imposedOn: '2025-02-20' }).success).toBe(true);
    expect(PenaltyRecord.safeParse({ kind: 'REVOKE_REGISTRATION', level: 'county', imposedOn: '2025-02-20' }).success).toBe(false);
  });

  it('requires a ban to keep its start and end dates, in order', () => {
    const ban = { kind: 'REGISTRATION_BAN_3Y', level: 'province', imposedOn: '2025-02-20' };
    expect(PenaltyRecord.safeParse(ban).success).toBe(false);
    expect(PenaltyRecord.safeParse({ ...ban, banStart: '2025-02-20', banEnd: '2028-02-19' }).success).toBe(true);
    expect(PenaltyRecord.safeParse({ ...ban, banStart: '2025-02-20', banEnd: '2025-02-19' }).success).toBe(false);
  });
});
