import { AssignmentRule, countPerOfficer, planAssignment, type AssignmentCandidate } from '../../../domain/caseAssignment';
import { districtName, districtOfUnitCode } from '../../../domain/districts';
import { districtsOf } from '../../../readModel/assignmentCandidates';

const cases = (n: number, keysOf: (i: number) => string[] = () => []): AssignmentCandidate[] =>
  Array.from({ length: n }, (_, i) => ({ caseId: `c-${i + 1}`, caseNo: `2201-${String(i + 1).padStart(6, '0')}`, keys: keysOf(i) }));

describe('round-robin across chosen officers', () => {
  it('deals the cases in case-number order, whatever order they arrive in, evenly (counts differ by at most one)', () => {
    const rule = AssignmentRule.parse({ kind: 'roundRobin', officers: ['wang', 'li', 'zhao'] });
    const list = cases(10);
    const plan = planAssignment([...list].reverse(), rule);
    expect(plan.map((p) => p.caseId)).toEqual(list.map((c) => c.caseId));
    expect(plan.slice(0, 4).map((p) => p.assignee)).toEqual(['wang', 'li', 'zhao', 'wang']);
    expect(countPerOfficer(plan, rule)).toEqual([
      { officer: 'wang', cases: 4 },
      { officer: 'li', cases: 3 },
      { officer: 'zhao', cases: 3 },
    ]);
  });

  it('gives the same plan on every run (a preview and its assignment agree)', () => {
    const rule = AssignmentRule.parse({ kind: 'roundRobin', officers: ['wang', 'li'] });
    const shuffled = cases(7).sort((a, b) => ((a.caseId.charCodeAt(2) * 7) % 5) - ((b.caseId.charCodeAt(2) * 7) % 5));
    expect(planAssignment(shuffled, rule)).toEqual(planAssignment(cases(7), rule));
  });
});

describe('by district, category or flag', () => {
  const districts = ['220102', '220103', '220102', '', '220104', '220102'];
  const list = cases(districts.length, (i) => (districts[i] ? [districts[i]] : []));

  it('gives each case to the first group that has its key, round-robin inside the group; the rest stay unassigned', () => {
    const rule = AssignmentRule.parse({
      kind: 'district',
      groups: [
        { match: '220102', officers: ['wang', 'li'] },
        { match: '220103', officers: ['zhao'] },
      ],
    });
    const plan = planAssignment(list, rule);
    expect(plan.map((p) => p.assignee)).toEqual(['wang', 'zhao', 'li', null, null, 'wang']);
    expect(plan.map((p) => p.group)).toEqual([0, 1, 0, null, null, 0]);
    expect(countPerOfficer(plan, rule)).toEqual([
      { officer: 'wang', cases: 2 },
      { officer: 'li', cases: 1 },
      { officer: 'zhao', cases: 1 },
    ]);
  });

  it('lets a last catch-all group (match null) take every case no earlier group took, those without a district too', () => {
    const rule = AssignmentRule.parse({
      kind: 'district',
      groups: [
        { match: '220102', officers: ['wang'] },
        { match: null, officers: ['sun'] },
      ],
    });
    expect(planAssignment(list, rule).map((p) => p.assignee)).toEqual(['wang', 'sun', 'wang', 'sun', 'sun', 'wang']);
  });

  it('takes a case with several keys (flags, categories) by the first group in the rule, not the first key', () => {
    const rule = AssignmentRule.parse({
      kind: 'flag',
      groups: [
        { match: 'SS_MISMATCH', officers: ['wang'] },
        { match: 'PUBLIC_SECTOR', officers: ['li'] },
      ],
    });
    const plan = planAssignment(
      cases(2, (i) => (i === 0 ? ['PUBLIC_SECTOR', 'SS_MISMATCH'] : ['PUBLIC_SECTOR'])),
      rule,
    );
    expect(plan.map((p) => p.assignee)).toEqual(['wang', 'li']);
  });

  it('lists an officer the plan gave nothing with 0 cases', () => {
    const rule = AssignmentRule.parse({ kind: 'certCategory', groups: [{ match: 'COST_1', officers: ['wang', 'li'] }] });
    expect(
      countPerOfficer(
        planAssignment(
          cases(1, () => ['COST_1']),
          rule,
        ),
        rule,
      ),
    ).toEqual([
      { officer: 'wang', cases: 1 },
      { officer: 'li', cases: 0 },
    ]);
  });

  it('refuses a rule without officers or with a name that is no user name', () => {
    expect(AssignmentRule.safeParse({ kind: 'roundRobin', officers: [] }).success).toBe(false);
    expect(AssignmentRule.safeParse({ kind: 'officer', officer: 'Wang Wei' }).success).toBe(false);
  });
});

describe('the district a unit code carries', () => {
  it('reads characters 3–8 of a USCC when they lie in the city, and names the district', () => {
    expect(districtOfUnitCode('91220102MA0000100X', '2201')).toBe('220102');
    expect(districtName('220102')).toBe('南关区');
    expect(districtOfUnitCode('91220202MA0000100X', '2201')).toBeUndefined();
    expect(districtOfUnitCode('', '2201')).toBeUndefined();
    expect(districtName('220101')).toBe('市辖区（220101）');
  });
});

describe("a case's districts", () => {
  it("are its registration units' districts in the city, in registration order, each once", () => {
    expect(districtsOf(['91220103MA0000100X', '', '91220202MA0000101X', '91220102MA0000102X', '91220103MA0000103X'], '220104', '2201')).toEqual([
      '220103',
      '220102',
    ]);
  });

  it('fall back to the social-insurance regions in the city when no registration unit gives one', () => {
    expect(districtsOf(['', '91220202MA0000101X'], '220202;220105', '2201')).toEqual(['220105']);
    expect(districtsOf([], null, '2201')).toEqual([]);
  });
});
