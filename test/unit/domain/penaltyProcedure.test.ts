/**
 * The penalty procedure's pure rules (domain/penaltyProcedure.ts): who conducts a measure, the
 * officer's choice checked against the basis (caps with and without illegal gains), art. 45's
 * "never heavier", the deadlines in working days across 春节 2026 and an adjusted working Saturday,
 * art. 60's 90 days, the remedy periods, and the penalty kinds measures in effect record.
 */
import type { Measure } from '../../../domain/legalBasis';
import {
  addMonths,
  checkMeasureChoices,
  earliestHearingDate,
  goesToMinistry,
  hearingRequestDeadline,
  heavierThan,
  levelOfAuthority,
  measuresOfLevel,
  penaltyKindsOf,
  redressPeriodEnd,
  revokes,
  statementDeadline,
  timeLimitOf,
  MEASURE_STATUS_LABELS,
  MeasureStatus,
  PROCEDURE_ACTION_LABELS,
  PROCEDURE_STEP_LABELS,
  ProcedureAction,
  ProcedureStep,
  REDRESS_KIND_LABELS,
  REDRESS_RESULT_LABELS,
  RedressKind,
  RedressResult,
  SERVICE_METHOD_LABELS,
  ServiceMethod,
  type ProcedureMeasure,
} from '../../../domain/penaltyProcedure';
import { describeChosenMeasure, statementSummary } from '../../../domain/procedureDocuments';
import type { WorkingCalendar } from '../../../domain/workingDays';

/** 2026 as the State Council set it: 春节 Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked. */
const cal2026: WorkingCalendar = {
  years: [2026],
  days: {
    '2026-02-14': { working: true, name: '春节调休上班' },
    '2026-02-28': { working: true, name: '春节调休上班' },
    ...Object.fromEntries(['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => [`2026-02-${d}`, { working: false, name: '春节' }])),
  },
};

const constructor2: Measure[] = [
  { kind: 'REVOKE_REGISTRATION', authority: 'PROVINCE_DEPARTMENT', reapplyBarYears: 3 },
  { kind: 'FINE', authority: 'CITY_BUREAU', maxYuanWithoutGains: 10_000, gainsMultiple: 3, maxYuanWithGains: 30_000 },
  { kind: 'BAD_CONDUCT_RECORD', authority: 'CITY_BUREAU' },
];

const measure = (m: Partial<ProcedureMeasure> & Pick<ProcedureMeasure, 'kind'>): ProcedureMeasure => ({
  authority: 'CITY_BUREAU',
  status: 'proposed',
  amountYuan: null,
  illegalGainsYuan: null,
  reapplyBarYears: null,
  ...m,
});

describe('the penalty procedure’s rules', () => {
  it('gives the city its own measures and the province its own and the ministry’s', () => {
    expect(levelOfAuthority('CITY_BUREAU')).toBe('city');
    expect(levelOfAuthority('PROVINCE_DEPARTMENT')).toBe('province');
    expect(levelOfAuthority('MINISTRY_ON_PROPOSAL')).toBe('province');
    expect(measuresOfLevel(constructor2, 'city').map((m) => m.kind)).toEqual(['FINE', 'BAD_CONDUCT_RECORD']);
    expect(measuresOfLevel(constructor2, 'province').map((m) => m.kind)).toEqual(['REVOKE_REGISTRATION']);
    expect(goesToMinistry([{ kind: 'REVOKE_REGISTRATION', authority: 'MINISTRY_ON_PROPOSAL' }])).toBe(true);
    expect(goesToMinistry([{ kind: 'REVOKE_REGISTRATION', authority: 'PROVINCE_DEPARTMENT' }])).toBe(false);
  });

  it('checks a fine against its cap, with and without illegal gains, and refuses a kind the basis does not allow at this level', () => {
    const city = measuresOfLevel(constructor2, 'city');
    expect(checkMeasureChoices(city, [{ kind: 'FINE', amountYuan: 10_000, illegalGainsYuan: 0 }])).toMatchObject({ ok: true });
    expect(checkMeasureChoices(city, [{ kind: 'FINE', amountYuan: 10_001, illegalGainsYuan: 0 }])).toEqual({
      ok: false,
      issues: [{ path: 'measures.0.amountYuan', message: '「罚款金额（元）」10001超过处罚依据的上限10000元' }],
    });
    // Gains of 5 000: up to 3× = 15 000; gains of 20 000: 3× would be 60 000, but never more than 30 000.
    expect(checkMeasureChoices(city, [{ kind: 'FINE', amountYuan: 15_000, illegalGainsYuan: 5_000 }])).toMatchObject({ ok: true });
    expect(checkMeasureChoices(city, [{ kind: 'FINE', amountYuan: 30_001, illegalGainsYuan: 20_000 }])).toMatchObject({ ok: false });
    expect(checkMeasureChoices(city, [{ kind: 'REVOKE_REGISTRATION' }])).toEqual({
      ok: false,
      issues: [{ path: 'measures.0.kind', message: '「处理措施」第1项「撤销注册」不在本级适用的处罚依据之内' }],
    });
    const province = checkMeasureChoices(measuresOfLevel(constructor2, 'province'), [{ kind: 'REVOKE_REGISTRATION' }]);
    expect(province).toMatchObject({ ok: true, measures: [{ kind: 'REVOKE_REGISTRATION', authority: 'PROVINCE_DEPARTMENT', reapplyBarYears: 3 }] });
  });

  it('refuses a heavier measure after a statement (art. 45): a new kind, a higher fine, a longer bar; lowering or dropping is allowed', () => {
    const before = [measure({ kind: 'FINE', amountYuan: 5000 }), measure({ kind: 'BAD_CONDUCT_RECORD' })];
    expect(heavierThan(before, [measure({ kind: 'FINE', amountYuan: 3000 })])).toEqual([]);
    expect(heavierThan(before, [measure({ kind: 'FINE', amountYuan: 8000 }), measure({ kind: 'BAD_CONDUCT_RECORD' })])).toEqual([
      '罚款金额由5000元提高到8000元',
    ]);
    expect(heavierThan(before, [measure({ kind: 'WARNING' })])).toEqual(['增加了处理措施「警告」']);
    expect(heavierThan([measure({ kind: 'REVOKE_REGISTRATION', reapplyBarYears: 3 })], [measure({ kind: 'REVOKE_REGISTRATION', reapplyBarYears: 5 })])).toEqual(
      ['不得再次申请注册年限由3年延长到5年'],
    );
    // A measure dropped on review cannot come back.
    expect(heavierThan([measure({ kind: 'FINE', amountYuan: 5000, status: 'dropped' })], [measure({ kind: 'FINE', amountYuan: 1000 })])).toEqual([
      '增加了处理措施「罚款」',
    ]);
  });

  it('counts the statement and hearing periods in working days across 春节 2026 and the adjusted working Saturday', () => {
    // Served Friday 13 February: Sat 14 worked (1), 15–23 off, 24–27 (2–5).
    expect(statementDeadline(cal2026, '2026-02-13', { statementWorkingDays: 5 })).toBe('2026-02-27');
    expect(hearingRequestDeadline(cal2026, '2026-02-13')).toBe('2026-02-27');
    // Served Wednesday 25 February: 26, 27, Sat 28 (worked), Mon 2, Tue 3 March.
    expect(hearingRequestDeadline(cal2026, '2026-02-25')).toBe('2026-03-03');
    expect(statementDeadline(cal2026, '2026-02-25', { statementWorkingDays: 3 })).toBe('2026-02-28');
    // The hearing notice 7 working days before: from Friday 27 February the earliest day is Monday 9 March.
    expect(earliestHearingDate(cal2026, '2026-02-27')).toBe('2026-03-09');
    expect(() => hearingRequestDeadline(cal2026, '2026-12-28')).toThrow(/2027/);
  });

  it('dates art. 60’s time limit 90 calendar days after 立案 and the remedies 60 days and 6 months after service', () => {
    expect(timeLimitOf('2026-02-13')).toBe('2026-05-14');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-10', 6)).toBe('2026-09-10');
    expect(redressPeriodEnd('2026-03-10')).toBe('2026-09-10');
  });

  it('records the contract’s penalty kinds of the measures in effect, with the city’s follow-up kinds', () => {
    expect(penaltyKindsOf([measure({ kind: 'FINE' }), measure({ kind: 'BAD_CONDUCT_RECORD' })], 'city')).toEqual([
      'BAD_CONDUCT_PERSON',
      'BAD_CONDUCT_UNIT',
      'DYNAMIC_QUALIFICATION_CHECK',
      'NOTIFY_EMPLOYER',
      'AGENCY_RECTIFY_ORDER',
    ]);
    expect(penaltyKindsOf([measure({ kind: 'REVOKE_REGISTRATION' })], 'province')).toEqual(['REVOKE_REGISTRATION', 'REGISTRATION_BAN_3Y']);
    expect(revokes([measure({ kind: 'REVOKE_REGISTRATION', status: 'dropped' })])).toBe(false);
  });

  it('has a Chinese label for every step, action, service method, remedy, result and measure status', () => {
    const labelled: [readonly string[], Record<string, string>][] = [
      [ProcedureStep.options, PROCEDURE_STEP_LABELS],
      [ProcedureAction.options, PROCEDURE_ACTION_LABELS],
      [ServiceMethod.options, SERVICE_METHOD_LABELS],
      [RedressKind.options, REDRESS_KIND_LABELS],
      [RedressResult.options, REDRESS_RESULT_LABELS],
      [MeasureStatus.options, MEASURE_STATUS_LABELS],
    ];
    for (const [options, labels] of labelled) for (const o of options) expect(labels[o]).toMatch(/\p{Script=Han}/u);
  });

  it('words the measures and what the party said as the documents print them', () => {
    expect(describeChosenMeasure({ kind: 'FINE', amountYuan: 3000, reapplyBarYears: null })).toBe('罚款3000元');
    expect(describeChosenMeasure({ kind: 'REVOKE_REGISTRATION', amountYuan: null, reapplyBarYears: 3 })).toBe('撤销注册，3年内不得再次申请注册');
    expect(statementSummary({ statements: 0, hearingHeldOn: null, rightsWaivedOn: null, reviewAdopted: null, reviewReasons: null })).toBe(
      '当事人在规定期限内未提出陈述、申辩，未申请听证。',
    );
    expect(statementSummary({ statements: 1, hearingHeldOn: '2026-03-09', rightsWaivedOn: null, reviewAdopted: false, reviewReasons: '理由不成立' })).toBe(
      '当事人在规定期限内提出了陈述、申辩意见。本机关应当事人申请，于2026年3月9日依法举行了听证。经复核，不予采纳，理由：理由不成立。',
    );
  });
});
