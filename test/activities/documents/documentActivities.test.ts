/**
 * What the penalty-procedure workflow will call (activities/documents): the working calendar with the
 * province's overrides, the legal basis in force, a document number and a document per key, the
 * document's data read by reference so no personal data crosses Temporal.
 */
import type { Pool } from 'pg';
import { createDocumentActivities } from '../../../activities/documents';
import type { DocumentKind } from '../../../domain/documents';
import { addWorkingDays, CalendarYearUnknownError } from '../../../domain/workingDays';
import { generatedDocument } from '../../../documents/renderDocument';
import { replaceWorkingDayOverrides } from '../../../services/workingDayOverrides';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { DOCUMENT_FIXTURES } from './documentFixtures';

let db: TestDatabase;
const loads: { kind: DocumentKind; subjectRef: string }[] = [];
const activities = () =>
  createDocumentActivities({
    pool: db.pool,
    documentData: async (_pool: Pool, ref) => {
      loads.push({ kind: ref.kind, subjectRef: ref.subjectRef });
      return { ...DOCUMENT_FIXTURES.penalty_notice, documentNumber: ref.documentNumber };
    },
  });

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('the document activities', () => {
  it('load a calendar that knows a year only once the province entered it', async () => {
    const year = Math.max(...(await activities().loadWorkingCalendar()).years) + 1;
    expect(() => addWorkingDays({ years: [], days: {} }, `${year}-01-05`, 1)).toThrow(CalendarYearUnknownError);
    await replaceWorkingDayOverrides(db.pool, { year, days: [{ date: `${year}-01-01`, working: false, name: '元旦' }] }, 'coordinator');
    const cal = await activities().loadWorkingCalendar();
    expect(cal.years).toContain(year);
    expect(cal.days[`${year}-01-01`]).toEqual({ working: false, name: '元旦' });
    expect(addWorkingDays(cal, `${year - 1}-12-31`, 1)).not.toBe(`${year}-01-01`);
  });

  it('find the legal basis in force with its words, and refuse a combination with none', async () => {
    const basis = await activities().legalBasisInForce({ certCategory: 'COST_2', violation: 'LENDING_CERTIFICATE', asOf: '2026-03-01' });
    expect(basis.labels.measures).toEqual([
      '警告（市（州）住房和城乡建设局）',
      '责令改正（市（州）住房和城乡建设局）',
      '罚款（没有违法所得的，处10000元以下的罚款；有违法所得的，处违法所得3倍以下且不超过30000元的罚款）（市（州）住房和城乡建设局）',
      '记入不良行为记录（市（州）住房和城乡建设局）',
    ]);
    expect(await activities().legalBasisVersion({ id: basis.id })).toMatchObject({ id: basis.id, verified: false });
    // Not seeded: no text of the rule could be read (docs/legal-bases.md).
    await expect(activities().legalBasisInForce({ certCategory: 'ARCHITECT_1', violation: 'LENDING_CERTIFICATE', asOf: '2026-03-01' })).rejects.toMatchObject({
      type: 'NotFound',
      nonRetryable: true,
    });
    await expect(
      activities().legalBasisInForce({ certCategory: 'CONSTRUCTOR_2', violation: 'IMPROPER_REGISTRATION', asOf: '2021-07-14' }),
    ).rejects.toMatchObject({
      type: 'NotFound',
      nonRetryable: true,
    });
  });

  it('take a number and make the document once per key, reading its data by reference', async () => {
    const a = activities();
    const n = await a.allocateDocumentNumber({ authorityCode: '2201', kind: 'penalty_notice', year: 2026, key: 'case-9/notice/number', subjectRef: 'case-9' });
    const doc = await a.renderDocument({ kind: 'penalty_notice', key: 'case-9/notice', subjectRef: 'case-9', documentNumber: n.number });
    const again = await a.renderDocument({ kind: 'penalty_notice', key: 'case-9/notice', subjectRef: 'case-9', documentNumber: n.number });
    expect(again.id).toBe(doc.id);
    expect(doc).toMatchObject({ number: '长建罚告〔2026〕第0001号', templateVersion: 1, subjectRef: 'case-9' });
    expect(JSON.stringify(doc)).not.toContain('王建国');
    expect((await generatedDocument(db.pool, doc.id))!.content.length).toBe(doc.bytes);
    expect(loads).toContainEqual({ kind: 'penalty_notice', subjectRef: 'case-9' });
  });
});
