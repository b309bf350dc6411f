/**
 * DATA-CONTRACT "Unit match", "Unit kind" and "Branches", as the screening SQL applies them:
 * one person per case on one small snapshot, each registered at HEAD and paid by some unit at P.
 */
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { fund, idNumber, reg, screen, si, uscc, WINDOW, type Fixture, type Screened } from './fixtures';

const HEAD = '吉林省宏达（集团）建设有限公司';
const HEAD_CODE = uscc(100);
const FILE_BRANCH_A = '宏达建设四平分部';
const FILE_BRANCH_B = '宏达建设通化分部';
const PARENT = '吉林省宏达控股集团有限公司';
const SUB_1 = '长春宏达路桥工程有限公司';
const SUB_2 = '长春宏达市政工程有限公司';
const WILDCARD_HEAD = '长春宏_达%建设有限公司';

const P = {
  sameCodeOtherName: idNumber(1),
  differentCodesSameName: idNumber(2),
  nameVariant: idNumber(3),
  invalidUscc: idNumber(4),
  branchByName: idNumber(5),
  headByName: idNumber(6),
  notABranchSuffix: idNumber(7),
  wildcardName: idNumber(8),
  branchOfFromFile: idNumber(9),
  headFromFile: idNumber(10),
  sameHeadOffice: idNumber(11),
  parentPays: idNumber(12),
  siblingSubsidiary: idNumber(13),
  branchByNameOwnCodes: idNumber(14),
  fileBranchByNameOnly: idNumber(15),
  kindOverridesPrefix: idNumber(16),
  institutionPrefix: idNumber(17),
  lowercaseLatin: idNumber(18),
  // Flagged for age only, so their evidence shows how the payer matched.
  oldByName: idNumber(19, '1950-01-01'),
  oldByFile: idNumber(20, '1950-01-01'),
};

const at = (id: string, unit: string, code = '', extra = {}) => si(id, unit, WINDOW, { unit_code: code, ...extra });

const fixture: Fixture = {
  registrations: [
    reg(P.sameCodeOtherName, HEAD, { unit_code: HEAD_CODE }),
    reg(P.differentCodesSameName, HEAD, { unit_code: HEAD_CODE }),
    reg(P.nameVariant, HEAD, { unit_code: HEAD_CODE }),
    // A mistyped check character: kept with a warning, the code ignored, the unit matched by name.
    reg(P.invalidUscc, HEAD, { unit_code: HEAD_CODE.slice(0, 17) + (HEAD_CODE[17] === '0' ? '1' : '0') }),
    reg(P.branchByName, HEAD),
    reg(P.headByName, `${HEAD}长春分公司`),
    reg(P.notABranchSuffix, HEAD),
    reg(P.wildcardName, WILDCARD_HEAD),
    reg(P.branchOfFromFile, HEAD, { unit_code: HEAD_CODE }),
    reg(P.headFromFile, FILE_BRANCH_A, { unit_code: uscc(101) }),
    reg(P.sameHeadOffice, FILE_BRANCH_A, { unit_code: uscc(101) }),
    reg(P.parentPays, SUB_1, { unit_code: uscc(111) }),
    reg(P.siblingSubsidiary, SUB_1, { unit_code: uscc(111) }),
    reg(P.branchByNameOwnCodes, HEAD, { unit_code: HEAD_CODE }),
    reg(P.fileBranchByNameOnly, HEAD),
    reg(P.kindOverridesPrefix, HEAD),
    reg(P.institutionPrefix, HEAD),
    reg(P.lowercaseLatin, '吉林ABC工程咨询有限公司'),
    reg(P.oldByName, HEAD),
    reg(P.oldByFile, HEAD, { unit_code: HEAD_CODE }),
  ],
  social_insurance: [
    ...at(P.sameCodeOtherName, '宏达建设（旧称）', HEAD_CODE),
    ...at(P.differentCodesSameName, HEAD, uscc(102)),
    ...at(P.nameVariant, ' 吉林省宏达(集团)　建设 有限公司 '),
    ...at(P.invalidUscc, HEAD, HEAD_CODE),
    ...at(P.branchByName, `${HEAD}长春分公司`),
    ...at(P.headByName, HEAD),
    ...at(P.notABranchSuffix, `${HEAD}长春办事处`),
    ...at(P.wildcardName, '长春宏X达Y建设有限公司长春分公司'),
    ...at(P.branchOfFromFile, FILE_BRANCH_A, uscc(101)),
    ...at(P.headFromFile, HEAD, HEAD_CODE),
    ...at(P.sameHeadOffice, FILE_BRANCH_B, uscc(103)),
    ...at(P.parentPays, PARENT, uscc(110)),
    ...at(P.siblingSubsidiary, SUB_2, uscc(112)),
    ...at(P.branchByNameOwnCodes, `${HEAD}通化分公司`, uscc(104)),
    ...at(P.fileBranchByNameOnly, FILE_BRANCH_B),
    ...at(P.kindOverridesPrefix, '长春宏达科技服务中心', uscc(120, '12')),
    ...at(P.institutionPrefix, '长春市城乡规划设计研究院', uscc(121, '12')),
    ...at(P.lowercaseLatin, '吉林abc工程咨询有限公司'),
    ...at(P.oldByName, `${HEAD}长春分公司`),
    ...at(P.oldByFile, FILE_BRANCH_A, uscc(101)),
  ],
  housing_fund: [...fund(P.parentPays, SUB_1, WINDOW, { unit_code: uscc(111) })],
  units: [
    { unit_code: HEAD_CODE, unit_name: HEAD, unit_kind: 'enterprise' },
    { unit_code: uscc(101), unit_name: FILE_BRANCH_A, unit_kind: 'enterprise', branch_of: HEAD_CODE },
    { unit_code: uscc(103), unit_name: FILE_BRANCH_B, unit_kind: '', branch_of: HEAD_CODE },
    { unit_code: uscc(110), unit_name: PARENT },
    { unit_code: uscc(111), unit_name: SUB_1, parent_code: uscc(110) },
    { unit_code: uscc(112), unit_name: SUB_2, parent_code: uscc(110) },
    // Listed as an enterprise although its code says public institution: the units file wins.
    { unit_code: uscc(120, '12'), unit_name: '长春宏达科技服务中心', unit_kind: 'enterprise' },
  ],
};

describe('unit matching in screening', () => {
  let db: TestDatabase;
  let r: Screened;
  beforeAll(async () => {
    db = await createTestDatabase();
    r = await screen(db.pool, fixture);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('same unit when both codes are present and equal, whatever the names', () => expect(r.reasons(P.sameCodeOtherName)).toEqual([]));
  it('different units when both codes are present and differ, even under one name', () =>
    expect(r.reasons(P.differentCodesSameName)).toEqual(['SS_UNIT_MISMATCH']));
  it('without a code on one side, names match after NFKC, bracket and whitespace normalisation', () => expect(r.reasons(P.nameVariant)).toEqual([]));
  it('Latin letters in names match regardless of case', () => expect(r.reasons(P.lowercaseLatin)).toEqual([]));
  it('an invalid USCC is ignored and the unit is matched by name', () => expect(r.reasons(P.invalidUscc)).toEqual([]));
  it('a branch by name (head office name + …分公司) pays: not a mismatch', () => expect(r.reasons(P.branchByName)).toEqual([]));
  it('registered at the branch by name, paid by the head office: not a mismatch', () => expect(r.reasons(P.headByName)).toEqual([]));
  it('a suffix that does not end in 分公司 is not a branch', () => expect(r.reasons(P.notABranchSuffix)).toEqual(['SS_UNIT_MISMATCH']));
  it('% and _ in names are plain characters, not patterns', () => expect(r.reasons(P.wildcardName)).toEqual(['SS_UNIT_MISMATCH']));
  it('a branch by name with its own code still belongs to the head office', () => expect(r.reasons(P.branchByNameOwnCodes)).toEqual([]));
  it('branch_of in the units file: a branch pays for its head office', () => expect(r.reasons(P.branchOfFromFile)).toEqual([]));
  it('branch_of in the units file: the head office pays for its branch', () => expect(r.reasons(P.headFromFile)).toEqual([]));
  it('two branches of the same head office are related', () => expect(r.reasons(P.sameHeadOffice)).toEqual([]));
  it('a units-file branch named without a code is found by its name', () => expect(r.reasons(P.fileBranchByNameOnly)).toEqual([]));
  it('a parent company paying for its subsidiary is hanging; the link is evidence only', () => {
    expect(r.reasons(P.parentPays)).toEqual(['SS_UNIT_MISMATCH']);
    const unit = r.byId.get(P.parentPays)?.evidence.socialInsurance.units[0];
    expect(unit).toMatchObject({ relation: null, matchesRegistration: null, parentCompanyLinkToRegistration: 1 });
  });
  it('two subsidiaries of one parent are separate legal persons', () => expect(r.reasons(P.siblingSubsidiary)).toEqual(['SS_UNIT_MISMATCH']));
  it('unit kind: the units file wins over the USCC prefix', () => expect(r.reasons(P.kindOverridesPrefix)).toEqual(['SS_UNIT_MISMATCH']));
  it('unit kind: a USCC starting 12 is a public institution when the units file does not list it', () =>
    expect(r.reasons(P.institutionPrefix)).toEqual(['PUBLIC_SECTOR', 'SS_UNIT_MISMATCH']));
  it('evidence names the relation that made a unit match and the registration it matched', () => {
    expect(r.reasons(P.oldByName)).toEqual(['OVER_AGE']);
    expect(r.byId.get(P.oldByName)?.evidence.socialInsurance.units[0]).toMatchObject({
      relation: 'branch_by_name',
      matchesRegistration: 1,
      atLatestPeriod: true,
      periods: WINDOW,
    });
    expect(r.byId.get(P.oldByFile)?.evidence.socialInsurance.units[0]).toMatchObject({ relation: 'branch_of', matchesRegistration: 1 });
  });
});
