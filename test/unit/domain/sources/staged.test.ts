/**
 * A source's StagedSpec must describe exactly what its `fast` path computes: the staged CSV import
 * stores rows assembled from the spec, the streaming path stores `fast`'s rows. (The SQL row guard
 * is compared with its JS rule against PostgreSQL in test/activities/dataImport/stagedCsv.test.ts.)
 */
import { Bad } from '../../../../domain/sources/fields';
import { getSource, SourceName, type AnySource, type RawRecord } from '../../../../domain/sources';
import { idCheckCharacter } from '../../../../domain/idNumber';
import { usccCheckCharacter } from '../../../../domain/uscc';

const id = (n: number) => {
  const first17 = `22010219800101${String(n).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
};
const uscc = (n: number) => {
  const first17 = `91220101${String(n).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17)!;
};

/** Values each column is tried with: good, bad, empty and odd forms. */
const SAMPLES: Record<string, string[]> = {
  id_number: [id(1), id(2).toLowerCase(), '220102800101123', '123', ''],
  name: ['张三', ''],
  unit_name: ['吉林（某）建设有限公司，分部', '某公司', ''],
  unit_code: [uscc(1), uscc(1).slice(0, 17) + '0', ''],
  region_code: ['220102', '2201', ''],
  period: ['2024-09', '2024年9月', '2024-13', ''],
  insured_status: ['在职', 'retired', '灵活就业', '不知道', ''],
  cert_category: ['CONSTRUCTOR_1', '一级注册建筑师', '未知', ''],
  cert_number: ['C001', ''],
  city_code: ['2201', '长春市', '北京', ''],
  registered_on: ['2020-05-01', '2020-02-30', ''],
  status: ['注销', 'valid', '未知', ''],
};

/** The row the staged import would store for `raw`, or undefined when it sends the row to checkRow. */
function stagedRow(source: AnySource, raw: RawRecord): Record<string, unknown> | undefined {
  const spec = source.staged!;
  const row: Record<string, unknown> = {};
  for (const c of source.columns) {
    const v = spec.checks[c.name](raw[c.name]);
    if (v instanceof Bad || c.warn?.(raw[c.name])) return undefined;
    row[c.name] = v;
  }
  for (const [name, d] of Object.entries(spec.derived)) row[name] = (d.fn as (v: unknown) => unknown)(row[d.from]);
  if (spec.rowGuard && !spec.rowGuard.js(row)) return undefined;
  return Object.fromEntries(source.dbColumns.map((c) => [c, row[c]]));
}

const staged = SourceName.options.map((n) => getSource(n)).filter((s) => s.staged);

describe('staged specs of the sources', () => {
  it('cover the three large sources', () => {
    expect(staged.map((s) => s.name).sort()).toEqual(['housing_fund', 'registrations', 'social_insurance']);
  });

  for (const source of staged) {
    it(`${source.name}: checks one per column, and every stored column is a column or derived`, () => {
      const spec = source.staged!;
      expect(Object.keys(spec.checks).sort()).toEqual(source.columns.map((c) => c.name).sort());
      for (const c of source.dbColumns) expect(c in spec.checks || c in spec.derived).toBe(true);
      for (const d of Object.values(spec.derived)) expect(spec.checks[d.from]).toBeDefined();
      expect(source.fast).toBeDefined();
    });

    it(`${source.name}: stores what fast stores, for every row without a warning`, () => {
      // Vary one column at a time around a good row, and pairs of the first three columns.
      const good: RawRecord = Object.fromEntries(source.columns.map((c) => [c.name, SAMPLES[c.name][0]]));
      const rows: RawRecord[] = [good];
      for (const c of source.columns) for (const v of SAMPLES[c.name]) rows.push({ ...good, [c.name]: v });
      const [a, b] = source.columns.slice(2, 4).concat(source.columns.slice(-1));
      for (const va of SAMPLES[a.name]) for (const vb of SAMPLES[b.name]) rows.push({ ...good, [a.name]: va, [b.name]: vb });
      let storedByBoth = 0;
      for (const raw of rows) {
        const fast = source.fast!(raw) as Record<string, unknown> | undefined;
        const warned = source.columns.some((c) => c.warn?.(raw[c.name]));
        const mine = stagedRow(source, raw);
        if (warned) {
          expect(mine).toBeUndefined();
          continue;
        }
        expect(mine).toEqual(fast && Object.fromEntries(source.dbColumns.map((c) => [c, fast[c]])));
        if (mine) storedByBoth += 1;
      }
      expect(storedByBoth).toBeGreaterThan(3);
    });
  }
});
