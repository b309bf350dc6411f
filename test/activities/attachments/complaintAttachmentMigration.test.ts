/**
 * Migration 078 (issue 20 item 5): a complaint's files written to complaint_attachment before the one
 * attachment store are copied into it with their ids (owner kind complaint, the complaint number),
 * so the complaint's detail and download still find them, and the same bytes again answer the copy.
 */
import { createHash } from 'node:crypto';
import { migrate } from '../../../db/migrate';
import { complaintCaseDetail } from '../../../readModel/complaintCases';
import { postgresAttachmentStore } from '../../../services/attachments/attachmentStore';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('旧的投诉截图')]);
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const NO = '2201-2026-000078';
const OLD_ID = '00000000-0000-4000-8000-00000000078a';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('migration 078', () => {
  it('copies the complaint’s older files with their ids into the one attachment store', async () => {
    await db.pool.query(
      `INSERT INTO campaign (id, name, config, calendar, workflow_id, launched_by) VALUES ('m078', 'm', '{}', '{}', 'campaign/m078', 'test')`,
    );
    await db.pool.query(
      `INSERT INTO complaint_case (complaint_no, request_key, city_code, year, seq, campaign_id, channel, source, subject_kind, subject_unit_name,
                                   content, received_at, registered_by, accept_due_at, query_code_sha256)
       VALUES ($1, 'k-078', '2201', 2026, 78, 'm078', 'web', 'public', 'unit', '某某建设有限公司', '该公司存在挂证问题', now(), 'public', now(), $2)`,
      [NO, sha('code')],
    );
    await db.pool.query(
      `INSERT INTO complaint_attachment (id, complaint_no, file_name, content_type, size, sha256, content, uploaded_by)
       VALUES ($1, $2, '社保截图.png', 'image/png', $3, $4, $5, 'public')`,
      [OLD_ID, NO, PNG.length, sha(PNG), PNG],
    );
    // Re-apply 078 over the rows written as before it.
    await db.pool.query(`DELETE FROM schema_migration WHERE name = '078_complaint_attachments.sql'`);
    await migrate(db.pool);
    const store = postgresAttachmentStore(db.pool);
    const owner = { kind: 'complaint' as const, id: NO };
    const opened = await store.open(owner, OLD_ID);
    expect(opened).toMatchObject({ attachmentId: OLD_ID, fileName: '社保截图.png', contentType: 'image/png', sha256: sha(PNG), addedBy: 'public' });
    expect(opened?.content.equals(PNG)).toBe(true);
    const detail = await complaintCaseDetail(db.pool, '2201', NO, { persons: true, contact: true });
    expect(detail?.attachments).toEqual([expect.objectContaining({ attachmentId: OLD_ID, sha256: sha(PNG), addedBy: 'public' })]);
    expect(await store.add(owner, { fileName: '再传.png', bytes: PNG, addedBy: 'officer2201' })).toMatchObject({ created: false, attachmentId: OLD_ID });
  });
});
