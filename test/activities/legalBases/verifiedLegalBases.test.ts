/**
 * The seeded legal bases after their verification (issue 19, item 1; docs/legal-bases.md): migration 066
 * adds version 2 of every basis migration 050 seeded, in force from the seed's date, each version 1 kept
 * and pointing to it; a citation marked verified always says where and what was read; the measures did
 * not change; the combinations whose rule could not be read stay unseeded.
 */
import type { CertCategory } from '../../../domain/certCategories';
import type { LegalBasis, Violation } from '../../../domain/legalBasis';
import { legalBasesInForce, legalBasisById } from '../../../readModel/legalBases';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const SEEDED: readonly [CertCategory, Violation][] = [
  ['CONSTRUCTOR_1', 'IMPROPER_REGISTRATION'],
  ['CONSTRUCTOR_1', 'LENDING_CERTIFICATE'],
  ['CONSTRUCTOR_2', 'IMPROPER_REGISTRATION'],
  ['CONSTRUCTOR_2', 'LENDING_CERTIFICATE'],
  ['ARCHITECT_1', 'IMPROPER_REGISTRATION'],
  ['ARCHITECT_2', 'IMPROPER_REGISTRATION'],
  ['STRUCTURAL_1', 'IMPROPER_REGISTRATION'],
  ['STRUCTURAL_2', 'IMPROPER_REGISTRATION'],
  ['GEOTECHNICAL', 'IMPROPER_REGISTRATION'],
  ['MEP', 'IMPROPER_REGISTRATION'],
  ['ELECTRICAL', 'IMPROPER_REGISTRATION'],
  ['CHEMICAL', 'IMPROPER_REGISTRATION'],
  ['SUPERVISOR', 'IMPROPER_REGISTRATION'],
  ['COST_1', 'IMPROPER_REGISTRATION'],
  ['COST_1', 'LENDING_CERTIFICATE'],
  ['COST_2', 'IMPROPER_REGISTRATION'],
  ['COST_2', 'LENDING_CERTIFICATE'],
];

async function allVersions(): Promise<LegalBasis[]> {
  const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM legal_basis_version ORDER BY cert_category, violation, version');
  return Promise.all(rows.map(async (r) => (await legalBasisById(db.pool, Number(r.id)))!));
}

const key = (b: { certCategory: string; violation: string }) => `${b.certCategory}/${b.violation}`;

describe('the verified legal bases (migration 066)', () => {
  it('make version 2 the one in force for every seeded combination from the seed date on, version 1 pointing to it', async () => {
    for (const asOf of ['2021-07-15', '2026-03-01']) {
      const inForce = await legalBasesInForce(db.pool, { asOf });
      expect(inForce.map(key).sort()).toEqual(SEEDED.map(([certCategory, violation]) => key({ certCategory, violation })).sort());
      for (const b of inForce) expect(b).toMatchObject({ version: 2, supersededBy: null, effectiveFrom: '2021-07-15', publishedBy: 'system' });
    }
    expect(await legalBasesInForce(db.pool, { asOf: '2021-07-14' })).toEqual([]);

    const versions = await allVersions();
    const inForce = new Map((await legalBasesInForce(db.pool, { asOf: '2026-03-01' })).map((b) => [key(b), b]));
    for (const first of versions.filter((v) => v.version === 1)) {
      const second = inForce.get(key(first))!;
      expect(first.supersededBy).toBe(second.id);
      // The verification changed citations, never what may be imposed nor who imposes it.
      expect(second.measures).toEqual(first.measures);
      expect(second.hearing).toEqual(first.hearing);
      expect(second.reason).toMatch(/^第2版（第19号议题核实）/);
    }
  });

  it('give every citation marked verified a source URL and the wording read, in every version', async () => {
    const versions = await allVersions();
    expect(versions).toHaveLength(SEEDED.length * 2);
    for (const v of versions) {
      for (const c of v.citations.filter((c) => c.verified)) {
        expect({ basis: key(v), version: v.version, article: c.article, sourceUrl: c.sourceUrl }).toEqual(
          expect.objectContaining({ sourceUrl: expect.stringMatching(/^https?:\/\/\S+$/) }),
        );
        expect(c.quote.trim()).not.toBe('');
      }
      // An unverified citation says what is missing; a basis is verified only when all its citations are.
      for (const c of v.citations.filter((c) => !c.verified)) expect(c.note.trim()).not.toBe('');
      expect(v.verified).toBe(v.citations.every((c) => c.verified));
    }
  });

  it('cite 行政许可法 art. 79 under its verified number for every improper registration, and art. 80 for every lent certificate', async () => {
    for (const b of await legalBasesInForce(db.pool, { asOf: '2026-03-01' })) {
      const articles = b.citations.filter((c) => c.instrument === '《中华人民共和国行政许可法》').map((c) => [c.article, c.verified]);
      if (b.violation === 'IMPROPER_REGISTRATION') {
        expect(articles).toEqual([
          ['第六十九条第二款', true],
          ['第七十九条', true],
        ]);
        expect(b.citations.find((c) => c.article === '第七十九条')!.quote).toContain('申请人在三年内不得再次申请该行政许可');
      } else {
        expect(articles).toEqual([['第八十条第一项', true]]);
      }
      // The 不良行为记录 entries were still not read: no basis is verified as a whole yet.
      expect(b.verified).toBe(false);
    }
  });

  it('leave unseeded the combinations whose rule could not be read', async () => {
    const { rows } = await db.pool.query(
      `SELECT cert_category FROM legal_basis_version WHERE violation = 'LENDING_CERTIFICATE'
         AND cert_category IN ('ARCHITECT_1', 'ARCHITECT_2', 'STRUCTURAL_1', 'STRUCTURAL_2', 'GEOTECHNICAL', 'MEP', 'ELECTRICAL', 'CHEMICAL', 'SUPERVISOR')`,
    );
    expect(rows).toEqual([]);
  });
});
