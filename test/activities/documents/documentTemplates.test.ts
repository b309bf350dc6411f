/**
 * Templates officials can edit: the shipped defaults pass their own check, a replacement is checked
 * (malformed, unknown or missing tags refused in Chinese, naming the tag) and used for the next
 * document, and each generated document records the template version it was filled from.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { DocumentKind } from '../../../domain/documents';
import { renderDocument, generatedDocument } from '../../../documents/renderDocument';
import { checkTemplate, TemplateRefusedError } from '../../../documents/templateCheck';
import { activeTemplate, DEFAULT_TEMPLATE_DIR, listTemplateVersions, storeTemplate } from '../../../documents/templateStore';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { DOCUMENT_FIXTURES } from './documentFixtures';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const shipped = (kind: DocumentKind) => readFileSync(path.join(DEFAULT_TEMPLATE_DIR, `${kind}.docx`));

/** The shipped template with its body text edited. */
function edited(kind: DocumentKind, edit: (xml: string) => string): Buffer {
  const zip = new PizZip(shipped(kind));
  zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
  return zip.generate({ type: 'nodebuffer' });
}

function refusal(kind: DocumentKind, content: Buffer): string[] {
  try {
    checkTemplate(kind, content);
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateRefusedError);
    return (err as TemplateRefusedError).issues.map((i) => i.message);
  }
  throw new Error('the template was accepted');
}

const documentText = (docx: Buffer) =>
  new PizZip(docx)
    .file('word/document.xml')!
    .asText()
    .replace(/<[^>]+>/g, '');

describe('the default templates', () => {
  it.each(DocumentKind.options)('%s uses only its own tags and every required one', (kind) => {
    expect(checkTemplate(kind, shipped(kind)).length).toBeGreaterThan(5);
  });
});

describe('a replacement template', () => {
  it('is refused when a tag is malformed, naming the tag in Chinese', () => {
    const messages = refusal(
      'penalty_decision',
      edited('penalty_decision', (x) => x.replace('{facts}', '{facts')),
    );
    expect(messages.join('\n')).toMatch(/「模板文件」中的标签「\{facts.*」没有结束的“}”/);
  });

  it('is refused when it uses a tag its kind does not have', () => {
    const messages = refusal(
      'penalty_notice',
      edited('penalty_notice', (x) => x.replace('{contact}', '{contact}{bankAccount}')),
    );
    expect(messages).toEqual([expect.stringMatching(/^「模板文件」中的标签「\{bankAccount\}」不是「行政处罚事先告知书」可用的标签/)]);
  });

  it('is refused when it leaves out an element the law requires (art. 59: the way to apply for review)', () => {
    const messages = refusal(
      'penalty_decision',
      edited('penalty_decision', (x) => x.replace('{reviewAuthority}', '某机关')),
    );
    expect(messages).toEqual(['「模板文件」缺少「行政处罚决定书」必备的内容「行政复议机关」（标签 {reviewAuthority}）']);
  });

  it('is refused when it is not a .docx at all', () => {
    expect(refusal('service_receipt', Buffer.from('not a zip'))).toEqual(['「模板文件」不是有效的 Word（.docx）文件']);
  });

  it('becomes the next version, is used for the next document, and the document records that version', async () => {
    const first = await renderDocument(db.pool, {
      kind: 'hearing_notice',
      key: 'case-1/hearing',
      subjectRef: 'case-1',
      data: DOCUMENT_FIXTURES.hearing_notice,
    });
    expect(first).toMatchObject({ created: true, templateVersion: 1, number: '长建听通〔2026〕第0001号', subjectRef: 'case-1' });

    const replacement = edited('hearing_notice', (x) => x.replace('四、注意事项', '四、参加听证须知'));
    const stored = await storeTemplate(db.pool, { kind: 'hearing_notice', content: replacement, fileName: '听证通知书-2026.docx', uploadedBy: 'coordinator' });
    expect(stored).toMatchObject({ version: 2, active: true, uploadedBy: 'coordinator', fileName: '听证通知书-2026.docx' });
    expect((await activeTemplate(db.pool, 'hearing_notice')).meta.version).toBe(2);
    expect((await listTemplateVersions(db.pool, 'hearing_notice')).map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);

    const second = await renderDocument(db.pool, {
      kind: 'hearing_notice',
      key: 'case-2/hearing',
      subjectRef: 'case-2',
      data: DOCUMENT_FIXTURES.hearing_notice,
    });
    expect(second).toMatchObject({ created: true, templateVersion: 2, templateId: stored.id });
    const text = documentText((await generatedDocument(db.pool, second.id))!.content);
    expect(text).toContain('四、参加听证须知');
    expect(text).toContain('王建国');
    expect(documentText((await generatedDocument(db.pool, first.id))!.content)).toContain('四、注意事项');
  });

  it('does not touch a document already made: the same key returns it, filled from the version it was made with', async () => {
    const again = await renderDocument(db.pool, {
      kind: 'hearing_notice',
      key: 'case-1/hearing',
      subjectRef: 'case-1',
      data: DOCUMENT_FIXTURES.hearing_notice,
    });
    expect(again).toMatchObject({ created: false, templateVersion: 1 });
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM generated_document WHERE idempotency_key = 'case-1/hearing'`);
    expect(rows[0].n).toBe(1);
  });

  it('refuses data that does not fit its kind, naming the field in Chinese without its value', async () => {
    await expect(
      renderDocument(db.pool, {
        kind: 'penalty_decision',
        key: 'bad',
        subjectRef: 'case-3',
        data: { ...DOCUMENT_FIXTURES.penalty_decision, reviewAuthority: '' },
      }),
    ).rejects.toMatchObject({ code: 'InvalidActivityInput', issues: [{ path: 'reviewAuthority', message: '「行政复议机关」不得为空' }] });
  });
});
