import { SEED_CALENDAR } from '../../../domain/calendar';
import { CaseDecision } from '../../../domain/outcomes';
import { decisionLiability, describePenalty, liablePenalties, penaltyTargets } from '../../../domain/penaltyPlan';
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

describe('decisionLiability', () => {
  it('holds a violation and a correction after the self-check deadline liable, exempts one before it, and nothing else is liable', () => {
    const rectified = (on: string) => CaseDecision.parse({ outcome: 'RECTIFIED', rectifiedOn: on, how: 'moved_contributions' });
    expect(decisionLiability(violation(null), undefined)).toBe('liable');
    expect(decisionLiability(rectified(SEED_CALENDAR.selfCheck.deadline), SEED_CALENDAR)).toBe('exempt');
    expect(decisionLiability(rectified('2024-12-01'), SEED_CALENDAR)).toBe('liable');
    expect(decisionLiability(rectified('2024-12-01'), undefined)).toBeUndefined();
    expect(decisionLiability(CaseDecision.parse({ outcome: 'DEREGISTERED', deregisteredOn: '2024-12-01' }), SEED_CALENDAR)).toBe('none');
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
