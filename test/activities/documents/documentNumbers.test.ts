import { allocateDocumentNumber, listIssuingAuthorities, updateIssuingAuthority } from '../../../documents/documentNumbers';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('document numbers', () => {
  it('are seeded with an issuing authority for the province and each of the nine cities, and each city’s 人社局 (an intermediary’s procedure)', async () => {
    const authorities = await listIssuingAuthorities(db.pool);
    const cities = ['2201', '2202', '2203', '2204', '2205', '2206', '2207', '2208', '2224'];
    expect(authorities.map((a) => a.code)).toEqual(['22', ...cities, ...cities.map((c) => `hr-${c}`)]);
    expect(new Set(authorities.map((a) => a.abbreviation)).size).toBe(19);
    expect(authorities.find((a) => a.code === 'hr-2201')).toMatchObject({ name: '长春市人力资源和社会保障局', abbreviation: '长人社', cityCode: '2201' });
  });

  it('formats the authority, kind, year and a four-digit sequence: 长建罚告〔2026〕第0001号', async () => {
    const n = await allocateDocumentNumber(db.pool, { authorityCode: '2201', kind: 'penalty_notice', year: 2026, key: 'format-1' });
    expect(n).toMatchObject({ number: '长建罚告〔2026〕第0001号', seq: 1, allocated: true });
  });

  it('hands 50 concurrent allocations exactly 1..50, and a repeated key its first number', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `concurrent-${i}`);
    const first = await Promise.all(keys.map((key) => allocateDocumentNumber(db.pool, { authorityCode: '2202', kind: 'penalty_decision', year: 2026, key })));
    expect(first.map((n) => n.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(first.map((n) => n.number)).size).toBe(50);
    // Retries, themselves concurrent and repeated, get the first number back and take none.
    const again = await Promise.all(
      [...keys, ...keys].map((key) => allocateDocumentNumber(db.pool, { authorityCode: '2202', kind: 'penalty_decision', year: 2026, key })),
    );
    again.forEach((n, i) => {
      expect(n.number).toBe(first[i % 50].number);
      expect(n.allocated).toBe(false);
    });
    const { rows } = await db.pool.query(
      `SELECT last_seq FROM document_number_counter WHERE authority_code = '2202' AND kind = 'penalty_decision' AND year = 2026`,
    );
    expect(rows[0].last_seq).toBe(50);
    const next = await allocateDocumentNumber(db.pool, { authorityCode: '2202', kind: 'penalty_decision', year: 2026, key: 'after' });
    expect(next.number).toBe('吉市建罚决〔2026〕第0051号');
  });

  it('keeps separate sequences per authority, kind and year', async () => {
    const a = await allocateDocumentNumber(db.pool, { authorityCode: '22', kind: 'revocation_decision', year: 2026, key: 'sep-1' });
    const b = await allocateDocumentNumber(db.pool, { authorityCode: '22', kind: 'revocation_decision', year: 2027, key: 'sep-2' });
    const c = await allocateDocumentNumber(db.pool, { authorityCode: '22', kind: 'ministry_proposal', year: 2026, key: 'sep-3' });
    expect([a.number, b.number, c.number]).toEqual(['吉建撤决〔2026〕第0001号', '吉建撤决〔2027〕第0001号', '吉建建议〔2026〕第0001号']);
  });

  it('refuses a key reused for another authority, kind or year, and an unknown authority', async () => {
    await allocateDocumentNumber(db.pool, { authorityCode: '2203', kind: 'hearing_notice', year: 2026, key: 'reuse' });
    await expect(allocateDocumentNumber(db.pool, { authorityCode: '2204', kind: 'hearing_notice', year: 2026, key: 'reuse' })).rejects.toMatchObject({
      code: 'KeyReused',
    });
    await expect(allocateDocumentNumber(db.pool, { authorityCode: '9999', kind: 'hearing_notice', year: 2026, key: 'nobody' })).rejects.toMatchObject({
      code: 'NotFound',
    });
  });

  it('uses an edited abbreviation for later numbers, and never changes a number already taken', async () => {
    const before = await allocateDocumentNumber(db.pool, { authorityCode: '2205', kind: 'service_receipt', year: 2026, key: 'abbr-1' });
    await updateIssuingAuthority(db.pool, '2205', { name: '通化市住房和城乡建设局', abbreviation: '通市建' }, 'coordinator');
    const after = await allocateDocumentNumber(db.pool, { authorityCode: '2205', kind: 'service_receipt', year: 2026, key: 'abbr-2' });
    expect([before.number, after.number]).toEqual(['通建送〔2026〕第0001号', '通市建送〔2026〕第0002号']);
    expect((await allocateDocumentNumber(db.pool, { authorityCode: '2205', kind: 'service_receipt', year: 2026, key: 'abbr-1' })).number).toBe(before.number);
  });
});
