/**
 * One named test per flag rule and edge case of DATA-CONTRACT "Screening semantics", all on one
 * small hand-built snapshot (as_of 2024-10 from the data, window 2024-08..2024-10).
 */
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { fund, idNumber, reg, screen, si, uscc, WINDOW, type Fixture, type Screened } from './fixtures';

const HOME = '吉林宏达建设有限公司';
const OTHER = '长春鑫源工程咨询有限公司';
const AGENCY = '吉林省众合人力资源服务有限公司';
const INSTITUTE = '长春市建筑设计研究院';
const ORGAN = '长春市住房和城乡建设局';
const BEFORE = ['2024-05', '2024-06', '2024-07'];

// Person numbers, one per case.
const P = {
  compliant: idNumber(1),
  missing: idNumber(2),
  missingBeforeWindow: idNumber(3),
  mismatch: idNumber(4),
  earlierMonthElsewhere: idNumber(5),
  latestElsewhere: idNumber(6),
  flexibleOnly: idNumber(7),
  retiredAtP: idNumber(8),
  twoPayers: idNumber(9),
  headAndBranchAtP: idNumber(10),
  employedAndFlexible: idNumber(11),
  twoPayersEarlier: idNumber(12),
  retiredEarlyInWindow: idNumber(13),
  retiredBeforeWindow: idNumber(14),
  outside: idNumber(15),
  outsideEarlier: idNumber(16),
  agency: idNumber(17),
  agencyEarlier: idNumber(18),
  fundElsewhere: idNumber(19),
  fundMissing: idNumber(20),
  fundAtBranch: idNumber(21),
  fundLatestOwnMonth: idNumber(22),
  staffElsewhere: idNumber(23),
  staffAtRegUnit: idNumber(24),
  organPays: idNumber(25),
  institutionFund: idNumber(26),
  institutionRegistered: idNumber(27),
  twoUnits: idNumber(28),
  headAndBranchRegs: idNumber(29),
  revokedOther: idNumber(30),
  revokedOnly: idNumber(31),
  contributorOnly: idNumber(32),
  age65: idNumber(33, '1959-10-31'),
  age64: idNumber(34, '1959-11-01'),
  retiredNamedUnit: idNumber(35),
  outsideNoRegion: idNumber(36),
};

const home = (id: string, extra = {}) => si(id, HOME, WINDOW, extra);

const fixture: Fixture = {
  registrations: [
    ...Object.values(P)
      .filter((id) => ![P.twoUnits, P.headAndBranchRegs, P.revokedOther, P.revokedOnly, P.contributorOnly, P.institutionRegistered].includes(id))
      .map((id) => reg(id, HOME)),
    reg(P.twoUnits, HOME, { cert_number: 'A1' }),
    reg(P.twoUnits, OTHER, { cert_number: 'A2', cert_category: 'COST_1' }),
    reg(P.headAndBranchRegs, HOME, { cert_number: 'B1' }),
    reg(P.headAndBranchRegs, `${HOME}长春分公司`, { cert_number: 'B2', cert_category: 'MEP' }),
    reg(P.revokedOther, HOME, { cert_number: 'C1' }),
    reg(P.revokedOther, OTHER, { cert_number: 'C2', cert_category: 'MEP', status: 'revoked' }),
    reg(P.revokedOnly, HOME, { status: 'cancelled' }),
    reg(P.institutionRegistered, INSTITUTE, { unit_code: uscc(5, '12') }),
  ],
  social_insurance: [
    ...home(P.compliant),
    ...si(P.missingBeforeWindow, HOME, BEFORE),
    ...si(P.mismatch, OTHER, WINDOW),
    ...si(P.earlierMonthElsewhere, OTHER, ['2024-08']),
    ...si(P.earlierMonthElsewhere, HOME, ['2024-09', '2024-10']),
    ...si(P.latestElsewhere, HOME, ['2024-08', '2024-09']),
    ...si(P.latestElsewhere, OTHER, ['2024-10']),
    ...si(P.flexibleOnly, '', WINDOW, { insured_status: 'flexible' }),
    ...si(P.retiredAtP, '', WINDOW, { insured_status: 'retired' }),
    ...home(P.twoPayers),
    ...si(P.twoPayers, OTHER, ['2024-10']),
    ...home(P.headAndBranchAtP),
    ...si(P.headAndBranchAtP, `${HOME}长春分公司`, ['2024-10']),
    ...home(P.employedAndFlexible),
    ...si(P.employedAndFlexible, '', ['2024-10'], { insured_status: 'flexible' }),
    ...home(P.twoPayersEarlier),
    ...si(P.twoPayersEarlier, OTHER, ['2024-08']),
    ...si(P.retiredEarlyInWindow, '', ['2024-08'], { insured_status: 'retired' }),
    ...si(P.retiredEarlyInWindow, HOME, ['2024-09', '2024-10']),
    ...si(P.retiredBeforeWindow, '', BEFORE, { insured_status: 'retired' }),
    ...home(P.retiredBeforeWindow),
    ...home(P.outside, { region_code: '110105' }),
    ...si(P.outsideEarlier, HOME, ['2024-08'], { region_code: '310115' }),
    ...si(P.outsideEarlier, HOME, ['2024-09', '2024-10']),
    ...si(P.outsideNoRegion, HOME, WINDOW, { region_code: '' }),
    ...si(P.agency, AGENCY, WINDOW),
    ...si(P.agencyEarlier, AGENCY, ['2024-08']),
    ...si(P.agencyEarlier, HOME, ['2024-09', '2024-10']),
    ...home(P.fundElsewhere),
    ...home(P.fundMissing),
    ...home(P.fundAtBranch),
    ...home(P.fundLatestOwnMonth),
    ...home(P.staffElsewhere),
    ...home(P.staffAtRegUnit),
    ...si(P.organPays, ORGAN, WINDOW, { unit_code: uscc(6, '11') }),
    ...home(P.institutionFund),
    ...si(P.institutionRegistered, INSTITUTE, WINDOW, { unit_code: uscc(5, '12') }),
    ...home(P.twoUnits),
    ...home(P.headAndBranchRegs),
    ...home(P.revokedOther),
    ...si(P.revokedOnly, OTHER, WINDOW),
    ...si(P.contributorOnly, OTHER, WINDOW),
    ...home(P.age65),
    ...home(P.age64),
    ...si(P.retiredNamedUnit, HOME, WINDOW, { insured_status: 'retired' }),
  ],
  housing_fund: [
    ...fund(P.compliant, HOME, WINDOW),
    ...fund(P.missing, HOME, WINDOW),
    ...fund(P.fundElsewhere, OTHER, WINDOW),
    ...fund(P.fundAtBranch, `${HOME}四平分公司`, WINDOW),
    // Q is the fund's own latest month (2024-09), where the fund is paid by HOME; OTHER paid earlier.
    ...fund(P.fundLatestOwnMonth, OTHER, ['2024-08']),
    ...fund(P.fundLatestOwnMonth, HOME, ['2024-09']),
    ...fund(P.institutionFund, INSTITUTE, WINDOW, { unit_code: uscc(5, '12') }),
  ],
  units: [{ unit_code: uscc(7), unit_name: AGENCY, unit_kind: 'hr_agency' }],
  public_sector_staff: [
    { id_number: P.staffElsewhere, employer_name: INSTITUTE, employer_code: uscc(5, '12') },
    { id_number: P.staffAtRegUnit, employer_name: HOME, employer_code: '' },
  ],
};

describe('screening flags', () => {
  let db: TestDatabase;
  let r: Screened;
  beforeAll(async () => {
    db = await createTestDatabase();
    r = await screen(db.pool, fixture);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('takes as_of from the latest social-insurance period and reports nothing for a compliant person', () => {
    expect(r.summary.asOf).toBe('2024-10');
    expect(r.reasons(P.compliant)).toEqual([]);
  });
  it('screens only persons with a valid registration (not revoked/cancelled-only, not contributors without one)', () => {
    expect(r.byId.has(P.revokedOnly)).toBe(false);
    expect(r.byId.has(P.contributorOnly)).toBe(false);
    expect(r.summary.personsScreened).toBe(Object.keys(P).length - 2);
  });
  it('SS_MISSING: no social-insurance record in the window', () => expect(r.reasons(P.missing)).toEqual(['SS_MISSING']));
  it('SS_MISSING: records only before the window', () => expect(r.reasons(P.missingBeforeWindow)).toEqual(['SS_MISSING']));
  it('SS_UNIT_MISMATCH: the payer at P is another unit', () => expect(r.reasons(P.mismatch)).toEqual(['SS_UNIT_MISMATCH']));
  it('SS_UNIT_MISMATCH looks at P only: another unit in an earlier month of the window is not flagged', () =>
    expect(r.reasons(P.earlierMonthElsewhere)).toEqual([]));
  it('SS_UNIT_MISMATCH: the registration unit earlier in the window does not help when P is elsewhere', () =>
    expect(r.reasons(P.latestElsewhere)).toEqual(['SS_UNIT_MISMATCH']));
  it('SS_UNIT_MISMATCH: a flexible-employment record names no unit, so it never matches', () =>
    expect(r.reasons(P.flexibleOnly)).toEqual(['SS_UNIT_MISMATCH']));
  it('SS_RETIRED with SS_UNIT_MISMATCH: only retired records at P', () => expect(r.reasons(P.retiredAtP)).toEqual(['SS_RETIRED', 'SS_UNIT_MISMATCH']));
  it('a retired record naming the registration unit is no employment there (decision, docs/screening.md)', () =>
    expect(r.reasons(P.retiredNamedUnit)).toEqual(['SS_RETIRED', 'SS_UNIT_MISMATCH']));
  it('SS_MULTIPLE_PAYERS: two unrelated units at P, even when one is the registration unit', () =>
    expect(r.reasons(P.twoPayers)).toEqual(['SS_MULTIPLE_PAYERS']));
  it('SS_MULTIPLE_PAYERS: a head office and its branch at P are one payer', () => expect(r.reasons(P.headAndBranchAtP)).toEqual([]));
  it('SS_MULTIPLE_PAYERS: an employed record beside a flexible one at P', () => expect(r.reasons(P.employedAndFlexible)).toEqual(['SS_MULTIPLE_PAYERS']));
  it('SS_MULTIPLE_PAYERS: two payers in an earlier month only are not flagged', () => expect(r.reasons(P.twoPayersEarlier)).toEqual([]));
  it('SS_RETIRED: a retired record anywhere in the window', () => expect(r.reasons(P.retiredEarlyInWindow)).toEqual(['SS_RETIRED']));
  it('SS_RETIRED: a retired record before the window is not flagged', () => expect(r.reasons(P.retiredBeforeWindow)).toEqual([]));
  it('SS_OUTSIDE_PROVINCE: a region code outside Jilin at P', () => expect(r.reasons(P.outside)).toEqual(['SS_OUTSIDE_PROVINCE']));
  it('SS_OUTSIDE_PROVINCE: outside Jilin only in an earlier month is not flagged', () => expect(r.reasons(P.outsideEarlier)).toEqual([]));
  it('SS_OUTSIDE_PROVINCE: a missing region code is not outside', () => expect(r.reasons(P.outsideNoRegion)).toEqual([]));
  it('SS_VIA_AGENCY: an HR agency (units file) pays at P', () => expect(r.reasons(P.agency)).toEqual(['SS_UNIT_MISMATCH', 'SS_VIA_AGENCY']));
  it('SS_VIA_AGENCY: an agency only in an earlier month is not flagged', () => expect(r.reasons(P.agencyEarlier)).toEqual([]));
  it('FUND_UNIT_MISMATCH: the fund payer at Q is another unit', () => expect(r.reasons(P.fundElsewhere)).toEqual(['FUND_UNIT_MISMATCH']));
  it('a missing housing fund alone is not a flag, and is noted in the evidence', () => {
    expect(r.reasons(P.fundMissing)).toEqual([]);
    expect(r.byId.get(P.retiredAtP)?.evidence.housingFund).toMatchObject({ absent: true, latestPeriod: null, units: [] });
  });
  it('FUND_UNIT_MISMATCH: a branch of the registration unit paying the fund is a match', () => expect(r.reasons(P.fundAtBranch)).toEqual([]));
  it("FUND_UNIT_MISMATCH looks at Q, the fund's own latest month", () => expect(r.reasons(P.fundLatestOwnMonth)).toEqual([]));
  it('PUBLIC_SECTOR: listed as public-sector staff with an employer that is not the registration unit', () =>
    expect(r.reasons(P.staffElsewhere)).toEqual(['PUBLIC_SECTOR']));
  it('PUBLIC_SECTOR: a staff listing at the registration unit itself is not flagged', () => expect(r.reasons(P.staffAtRegUnit)).toEqual([]));
  it('PUBLIC_SECTOR: a government organ (USCC 11…) pays at P', () => expect(r.reasons(P.organPays)).toEqual(['PUBLIC_SECTOR', 'SS_UNIT_MISMATCH']));
  it('PUBLIC_SECTOR: a public institution (USCC 12…) pays the fund at Q', () =>
    expect(r.reasons(P.institutionFund)).toEqual(['FUND_UNIT_MISMATCH', 'PUBLIC_SECTOR']));
  it('PUBLIC_SECTOR: a public institution that is itself the registration unit is not flagged', () => expect(r.reasons(P.institutionRegistered)).toEqual([]));
  it('MULTI_UNIT: two valid registrations at unrelated units', () => expect(r.reasons(P.twoUnits)).toEqual(['MULTI_UNIT']));
  it('MULTI_UNIT: registrations at a head office and its branch are not flagged', () => expect(r.reasons(P.headAndBranchRegs)).toEqual([]));
  it('MULTI_UNIT: a revoked registration at another unit does not count', () => expect(r.reasons(P.revokedOther)).toEqual([]));
  it('OVER_AGE: 65 on the last day of as_of', () => expect(r.reasons(P.age65)).toEqual(['OVER_AGE']));
  it('OVER_AGE: turning 65 the day after as_of ends is not flagged', () => expect(r.reasons(P.age64)).toEqual([]));
});
