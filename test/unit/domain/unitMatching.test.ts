import { UnitDirectory, UnitDirectoryEntry, isBranchByName, normaliseUnitName, sameUnit, unitsMatch } from '../../../domain/unitMatching';
import { usccCheckCharacter } from '../../../domain/uscc';

/** A valid USCC from a 17-character body. */
const uscc = (body: string): string => body + usccCheckCharacter(body);

const HEAD = uscc('91220101MA0000001');
const BRANCH_CC = uscc('91220101MA0000002');
const BRANCH_JL = uscc('91220201MA0000003');
const PARENT = uscc('91220101MA0000004');
const SUB_A = uscc('91220101MA0000005');
const SUB_B = uscc('91220101MA0000006');
const AGENCY = uscc('91220101MA0000007');
const GOV = uscc('11220000MB0000001');
const INSTITUTION = uscc('12220000MB0000002');

const entries: UnitDirectoryEntry[] = [
  { code: HEAD, name: '吉林宏达建设有限公司', kind: 'enterprise' },
  { code: BRANCH_CC, name: '吉林宏达建设有限公司长春分公司', kind: 'enterprise', branchOf: HEAD },
  { code: BRANCH_JL, name: '宏达建设吉林市经营部', kind: 'enterprise', branchOf: HEAD },
  { code: PARENT, name: '长白集团有限公司', kind: 'enterprise' },
  { code: SUB_A, name: '长白路桥有限公司', kind: 'enterprise', parentCode: PARENT },
  { code: SUB_B, name: '长白设计院有限公司', kind: 'enterprise', parentCode: PARENT },
  { code: AGENCY, name: '通达人力资源服务有限公司', kind: 'hr_agency' },
];
const dir = new UnitDirectory(entries);

describe('normaliseUnitName', () => {
  it('maps full-width characters to half-width (NFKC)', () => {
    expect(normaliseUnitName('ＡＢＣ建设（吉林）有限公司')).toBe('ABC建设(吉林)有限公司');
  });

  it('removes all whitespace, including ideographic spaces and tabs', () => {
    expect(normaliseUnitName(' 吉林 宏达\u3000建设\t有限公司\n')).toBe('吉林宏达建设有限公司');
  });

  it('turns Chinese brackets into ASCII brackets', () => {
    expect(normaliseUnitName('中建（长春）有限公司')).toBe(normaliseUnitName('中建(长春)有限公司'));
  });

  it('upper-cases Latin letters', () => {
    expect(normaliseUnitName('abc工程咨询有限公司')).toBe('ABC工程咨询有限公司');
  });

  it('is idempotent', () => {
    const once = normaliseUnitName(' ａｂｃ （吉林） 公司 ');
    expect(normaliseUnitName(once)).toBe(once);
  });
});

describe('sameUnit', () => {
  it('is the same unit when both codes are present and equal, whatever the names', () => {
    expect(sameUnit({ name: '旧名称有限公司', code: HEAD }, { name: '吉林宏达建设有限公司', code: HEAD })).toBe(true);
  });

  it('compares codes after normalising case and full-width characters', () => {
    expect(sameUnit({ code: HEAD.toLowerCase() }, { code: HEAD })).toBe(true);
  });

  it('is not the same unit when both codes are present and differ, even with equal names', () => {
    expect(sameUnit({ name: '吉林宏达建设有限公司', code: HEAD }, { name: '吉林宏达建设有限公司', code: SUB_A })).toBe(false);
  });

  it('falls back to names when only one side has a code', () => {
    expect(sameUnit({ name: '吉林宏达建设有限公司', code: HEAD }, { name: '吉林宏达建设有限公司' })).toBe(true);
    expect(sameUnit({ name: '吉林宏达建设有限公司', code: null }, { name: '别的公司', code: HEAD })).toBe(false);
  });

  it('matches names that differ only in width, spacing, brackets or letter case', () => {
    expect(sameUnit({ name: 'abc建设（吉林）有限公司' }, { name: ' ＡＢＣ 建设(吉林)有限公司 ' })).toBe(true);
  });

  it('never matches a reference without name or code (a flexible-employment record)', () => {
    expect(sameUnit({}, {})).toBe(false);
    expect(sameUnit({ name: '' }, { name: '  ' })).toBe(false);
    expect(sameUnit({ name: null, code: null }, { name: '吉林宏达建设有限公司' })).toBe(false);
  });
});

describe('isBranchByName', () => {
  const head = normaliseUnitName('某某建设有限公司');

  it('recognises 某某建设有限公司长春分公司 as a branch of 某某建设有限公司', () => {
    expect(isBranchByName(normaliseUnitName('某某建设有限公司长春分公司'), head)).toBe(true);
  });

  it('requires the suffix to end in 分公司', () => {
    expect(isBranchByName(normaliseUnitName('某某建设有限公司长春办事处'), head)).toBe(false);
    expect(isBranchByName(normaliseUnitName('某某建设有限公司长春分公司筹备组'), head)).toBe(false);
  });

  it('requires a non-empty suffix and the head name as a prefix', () => {
    expect(isBranchByName(head, head)).toBe(false);
    expect(isBranchByName(normaliseUnitName('某某建设集团长春分公司'), head)).toBe(false);
    expect(isBranchByName(normaliseUnitName('长春分公司'), '')).toBe(false);
  });

  it('is directional: the head office is not a branch of its branch', () => {
    expect(isBranchByName(head, normaliseUnitName('某某建设有限公司长春分公司'))).toBe(false);
  });
});

describe('UnitDirectory', () => {
  it('looks a unit up by code, else by normalised name', () => {
    expect(dir.lookup({ code: HEAD })?.name).toBe('吉林宏达建设有限公司');
    expect(dir.lookup({ name: ' 吉林宏达建设有限公司 ' })?.code).toBe(HEAD);
  });

  it('does not fall back to the name when the code is not listed', () => {
    expect(dir.lookup({ name: '吉林宏达建设有限公司', code: GOV })).toBeUndefined();
  });

  it('takes the kind from the directory first', () => {
    expect(dir.kindOf({ code: AGENCY })).toBe('hr_agency');
    expect(dir.kindOf({ name: '通达人力资源服务有限公司' })).toBe('hr_agency');
    const listedGovCode = new UnitDirectory([{ code: GOV, name: '某局', kind: 'enterprise' }]);
    expect(listedGovCode.kindOf({ code: GOV })).toBe('enterprise');
  });

  it('otherwise takes the kind from the USCC prefix, else enterprise', () => {
    expect(dir.kindOf({ code: GOV })).toBe('government');
    expect(dir.kindOf({ code: INSTITUTION })).toBe('public_institution');
    expect(dir.kindOf({ name: '未登记单位' })).toBe('enterprise');
    expect(dir.kindOf({})).toBe('enterprise');
  });

  it('relates a branch and its head office through branch_of, in both directions', () => {
    expect(dir.related({ code: BRANCH_JL }, { code: HEAD })).toEqual({ related: true, reason: 'branch_of' });
    expect(dir.related({ code: HEAD }, { code: BRANCH_JL })).toEqual({ related: true, reason: 'branch_of' });
  });

  it('relates a branch found by name to its head office found by code', () => {
    expect(dir.related({ name: '宏达建设吉林市经营部' }, { code: HEAD, name: '吉林宏达建设有限公司' }).related).toBe(true);
  });

  it('relates two branches of the same head office', () => {
    expect(dir.related({ code: BRANCH_CC }, { code: BRANCH_JL })).toEqual({ related: true, reason: 'same_head_office' });
  });

  it('relates a branch to its head office by name alone, without a units file', () => {
    const empty = new UnitDirectory([]);
    expect(empty.related({ name: '某某建设有限公司长春分公司' }, { name: '某某建设有限公司' })).toEqual({
      related: true,
      reason: 'branch_by_name',
    });
    expect(empty.related({ name: '某某建设有限公司' }, { name: '某某建设有限公司 长春分公司' }).related).toBe(true);
  });

  it('relates by name even when both have their own (different) codes, as branches do', () => {
    const empty = new UnitDirectory([]);
    expect(empty.related({ name: '某某建设有限公司长春分公司', code: BRANCH_CC }, { name: '某某建设有限公司', code: HEAD }).reason).toBe('branch_by_name');
  });

  it('reports the same unit as related with reason same', () => {
    expect(dir.related({ code: HEAD }, { code: HEAD })).toEqual({ related: true, reason: 'same' });
    expect(dir.related({ code: HEAD }, { name: '吉林宏达建设有限公司' })).toEqual({ related: true, reason: 'same' });
  });

  it('does not relate a parent company and its subsidiary', () => {
    expect(dir.related({ code: PARENT }, { code: SUB_A })).toEqual({ related: false });
    expect(unitsMatch({ code: PARENT }, { code: SUB_A }, dir)).toBe(false);
  });

  it('does not relate two subsidiaries of one group', () => {
    expect(unitsMatch({ code: SUB_A }, { code: SUB_B }, dir)).toBe(false);
  });

  it('shows a parent or group link as evidence only', () => {
    expect(dir.parentLink({ code: PARENT }, { code: SUB_A })).toBe(true);
    expect(dir.parentLink({ code: SUB_A }, { code: PARENT })).toBe(true);
    expect(dir.parentLink({ code: SUB_A }, { code: SUB_B })).toBe(true);
    expect(dir.parentLink({ name: '长白路桥有限公司' }, { name: '长白集团有限公司' })).toBe(true);
    expect(dir.parentLink({ code: HEAD }, { code: BRANCH_CC })).toBe(false);
    expect(dir.parentLink({ code: HEAD }, { code: SUB_A })).toBe(false);
    expect(dir.parentLink({ code: SUB_A }, { code: SUB_A })).toBe(false);
  });

  it('treats a branch of a subsidiary as part of that subsidiary for the parent link', () => {
    const branchOfSub = uscc('91220101MA0000008');
    const d = new UnitDirectory([...entries, { code: branchOfSub, name: '长白路桥有限公司白山分公司', kind: 'enterprise', branchOf: SUB_A }]);
    expect(d.parentLink({ code: branchOfSub }, { code: PARENT })).toBe(true);
  });

  it('does not relate unrelated units', () => {
    expect(dir.related({ code: HEAD }, { code: AGENCY })).toEqual({ related: false });
    expect(dir.related({ name: '甲公司' }, { name: '乙公司' })).toEqual({ related: false });
  });

  it('keeps the first row when the units file lists a code twice', () => {
    const d = new UnitDirectory([
      { code: HEAD, name: '第一行', kind: 'government' },
      { code: HEAD, name: '第二行', kind: 'enterprise' },
    ]);
    expect(d.lookup({ code: HEAD })?.name).toBe('第一行');
    expect(d.size).toBe(1);
  });
});

describe('unitsMatch', () => {
  it('matches the same unit or a related one', () => {
    expect(unitsMatch({ name: '吉林宏达建设有限公司' }, { name: '吉林宏达建设有限公司' }, dir)).toBe(true);
    expect(unitsMatch({ code: BRANCH_CC }, { code: HEAD }, dir)).toBe(true);
    expect(unitsMatch({ code: BRANCH_CC }, { code: BRANCH_JL }, dir)).toBe(true);
  });

  it('works without a directory, by codes, names and branch names only', () => {
    expect(unitsMatch({ name: '某某建设有限公司长春分公司' }, { name: '某某建设有限公司' })).toBe(true);
    expect(unitsMatch({ code: BRANCH_CC }, { code: BRANCH_JL })).toBe(false);
  });

  it('never matches a flexible-employment record without a unit', () => {
    expect(unitsMatch({ name: null, code: null }, { name: '吉林宏达建设有限公司', code: HEAD }, dir)).toBe(false);
  });
});
