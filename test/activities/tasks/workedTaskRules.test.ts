/**
 * The rules of working a task (services/workedTasks.ts) on a real database: who may own it, no ID
 * numbers in what the reports print, findings before the close, nothing changes once closed, and
 * an attachment typed by its bytes, whatever its name says.
 */
import { Document, Packer, Paragraph } from 'docx';
import { DomainError } from '../../../domain/errors';
import { taskDetail } from '../../../readModel/workedTasks';
import { postgresAttachmentStore, type AttachmentStore } from '../../../services/attachments/attachmentStore';
import { assignTaskOwner, closeTask, recordTaskFindings, storeTaskAttachment } from '../../../services/workedTasks';
import { fixtureIdNumber } from '../../support/caseFixtures';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const CAMPAIGN = 'task-rules';
const ID_NUMBER = fixtureIdNumber(1);

describe('working a supervision task or an on-site check', () => {
  let db: TestDatabase;
  let onsite: { campaignId: string; cityCode: string; taskId: number };
  let supervision: { campaignId: string; taskId: number };
  let store: AttachmentStore;
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (err: unknown) => (err instanceof DomainError ? { code: err.code, issues: err.issues.map((i) => i.path) } : err),
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    store = postgresAttachmentStore(db.pool);
    await db.pool.query(`INSERT INTO campaign (id, name, config, calendar, workflow_id, launched_by) VALUES ($1, '规则', '{}', '{}', $2, 'test')`, [
      CAMPAIGN,
      `campaign/${CAMPAIGN}`,
    ]);
    await db.pool.query(
      `INSERT INTO app_user (username, display_name, role, city_code, password_hash, disabled_at) VALUES
        ('officer2201', '长春', 'city_officer', '2201', 'x', NULL), ('officer2202', '吉林', 'city_officer', '2202', 'x', NULL),
        ('gone2201', '已停用', 'city_officer', '2201', 'x', now()), ('coordinator', '省级', 'province_coordinator', NULL, 'x', NULL)`,
    );
    const o = await db.pool.query(
      `INSERT INTO onsite_check_task (campaign_id, unit_key, city_code, unit_name, reason, violations, staff_total)
       VALUES ($1, 'name:规则单位', '2201', '规则单位', 'min_violations', 3, 5) RETURNING id`,
      [CAMPAIGN],
    );
    onsite = { campaignId: CAMPAIGN, cityCode: '2201', taskId: Number(o.rows[0].id) };
    const s = await db.pool.query(
      `INSERT INTO supervision_task (campaign_id, city_code, source, reason, created_at) VALUES ($1, '2201', 'progress_notice', '逾期', now()) RETURNING id`,
      [CAMPAIGN],
    );
    supervision = { campaignId: CAMPAIGN, taskId: Number(s.rows[0].id) };
  });
  afterAll(async () => {
    await db.drop();
  });

  it('gives an on-site check only to an active officer of its city, and a supervision task only to a coordinator', async () => {
    for (const owner of ['officer2202', 'gone2201', 'coordinator', 'nobody']) {
      expect(await refusal(assignTaskOwner(db.pool, 'onsite', onsite, { owner, dueDate: '2025-01-20', by: 'officer2201' }))).toEqual({
        code: 'UpdateRefused',
        issues: ['owner'],
      });
    }
    expect(await refusal(assignTaskOwner(db.pool, 'supervision', supervision, { owner: 'officer2201', dueDate: '2024-11-30', by: 'coordinator' }))).toEqual({
      code: 'UpdateRefused',
      issues: ['owner'],
    });
    await assignTaskOwner(db.pool, 'onsite', onsite, { owner: 'officer2201', dueDate: '2025-01-20', by: 'officer2201' });
    expect(await taskDetail(db.pool, 'onsite', onsite, true)).toMatchObject({ status: 'in_progress', owner: 'officer2201', dueDate: '2025-01-20' });
  });

  it('does not find a task under another city or campaign', async () => {
    expect(await refusal(recordTaskFindings(db.pool, 'onsite', { ...onsite, cityCode: '2202' }, { findings: '发现', by: 'officer2202' }))).toEqual({
      code: 'NotFound',
      issues: [],
    });
    expect(await taskDetail(db.pool, 'onsite', { ...onsite, campaignId: 'other' }, true)).toBeUndefined();
  });

  it('refuses an ID number in the findings or the result, and a close before the findings', async () => {
    expect(await refusal(recordTaskFindings(db.pool, 'onsite', onsite, { findings: `约谈 ${ID_NUMBER}`, by: 'officer2201' }))).toEqual({
      code: 'UpdateRefused',
      issues: ['findings'],
    });
    expect(await refusal(closeTask(db.pool, 'onsite', onsite, { result: '已整改', by: 'officer2201' }))).toEqual({ code: 'UpdateRefused', issues: [] });
    await recordTaskFindings(db.pool, 'onsite', onsite, { findings: '项目负责人未到岗', by: 'officer2201' });
    expect(await refusal(closeTask(db.pool, 'onsite', onsite, { result: `移交 ${ID_NUMBER}`, by: 'officer2201' }))).toEqual({
      code: 'UpdateRefused',
      issues: ['result'],
    });
  });

  it('stores an attachment under the type its bytes show, with its checksum, and refuses one that is none of the accepted types', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('记录')] }] }));
    const stored = await storeTaskAttachment(db.pool, store, 'onsite', onsite, { fileName: '记录.pdf', bytes: docx, by: 'officer2201' });
    expect(stored.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.open({ kind: 'onsite_check', id: String(onsite.taskId) }, stored.attachmentId))?.content.equals(docx)).toBe(true);
    expect(await store.open({ kind: 'supervision_task', id: String(onsite.taskId) }, stored.attachmentId)).toBeUndefined();
    expect(
      await refusal(storeTaskAttachment(db.pool, store, 'onsite', onsite, { fileName: 'x.pdf', bytes: Buffer.from('#!/bin/sh'), by: 'officer2201' })),
    ).toEqual({
      code: 'AttachmentTypeRefused',
      issues: ['file'],
    });
  });

  it('closes with the result, and then refuses every change', async () => {
    await closeTask(db.pool, 'onsite', onsite, { result: '已责令整改', by: 'officer2201' });
    expect(await taskDetail(db.pool, 'onsite', onsite, true)).toMatchObject({
      status: 'closed',
      result: '已责令整改',
      closedBy: 'officer2201',
      attachments: 1,
    });
    const pdf = Buffer.from('%PDF-1.4\n');
    for (const change of [
      () => recordTaskFindings(db.pool, 'onsite', onsite, { findings: '再改', by: 'officer2201' }),
      () => assignTaskOwner(db.pool, 'onsite', onsite, { owner: 'officer2201', dueDate: '2025-02-01', by: 'officer2201' }),
      () => closeTask(db.pool, 'onsite', onsite, { result: '再次办结', by: 'officer2201' }),
      () => storeTaskAttachment(db.pool, store, 'onsite', onsite, { fileName: 'a.pdf', bytes: pdf, by: 'officer2201' }),
    ]) {
      expect(await refusal(change())).toEqual({ code: 'UpdateRefused', issues: [] });
    }
  });
});
