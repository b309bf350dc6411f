/**
 * Every default template, filled with realistic data, printed the way a recipient's office program
 * would (LibreOffice to PDF, read back with pdftotext): the number, the party and the heading of every
 * element the law requires come out. Under CI a missing tool fails the file; elsewhere it is skipped.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DocumentKind } from '../../../domain/documents';
import { generatedDocument, renderDocument } from '../../../documents/renderDocument';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { convertToPdf, missingPrintTools, readPrintedPdf } from '../reports/printedPdf';
import { DOCUMENT_FIXTURES, REQUIRED_HEADINGS } from './documentFixtures';

const missing = missingPrintTools();
if (process.env.CI && missing.length > 0) {
  throw new Error(`documentsPrint.test.ts needs ${missing.join(', ')} (apt-get install libreoffice-writer-nogui poppler-utils)`);
}
if (missing.length > 0) console.warn(`documentsPrint.test.ts skipped: ${missing.join(', ')} missing`);
const suite = missing.length > 0 ? describe.skip : describe;

let db: TestDatabase;
let dir: string;
const printed = new Map<DocumentKind, string>();

suite('the default templates, printed', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), 'documents-print-'));
    const files: string[] = [];
    for (const kind of DocumentKind.options) {
      const made = await renderDocument(db.pool, { kind, key: `print/${kind}`, subjectRef: 'case-print', data: DOCUMENT_FIXTURES[kind] });
      const file = path.join(dir, `${kind}.docx`);
      writeFileSync(file, (await generatedDocument(db.pool, made.id))!.content);
      files.push(file);
    }
    const pdfs = convertToPdf(files, dir);
    for (const kind of DocumentKind.options) {
      // pdftotext puts spaces where the font changes and breaks long lines: compared without white space.
      printed.set(
        kind,
        readPrintedPdf(pdfs.get(path.join(dir, `${kind}.docx`))!)
          .pages.map((p) => p.raw)
          .join('')
          .replace(/\s+/g, ''),
      );
    }
  }, 300_000);

  afterAll(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(DocumentKind.options)('%s shows its number, the party and every required element', (kind) => {
    const text = printed.get(kind)!;
    expect(text).toContain(DOCUMENT_FIXTURES[kind].documentNumber);
    const fixture = DOCUMENT_FIXTURES[kind];
    expect(text).toContain('partyName' in fixture ? fixture.partyName : fixture.unitName);
    expect(text).toContain(DOCUMENT_FIXTURES[kind].authorityName);
    const absent = REQUIRED_HEADINGS[kind].filter((h) => !text.includes(h.replace(/\s+/g, '')));
    expect(absent).toEqual([]);
    // No tag left unfilled.
    expect(text).not.toMatch(/[{}]/);
  });

  it('tells of the hearing right only when the notice grants it (art. 63)', () => {
    expect(printed.get('penalty_notice')).toContain('听证权');
    expect(printed.get('penalty_notice')).toContain('2026年3月9日前');
    expect(printed.get('revocation_notice')).not.toContain('听证权');
  });
});
