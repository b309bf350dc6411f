import { CASE_OUTCOME_LABELS, COMPLIANT_GROUND_LABELS, CaseDecision, CaseOutcome, CompliantGround } from '../../../domain/outcomes';

const ok = (v: unknown): boolean => CaseDecision.safeParse(v).success;

describe('case outcomes', () => {
  it('has the five outcomes of the data contract', () => {
    expect(CaseOutcome.options).toEqual(['COMPLIANT', 'RECTIFIED', 'DEREGISTERED', 'VIOLATION', 'TRANSFERRED']);
    for (const o of CaseOutcome.options) expect(CASE_OUTCOME_LABELS[o]).toBeTruthy();
  });

  it('labels the compliant grounds as the contract names them', () => {
    expect(CompliantGround.options).toHaveLength(8);
    expect(COMPLIANT_GROUND_LABELS).toMatchObject({
      BRANCH: '总分公司',
      RETIRED: '依法退休',
      INSTITUTION_RESTRUCTURE: '事业单位改制',
      COLLEGE_FIRM: '高校所属企业',
      MILITARY: '军队自主择业',
      SS_BUYOUT: '改制或征地买断社保',
      DATA_LAG: '数据滞后',
    });
  });
});

describe('CaseDecision', () => {
  it('requires a ground and a non-empty justification for COMPLIANT', () => {
    expect(ok({ outcome: 'COMPLIANT', ground: 'BRANCH', justification: '社保由长春分公司缴纳' })).toBe(true);
    expect(ok({ outcome: 'COMPLIANT', ground: 'BRANCH' })).toBe(false);
    expect(ok({ outcome: 'COMPLIANT', ground: 'BRANCH', justification: '   ' })).toBe(false);
    expect(ok({ outcome: 'COMPLIANT', ground: 'FRIENDSHIP', justification: 'x' })).toBe(false);
  });

  it('requires a real date and how it was corrected for RECTIFIED', () => {
    expect(ok({ outcome: 'RECTIFIED', rectifiedOn: '2024-10-15', how: 'moved_contributions' })).toBe(true);
    expect(ok({ outcome: 'RECTIFIED', rectifiedOn: '2024-10-15', how: 'moved_registration', note: '已变更' })).toBe(true);
    expect(ok({ outcome: 'RECTIFIED', rectifiedOn: '2024-10-15' })).toBe(false);
    expect(ok({ outcome: 'RECTIFIED', rectifiedOn: '2024-10-32', how: 'moved_contributions' })).toBe(false);
  });

  it('requires the date for DEREGISTERED', () => {
    expect(ok({ outcome: 'DEREGISTERED', deregisteredOn: '2024-10-20' })).toBe(true);
    expect(ok({ outcome: 'DEREGISTERED' })).toBe(false);
  });

  it('requires the actual employer and evidence for VIOLATION', () => {
    expect(ok({ outcome: 'VIOLATION', actualEmployer: { name: '某设计院' }, evidence: '社保由某设计院缴纳' })).toBe(true);
    expect(ok({ outcome: 'VIOLATION', actualEmployer: { name: '某设计院' }, evidence: '' })).toBe(false);
    expect(ok({ outcome: 'VIOLATION', actualEmployer: { name: '' }, evidence: 'x' })).toBe(false);
    expect(ok({ outcome: 'VIOLATION', evidence: 'x' })).toBe(false);
  });

  it('accepts the actual employer code normalised, and rejects an invalid one', () => {
    const parsed = CaseDecision.parse({
      outcome: 'VIOLATION',
      actualEmployer: { name: '某公司', code: ' 91350100m000100y43 ' },
      evidence: '劳动合同备案',
    });
    expect(parsed.outcome === 'VIOLATION' && parsed.actualEmployer.code).toBe('91350100M000100Y43');
    expect(ok({ outcome: 'VIOLATION', actualEmployer: { name: '某公司', code: '91350100M000100Y44' }, evidence: 'x' })).toBe(false);
  });

  it('treats a blank or null employer code as unknown', () => {
    const parsed = CaseDecision.parse({ outcome: 'VIOLATION', actualEmployer: { name: '某公司', code: '' }, evidence: 'x' });
    expect(parsed.outcome === 'VIOLATION' && parsed.actualEmployer.code).toBeNull();
    expect(ok({ outcome: 'VIOLATION', actualEmployer: { name: '某公司', code: null }, evidence: 'x' })).toBe(true);
  });

  it('requires the receiving authority for TRANSFERRED', () => {
    expect(ok({ outcome: 'TRANSFERRED', receivingAuthority: '辽宁省住房和城乡建设厅' })).toBe(true);
    expect(ok({ outcome: 'TRANSFERRED', receivingAuthority: ' ' })).toBe(false);
  });

  it('rejects an unknown outcome', () => {
    expect(ok({ outcome: 'PENDING' })).toBe(false);
  });

  it('rejects an empty note', () => {
    expect(ok({ outcome: 'DEREGISTERED', deregisteredOn: '2024-10-20', note: '' })).toBe(false);
  });
});
