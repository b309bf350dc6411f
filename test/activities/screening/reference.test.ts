/**
 * Property: on random small worlds (units with branches by name and by the units file, parents,
 * kinds, codes present or not, names spelled differently), the set-based SQL gives every person
 * exactly the flags of a direct reading of the contract written with domain/unitMatching.
 * GZ_PROPERTY_RUNS / GZ_PROPERTY_SEED widen the search locally (150 runs agreed when written).
 */
import fc from 'fast-check';
import { ageOn } from '../../../domain/idNumber';
import { normaliseUnitName, UnitDirectory, unitsMatch, type UnitRef } from '../../../domain/unitMatching';
import type { UnitKind } from '../../../domain/uscc';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { idNumber, screen, uscc, type Fixture } from './fixtures';

const NAMES = [
  '宏达建设有限公司',
  '宏达建设有限公司长春分公司',
  '宏达建设有限公司分公司',
  '宏达建设有限公司长春办事处',
  '鑫源_工程%有限公司',
  '鑫源X工程A有限公司吉林分公司',
  '长春市住房和城乡建设局',
  '吉林省建筑设计研究院',
  '众合人力资源服务有限公司',
];
const MONTHS = ['2024-06', '2024-07', '2024-08', '2024-09', '2024-10'];
const KINDS: UnitKind[] = ['enterprise', 'government', 'public_institution', 'hr_agency'];
const STATUSES = ['employed', 'employed', 'employed', 'retired', 'flexible'] as const;
const REGIONS = ['220102', '220102', '', '110105'];

// A unit as records name it: index into NAMES, which of two codes (or none), and a spelling.
const unitArb = fc.record({ name: fc.nat(NAMES.length - 1), code: fc.constantFrom(-1, 0, 0, 1), spaced: fc.boolean() });
type U = { name: number; code: number; spaced: boolean };
// Names 6 and 7 carry 11/12 codes, so a unit's kind also follows from its code when the file is silent.
const codeOf = (u: U) => (u.code < 0 ? '' : uscc(u.name * 10 + u.code, u.name === 6 ? '11' : u.name === 7 ? '12' : '91'));
const spell = (u: U) => (u.spaced ? ` ${NAMES[u.name].replace('有限', '有 限').replace(/\(/g, '（')} ` : NAMES[u.name]);
const ref = (u: U): UnitRef => ({ name: NAMES[u.name], code: codeOf(u) || null });

const personArb = fc.record({
  birthYear: fc.constantFrom(1950, 1959, 1960, 1985),
  regs: fc.array(fc.record({ unit: unitArb, status: fc.constantFrom('valid', 'valid', 'revoked') }), { minLength: 1, maxLength: 3 }),
  si: fc.array(fc.record({ unit: unitArb, month: fc.nat(4), status: fc.constantFrom(...STATUSES), region: fc.constantFrom(...REGIONS) }), { maxLength: 5 }),
  fund: fc.array(fc.record({ unit: unitArb, month: fc.nat(4) }), { maxLength: 3 }),
  pss: fc.option(unitArb, { nil: undefined }),
});
const worldArb = fc.record({
  directory: fc.array(
    fc.record({
      unit: unitArb,
      kind: fc.constantFrom(...KINDS),
      branchOf: fc.option(unitArb, { nil: undefined }),
      parent: fc.option(unitArb, { nil: undefined }),
    }),
    { maxLength: 6 },
  ),
  persons: fc.array(personArb, { minLength: 1, maxLength: 12 }),
});
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function fixtureOf(w: World): Fixture {
  const id = (i: number, p: World['persons'][number]) => idNumber(i + 1, `${p.birthYear}-10-31`);
  return {
    registrations: w.persons.flatMap((p, i) =>
      p.regs.map((r, k) => ({
        id_number: id(i, p),
        name: '李四',
        cert_category: 'MEP',
        cert_number: `N${i}-${k}`,
        unit_name: spell(r.unit),
        unit_code: codeOf(r.unit),
        city_code: '2201',
        registered_on: `2020-01-0${k + 1}`,
        status: r.status,
      })),
    ),
    social_insurance: [
      { id_number: idNumber(999), unit_name: '外单位', period: '2024-10', insured_status: '' },
      ...w.persons.flatMap((p, i) =>
        p.si.map((s) => ({
          id_number: id(i, p),
          unit_name: s.status === 'flexible' ? '' : spell(s.unit),
          unit_code: s.status === 'flexible' ? '' : codeOf(s.unit),
          region_code: s.region,
          period: MONTHS[s.month],
          insured_status: s.status,
        })),
      ),
    ],
    housing_fund: w.persons.flatMap((p, i) =>
      p.fund.map((f) => ({ id_number: id(i, p), unit_name: spell(f.unit), unit_code: codeOf(f.unit), period: MONTHS[f.month] })),
    ),
    units: w.directory
      .filter((d) => codeOf(d.unit) !== '')
      .map((d) => ({
        unit_code: codeOf(d.unit),
        unit_name: NAMES[d.unit.name],
        unit_kind: d.kind,
        branch_of: d.branchOf ? codeOf(d.branchOf) : '',
        parent_code: d.parent ? codeOf(d.parent) : '',
      })),
    public_sector_staff: w.persons.flatMap((p, i) => (p.pss ? [{ id_number: id(i, p), employer_name: spell(p.pss), employer_code: codeOf(p.pss) }] : [])),
  };
}

/** The contract read directly, person by person (as_of 2024-10, window 2024-08..2024-10). */
function expected(w: World): Map<number, string[]> {
  const dir = new UnitDirectory(
    w.directory
      .filter((d) => codeOf(d.unit) !== '')
      .map((d) => ({
        code: codeOf(d.unit),
        name: NAMES[d.unit.name],
        kind: d.kind,
        branchOf: d.branchOf ? codeOf(d.branchOf) || null : null,
        parentCode: d.parent ? codeOf(d.parent) || null : null,
      })),
  );
  const out = new Map<number, string[]>();
  w.persons.forEach((p, i) => {
    const regs = p.regs.filter((r) => r.status === 'valid').map((r) => ref(r.unit));
    if (regs.length === 0) return;
    const matchesReg = (u: UnitRef) => regs.some((r) => unitsMatch(u, r, dir));
    const si = p.si.filter((s) => s.month >= 2);
    const P = Math.max(-1, ...si.map((s) => s.month));
    const atP = si.filter((s) => s.month === P);
    const named = atP.filter((s) => s.status !== 'flexible').map((s) => ref(s.unit));
    const fund = p.fund.filter((f) => f.month >= 2);
    const Q = Math.max(-1, ...fund.map((f) => f.month));
    const atQ = fund.filter((f) => f.month === Q).map((f) => ref(f.unit));
    const isPublic = (u: UnitRef) => ['government', 'public_institution'].includes(dir.kindOf(u));
    const pairs = <T>(xs: T[]) => xs.flatMap((a, k) => xs.slice(k + 1).map((b) => [a, b] as const));
    const flags: Record<string, boolean> = {
      FUND_UNIT_MISMATCH: fund.length > 0 && !atQ.some(matchesReg),
      MULTI_UNIT: pairs(regs).some(([a, b]) => !unitsMatch(a, b, dir)),
      OVER_AGE: ageOn(`${p.birthYear}-10-31`, '2024-10-31') >= 65,
      PUBLIC_SECTOR: (p.pss !== undefined && !matchesReg(ref(p.pss))) || [...named, ...atQ].some((u) => isPublic(u) && !matchesReg(u)),
      SS_MISSING: si.length === 0,
      SS_MULTIPLE_PAYERS:
        pairs(named).some(([a, b]) => !unitsMatch(a, b, dir)) || (atP.some((s) => s.status === 'employed') && atP.some((s) => s.status === 'flexible')),
      SS_OUTSIDE_PROVINCE: atP.some((s) => s.region !== '' && !s.region.startsWith('22')),
      SS_RETIRED: si.some((s) => s.status === 'retired'),
      SS_UNIT_MISMATCH: si.length > 0 && !atP.some((s) => s.status === 'employed' && matchesReg(ref(s.unit))),
      SS_VIA_AGENCY: named.some((u) => dir.kindOf(u) === 'hr_agency'),
    };
    out.set(
      i,
      Object.keys(flags)
        .filter((k) => flags[k])
        .sort(),
    );
  });
  return out;
}

describe('screening SQL against a direct reading of the contract', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('agrees person by person on random worlds', async () => {
    expect(normaliseUnitName(spell({ name: 0, code: 0, spaced: true }))).toBe(normaliseUnitName(NAMES[0]));
    await fc.assert(
      fc.asyncProperty(worldArb, async (w) => {
        const r = await screen(db.pool, fixtureOf(w));
        const want = expected(w);
        w.persons.forEach((p, i) => {
          const id = idNumber(i + 1, `${p.birthYear}-10-31`);
          expect({ person: i, reasons: r.reasons(id) }).toEqual({ person: i, reasons: want.get(i) ?? [] });
        });
        expect(r.summary.personsScreened).toBe(want.size);
      }),
      { numRuns: Number(process.env.GZ_PROPERTY_RUNS ?? 12), seed: Number(process.env.GZ_PROPERTY_SEED ?? 20240901) },
    );
  });
});
