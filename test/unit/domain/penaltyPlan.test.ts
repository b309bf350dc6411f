import { SEED_CALENDAR } from '../../../domain/calendar';
import { CaseDecision } from '../../../domain/outcomes';
import { describePenalty, EMPTY_SELF_CHECK_RECORD, judgeLiability, liablePenalties, penaltyTargets, type SelfCheckRecord } from '../../../domain/penaltyPlan';
import { fixtureUscc } from '../../support/caseFixtures';

const REG = { unitName: '吉林省挂靠建设有限公司', unitCode: fixtureUscc(10) };
const BUREAU = fixtureUscc(11, '11');
const evidence = (extra: Record<string, unknown> = {}) =>
  new Map<string, unknown>([
    ['registrations', [{ ...REG, status: 'valid', certNumber: '吉222000001', certCategory: 'CONSTRUCTOR_2' }]],
    ['units', [{ unitCode: BUREAU, unitKind: 'government' }]],
    ...Object.entries(extra),
  ]);
const violation = (code: string | null) =>
  CaseDecision.parse({ outcome: 'VIOLATION', actualEmployer: { name: '长春市某区水利局', code }, evidence: '社保由实际工作单位缴纳' });

describe('judgeLiability', () => {
  const rectified = (on: string) => CaseDecision.parse({ outcome: 'RECTIFIED', rectifiedOn: on, how: 'moved_contributions' });
  const deadline = SEED_CALENDAR.selfCheck.deadline;
  const units = penaltyTargets(evidence(), rectified(deadline)).registrationUnits;
  const declared = (d: Partial<SelfCheckRecord['declarations'][number]>): SelfCheckRecord => ({
    declarations: [
      { forPerson: true, unitCode: null, unitName: null, correction: 'moved_contributions', correctedOn: '2024-10-10', receivedOn: '2024-10-10', ...d },
    ],
    deregistrationRequests: [],
  });
  const liability = (decision: CaseDecision, record: SelfCheckRecord = EMPTY_SELF_CHECK_RECORD) => judgeLiability(decision, SEED_CALENDAR, record, units);

  it('holds a violation liable and exempts a phase-1 correction the person declared in the self-check', () => {
    expect(judgeLiability(violation(null), undefined, EMPTY_SELF_CHECK_RECORD)).toEqual({ liability: 'liable', basis: 'violation' });
    expect(liability(rectified(deadline), declared({}))).toEqual({ liability: 'exempt', basis: 'rectified_in_self_check' });
  });

  it("exempts a phase-1 correction declared by one of the person's registration units, by code or by name", () => {
    expect(liability(rectified('2024-10-01'), declared({ forPerson: false, unitCode: REG.unitCode }))?.liability).toBe('exempt');
    expect(liability(rectified('2024-10-01'), declared({ forPerson: false, unitName: ` ${REG.unitName}` }))?.liability).toBe('exempt');
    expect(liability(rectified('2024-10-01'), declared({ forPerson: false, unitName: '另一家建设有限公司' }))?.liability).toBe('liable');
  });

  it('holds a correction dated within phase 1 liable without a self-check declaration on record, naming the date field', () => {
    const j = liability(rectified('2024-10-10'));
    expect(j).toMatchObject({ liability: 'liable', basis: 'no_self_check_declaration', notice: { field: 'rectifiedOn' } });
    expect(j?.notice?.message).toMatch(/^「整改完成日期」（2024-10-10）在自查自纠截止日（2024-10-31）之前，但未查到当事人或其注册单位在自查自纠期间的申报记录/);
    // A declaration received after the deadline, one that only applied to deregister, or one dated after the deadline does not count.
    expect(liability(rectified('2024-10-10'), declared({ receivedOn: '2024-11-03' }))?.basis).toBe('no_self_check_declaration');
    expect(liability(rectified('2024-10-10'), declared({ correction: 'deregistration_applied' }))?.basis).toBe('no_self_check_declaration');
    expect(liability(rectified('2024-10-10'), declared({ correctedOn: '2024-11-02' }))?.basis).toBe('no_self_check_declaration');
  });

  it('holds a correction after the self-check deadline liable even with a declaration, and needs the calendar for a correction', () => {
    expect(liability(rectified('2024-12-01'), declared({}))).toMatchObject({ liability: 'liable', basis: 'late_correction', notice: { field: 'rectifiedOn' } });
    expect(judgeLiability(rectified('2024-12-01'), undefined, EMPTY_SELF_CHECK_RECORD)).toBeUndefined();
  });

  it('holds a deregistration applied for while the case was open liable; one before the case, or none, carries no liability', () => {
    const dereg = CaseDecision.parse({ outcome: 'DEREGISTERED', deregisteredOn: '2024-12-01' });
    expect(liability(dereg)).toEqual({ liability: 'none', basis: 'no_liability' });
    expect(liability(dereg, { declarations: [], deregistrationRequests: [{ receivedOn: '2024-10-08', duringCase: false }] })?.liability).toBe('none');
    const during = liability(dereg, { declarations: [], deregistrationRequests: [{ receivedOn: '2024-12-02', duringCase: true }] });
    expect(during).toMatchObject({ liability: 'liable', basis: 'deregistration_during_case', notice: { field: 'outcome' } });
    expect(during?.notice?.message).toMatch(/^当事人于 2024-12-02 在案件办理期间申请注销，「核查结论」为已注销不免除责任/);
    expect(liability(CaseDecision.parse({ outcome: 'TRANSFERRED', receivingAuthority: '辽宁省住建厅' }))).toEqual({ liability: 'none', basis: 'no_liability' });
  });
});

describe('the penalties of a liable case', () => {
  it('plans the five contract penalties, the public-sector employer named in the decision notified, ids as recorded', () => {
    const targets = penaltyTargets(evidence(), violation(BUREAU));
    const plan = liablePenalties({ caseId: 'c-1', targets, onDate: '2025-01-15' });
    expect(plan.penalties.map((p) => p.penaltyId)).toEqual([
      'c-1:REVOKE_REGISTRATION',
      'c-1:REGISTRATION_BAN_3Y',
      'c-1:BAD_CONDUCT_PERSON',
      `c-1:BAD_CONDUCT_UNIT:${REG.unitCode}`,
      `c-1:DYNAMIC_QUALIFICATION_CHECK:${REG.unitCode}`,
      `c-1:NOTIFY_EMPLOYER:${BUREAU}`,
    ]);
    expect(plan.ban).toEqual({ start: '2025-01-15', end: '2028-01-14' });
    expect(plan.leftOut).toEqual([]);
  });

  it('orders an HR agency that paid the contributions to rectify, and leaves out what the province reserves', () => {
    const screening = { reasons: ['SS_VIA_AGENCY'], ssUnitName: '长春某人力资源服务有限公司', detail: { socialInsurance: { latestPayers: [] } } };
    const targets = penaltyTargets(evidence({ screening }), violation(null));
    const plan = liablePenalties({ caseId: 'c-2', targets, onDate: '2025-01-15', exceptKinds: ['BAD_CONDUCT_UNIT'] });
    expect(plan.kinds).toContain('AGENCY_RECTIFY_ORDER');
    expect(plan.kinds).not.toContain('NOTIFY_EMPLOYER');
    expect(plan.leftOut).toEqual(['BAD_CONDUCT_UNIT']);
    expect(plan.penalties.find((p) => p.kind === 'AGENCY_RECTIFY_ORDER')?.unit?.name).toBe('长春某人力资源服务有限公司');
  });

  it('says each penalty in Chinese: the certificates revoked, the ban dates, the unit, who imposes it, what is published', () => {
    const plan = liablePenalties({ caseId: 'c-3', targets: penaltyTargets(evidence(), violation(null)), onDate: '2025-01-15' });
    const text = plan.penalties.map((p) => describePenalty(p, 'city'));
    expect(text).toEqual([
      '撤销注册：二级注册建造师，证书编号 吉222000001（市（州）实施）',
      '3年内不予受理注册申请：2025-01-15 至 2028-01-14（市（州）实施）',
      '个人不良行为记录（市（州）实施，在省级平台公开）',
      `单位不良行为记录：${REG.unitName}（市（州）实施，在省级平台公开）`,
      `列入资质动态核查：${REG.unitName}（市（州）实施）`,
    ]);
  });
});
