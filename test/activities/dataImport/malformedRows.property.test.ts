import fc from 'fast-check';
import { importFile } from '../../../dataImport/importFile';
import { checkRow } from '../../../dataImport/rowCheck';
import { getSource, SourceName } from '../../../domain/sources';
import { badCheckId, badUscc, REG_HEADER, importTestBed, validId, validUscc, writeCsv } from './fixtures';

// Cells drawn from valid values, near misses and noise (quotes, commas, newlines, tabs, backslashes, full-width text).
const noise = fc.string({
  unit: fc.constantFrom('a', 'Z', '9', '-', '/', ' ', '"', ',', '\n', '\r', '\t', '\\', '年', '（', '）', '　', 'Ａ', '\u3000', 'x'),
  maxLength: 12,
});
const cell = (valid: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: noise }, { weight: 1, arbitrary: fc.constant('') });
const regRow = fc.tuple(
  cell(
    fc.oneof(
      fc.nat(999).map((n) => validId(n)),
      fc.nat(999).map((n) => badCheckId(n)),
      fc.constant('220102800101123'),
    ),
  ),
  cell(fc.constantFrom('张三', '李四')),
  cell(fc.constantFrom('COST_1', '一级注册建造师', 'mep', '注册土木工程师(岩土)', '注册会计师')),
  cell(fc.constantFrom('C1', 'A-2')),
  cell(fc.constantFrom('某公司', '某 公司（长春）')),
  cell(
    fc.oneof(
      fc.nat(99).map((n) => validUscc(n)),
      fc.nat(99).map((n) => badUscc(n)),
    ),
  ),
  cell(fc.constantFrom('2201', '长春市', '延边', '9999')),
  cell(fc.constantFrom('2020-01-31', '2020/2/29', '2021-02-29', '20200101')),
  cell(fc.constantFrom('valid', '撤销', 'CANCELLED', '暂停')),
);

describe('importer robustness (property-based)', () => {
  const bed = importTestBed();

  it('never crashes on random malformed rows, and every row is stored, rejected with a reason, or a reported duplicate', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(regRow, { maxLength: 30 }), async (rows) => {
        const file = writeCsv(bed.tmp.file(`prop-${run++}.csv`), [REG_HEADER, ...rows]);
        const res = await importFile(bed.db.pool, { source: 'registrations', filePath: file, importedBy: 'prop' });
        const nonBlank = rows
          .map((r, i) => ({ line: i + 2, blank: r.every((c) => c.trim() === '') }))
          .filter((r) => !r.blank)
          .map((r) => r.line);
        expect(res.rowsTotal).toBe(nonBlank.length);
        expect(res.rowsAccepted + res.rowsRejected + res.rowsDuplicate).toBe(res.rowsTotal);

        const stored = (await bed.db.pool.query('SELECT line FROM registration WHERE batch_id = $1', [res.batchId])).rows.map((r) => r.line as number);
        const issues = (await bed.db.pool.query('SELECT line, col, reason, severity FROM import_issue WHERE batch_id = $1', [res.batchId])).rows;
        const rejected = new Set(issues.filter((i) => i.severity === 'rejected').map((i) => i.line as number));
        const duplicates = new Set(issues.filter((i) => /duplicate of line/.test(i.reason)).map((i) => i.line as number));
        expect(stored).toHaveLength(res.rowsAccepted);
        expect(rejected.size).toBe(res.rowsRejected);
        expect([...stored, ...rejected, ...duplicates].sort((a, b) => a - b)).toEqual(nonBlank);
        for (const i of issues) {
          expect(i.reason).toMatch(/\(.+\)$/);
          if (i.severity === 'rejected') expect(REG_HEADER).toContain(i.col);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('row schemas never throw: an invalid record always yields at least one rejection with a known column', () => {
    const sources = SourceName.options.map((n) => getSource(n));
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 })), (source, extra) => {
        const raw: Record<string, string> = {};
        for (const c of source.columns) raw[c.name] = (extra[c.name] ?? Object.values(extra)[0] ?? '').trim();
        const { row, issues } = checkRow(source, 2, raw);
        const rejections = issues.filter((i) => i.severity === 'rejected');
        if (row === null) expect(rejections.length).toBeGreaterThan(0);
        else expect(rejections).toHaveLength(0);
        for (const i of rejections) expect(source.columns.map((c) => c.name)).toContain(i.column);
      }),
      { numRuns: 2000 },
    );
  });
});
