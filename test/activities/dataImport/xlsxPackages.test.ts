/**
 * XLSX packages as the Open Packaging Conventions allow them, built part by part with Python's
 * zipfile (issue 22): the reader finds parts through relationships, not names or zip order.
 */
import { spawnSync } from 'node:child_process';
import { importFile } from '../../../dataImport/importFile';
import { idCheckCharacter } from '../../../domain/idNumber';
import { NUMBER_LOST_DIGITS } from '../../../domain/spreadsheetNumbers';
import { importTestBed, validId } from './fixtures';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Writes the parts in the given order into a zip. */
function writeZip(file: string, parts: Array<[string, string]>): string {
  const script =
    'import json, sys, zipfile\nparts = json.load(sys.stdin)\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    for name, text in parts: z.writestr(name, text)\n';
  const r = spawnSync('python3', ['-c', script, file], { input: JSON.stringify(parts), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return file;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;

/** A workbook whose sheets are listed data-first, while the zip and the part names put the other sheet first. */
function packageParts(sheetData: string, opts: { sharedStrings?: string; styles?: string; date1904?: boolean } = {}): Array<[string, string]> {
  const rels = [
    `<Relationship Id="rIdOther" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`,
    `<Relationship Id="rIdData" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/>`,
    opts.sharedStrings ? `<Relationship Id="rIdSst" Type="${REL}/sharedStrings" Target="strings.xml"/>` : '',
    opts.styles ? `<Relationship Id="rIdSty" Type="${REL}/styles" Target="styles.xml"/>` : '',
  ].join('');
  const parts: Array<[string, string]> = [
    [
      'xl/worksheets/sheet1.xml',
      xml(`<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>不是数据</t></is></c></row></sheetData></worksheet>`),
    ],
    // A prefixed main namespace, as the Open XML SDK may write it.
    ['xl/worksheets/sheet2.xml', xml(`<x:worksheet xmlns:x="${MAIN}"><x:sheetData>${sheetData}</x:sheetData></x:worksheet>`)],
    ['xl/_rels/workbook.xml.rels', xml(`<Relationships xmlns="${PKG_REL}">${rels}</Relationships>`)],
    [
      'xl/workbook.xml',
      xml(
        `<workbook xmlns="${MAIN}" xmlns:rel="${REL}"><workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets>` +
          '<sheet name="数据" sheetId="2" rel:id="rIdData"/><sheet name="说明" sheetId="1" rel:id="rIdOther"/></sheets></workbook>',
      ),
    ],
    ['_rels/.rels', xml(`<Relationships xmlns="${PKG_REL}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`)],
    ['[Content_Types].xml', xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
  ];
  if (opts.sharedStrings) parts.unshift(['xl/strings.xml', xml(`<sst xmlns="${MAIN}">${opts.sharedStrings}</sst>`)]);
  if (opts.styles) parts.unshift(['xl/styles.xml', xml(`<styleSheet xmlns="${MAIN}">${opts.styles}</styleSheet>`)]);
  return parts;
}

const inline = (ref: string, text: string) => `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`;
const HEADER = `<x:row r="1">${['身份证号', '缴存单位', '缴存单位统一社会信用代码', '缴存年月'].map((h, i) => inline(`${'ABCD'[i]}1`, h)).join('')}</x:row>`;

describe('the XLSX reader with packages from any conforming writer', () => {
  const bed = importTestBed();
  const fundRows = (batchId: number) =>
    bed.db.pool.query("SELECT line, id_number, unit_name, to_char(period, 'YYYY-MM') AS period FROM housing_fund WHERE batch_id = $1 ORDER BY line", [batchId]);

  it('reads the first sheet in workbook order, shared strings with rich text runs but without phonetic guides, and inline rich text', async () => {
    const file = writeZip(
      bed.tmp.file('order.xlsx'),
      packageParts(
        HEADER +
          `<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="D2" t="str"><x:v>2024-09</x:v></x:c></x:row>` +
          // No row or cell references: they follow the previous ones.
          `<x:row><x:c t="inlineStr"><x:is><x:t>${validId(2)}</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:r><x:t>长春</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">某公司</x:t></x:r></x:is></x:c><x:c/><x:c t="inlineStr"><x:is><x:t><![CDATA[2024年10月]]></x:t></x:is></x:c></x:row>`,
        { sharedStrings: `<si><t>${validId(1)}</t></si><si><r><t>吉林</t></r><r><rPr><b/></rPr><t>某公司</t></r><rPh sb="0" eb="2"><t>ジリン</t></rPh></si>` },
      ),
    );
    const r = await importFile(bed.db.pool, { source: 'housing_fund', filePath: file, importedBy: 't' });
    expect(r).toMatchObject({ rowsTotal: 2, rowsAccepted: 2, read: { format: 'xlsx', encoding: null } });
    expect((await fundRows(r.batchId)).rows).toEqual([
      { line: 2, id_number: validId(1), unit_name: '吉林某公司', period: '2024-09' },
      { line: 3, id_number: validId(2), unit_name: '长春某公司', period: '2024-10' },
    ]);
  });

  it('reads date cells by their number format (built-in, custom, Chinese) and the 1904 date system, and ISO date cells', async () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="171" formatCode="0.00"/></numFmts>' +
      // cellStyleXfs are not cell formats: their date format must not shift the cellXfs indexes.
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="57"/></cellXfs>';
    const row = (n: number, period: string) =>
      `<x:row r="${n}">${inline(`A${n}`, validId(n))}${inline(`B${n}`, '某公司')}${period.replace('REF', `D${n}`)}</x:row>`;
    const sheet =
      HEADER +
      row(2, '<x:c r="REF" s="1"><x:v>45536</x:v></x:c>') + // 2024-09-01, built-in 14
      row(3, '<x:c r="REF" s="2"><x:v>45566.5</x:v></x:c>') + // 2024-10-01 noon, custom yyyy"年"m"月"
      row(4, '<x:c r="REF" s="4"><x:v>45597</x:v></x:c>') + // 2024-11-01, Chinese built-in 57
      row(5, '<x:c r="REF" t="d"><x:v>2024-12-01T00:00:00</x:v></x:c>') +
      row(6, '<x:c r="REF" s="3"><x:v>202501</x:v></x:c>'); // a number in a number format: 202501 as a month
    const r = await importFile(bed.db.pool, {
      source: 'housing_fund',
      filePath: writeZip(bed.tmp.file('dates.xlsx'), packageParts(sheet, { styles })),
      importedBy: 't',
    });
    expect((await fundRows(r.batchId)).rows.map((x) => x.period)).toEqual(['2024-09', '2024-10', '2024-11', '2024-12', '2025-01']);

    // The same serial in a 1904 workbook is four years and a day later.
    const r1904 = await importFile(bed.db.pool, {
      source: 'housing_fund',
      filePath: writeZip(bed.tmp.file('d1904.xlsx'), packageParts(HEADER + row(2, '<x:c r="REF" s="1"><x:v>44074</x:v></x:c>'), { styles, date1904: true })),
      importedBy: 't',
    });
    expect((await fundRows(r1904.batchId)).rows.map((x) => x.period)).toEqual(['2024-09']);
  });

  it('reads a 15-digit legacy ID number cell back exactly, and rejects an 18-digit one that lost digits for that reason', async () => {
    const legacy = '220102800101123';
    const sheet =
      HEADER +
      `<x:row r="2"><x:c r="A2"><x:v>${legacy}</x:v></x:c>${inline('B2', '某公司')}${inline('D2', '2024-09')}</x:row>` +
      `<x:row r="3"><x:c r="A3" t="n"><x:v>2.20102198001011E+017</x:v></x:c>${inline('B3', '某公司')}<x:c r="C3"><x:v>9.12208187249849984E17</x:v></x:c>${inline('D3', '2024-09')}</x:row>`;
    const r = await importFile(bed.db.pool, { source: 'housing_fund', filePath: writeZip(bed.tmp.file('numbers.xlsx'), packageParts(sheet)), importedBy: 't' });
    expect(r).toMatchObject({ rowsAccepted: 1, rowsRejected: 1 });
    expect((await fundRows(r.batchId)).rows.map((x) => x.id_number)).toEqual([`22010219800101123${idCheckCharacter('22010219800101123')}`]);
    const issues = await bed.issuesOf(r.batchId);
    expect(issues.map((i) => [i.line, i.col, i.reason, i.severity])).toEqual([
      [3, 'id_number', NUMBER_LOST_DIGITS, 'rejected'],
      [3, 'unit_code', expect.stringContaining(NUMBER_LOST_DIGITS), 'warning'],
    ]);
  });

  it('refuses a package without a workbook part as damaged, importing nothing', async () => {
    const parts = packageParts(HEADER).filter(([name]) => name !== 'xl/workbook.xml');
    await expect(
      importFile(bed.db.pool, { source: 'housing_fund', filePath: writeZip(bed.tmp.file('noworkbook.xlsx'), parts), importedBy: 't' }),
    ).rejects.toThrow(/damaged XLSX/);
  });
});
