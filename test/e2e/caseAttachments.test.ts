/**
 * A case's evidence files through the API in its own process (issue 20): an officer uploads (the
 * raw body or multipart), lists and downloads them; the same bytes come back with the same SHA-256;
 * a file refused by its content or its size is refused in Chinese naming it, and nothing is kept;
 * another city's officer, and the roles that read cases masked, are refused; each call is audited.
 * Then the same routes with the S3-compatible store configured (s3rver on a free port).
 */
import { createHash } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startLocalS3, type LocalS3 } from '../support/s3Server';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login, type Res } from './apiSupport/http';
import { seedCampaignWithCases, seedUsers, USERS, type SeededCampaign } from './apiSupport/seed';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%询问笔录\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let db: TestDatabase;
let api: RunningApi;
let seeded: SeededCampaign;
let caseId: string;
const tokens: Record<string, string> = {};

const upload = (token: string, raw: Buffer, fileName: string, contentType = 'application/octet-stream', at = caseId): Promise<Res> =>
  call(api.url, 'POST', `/cases/${encodeURIComponent(at)}/attachments?fileName=${encodeURIComponent(fileName)}`, { token, raw, contentType });
const list = (token: string, at = caseId) => call(api.url, 'GET', `/cases/${encodeURIComponent(at)}/attachments`, { token });
const download = (token: string, attachmentId: string, base = api.url) =>
  fetch(`${base}/cases/${encodeURIComponent(caseId)}/attachments/${attachmentId}`, { headers: { authorization: `Bearer ${token}` } });
const stored = async (): Promise<number> =>
  Number((await db.pool.query(`SELECT count(*) FROM attachment WHERE owner_kind = 'case' AND owner_id = $1`, [caseId])).rows[0].count);

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  seeded = await seedCampaignWithCases(db.pool, { campaignId: 'evidence', cities: ['2201', '2202'], persons: 1 });
  caseId = seeded.caseIds['2201'][0];
  api = await startApi({ databaseUrl: db.url, fakeCommands: true, env: { GZ_ATTACHMENT_LIMIT_MB: '1' } });
  for (const u of ['coordinator', 'officer2201', 'officer2202', 'supervisor', 'auditor'] as const) tokens[u] = await login(api.url, u, USERS[u].password);
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('a case’s evidence files', () => {
  let first: { attachmentId: string; sha256: string };

  it('stores an upload with the type its bytes show, its checksum and who added it, and gives the same bytes back', async () => {
    const r = await upload(tokens.officer2201, PDF, '询问笔录.pdf');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      fileName: '询问笔录.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: sha(PDF),
      addedBy: 'officer2201',
      created: true,
    });
    first = r.body;

    const back = await download(tokens.officer2201, first.attachmentId);
    expect(back.status).toBe(200);
    const bytes = Buffer.from(await back.arrayBuffer());
    expect(bytes.equals(PDF)).toBe(true);
    expect(sha(bytes)).toBe(first.sha256);
    expect(back.headers.get('x-content-sha256')).toBe(first.sha256);
    expect(back.headers.get('content-type')).toBe('application/pdf');
    expect(back.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('询问笔录.pdf')}`);
  });

  it('answers the same file again with the attachment already there, and takes a multipart upload named by its form', async () => {
    const again = await upload(tokens.coordinator, PDF, '再次上传.pdf');
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ attachmentId: first.attachmentId, fileName: '询问笔录.pdf', created: false });

    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('劳动合同')] }] }));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(docx)]), '劳动合同.docx');
    const multipart = await fetch(`${api.url}/cases/${encodeURIComponent(caseId)}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.officer2201}` },
      body: form,
    });
    expect(multipart.status).toBe(201);
    expect(await multipart.json()).toMatchObject({
      fileName: '劳动合同.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      sha256: sha(docx),
    });

    const r = await list(tokens.officer2201);
    expect(r.status).toBe(200);
    expect(r.body.limitBytes).toBe(1024 * 1024);
    expect(r.body.items.map((a: { fileName: string }) => a.fileName)).toEqual(['询问笔录.pdf', '劳动合同.docx']);
  });

  it('refuses a file by what its content is, whatever its name and declared type, saying what was detected', async () => {
    const zip = await upload(tokens.officer2201, Buffer.from('PK\u0003\u0004 a zip, not a document'), '工资表.pdf', 'application/pdf');
    expect(zip.status).toBe(415);
    expect(zip.body).toMatchObject({ code: 'unsupported_media_type', title_zh: '不支持的内容类型' });
    expect(zip.body.detail).toContain('附件「工资表.pdf」类型不受支持：按文件内容检测为ZIP 压缩包');
    expect(zip.body.errors).toEqual([{ path: 'body.file', message: expect.stringContaining('只接受PDF、PNG 图片、JPEG 图片') }]);
    const exe = await upload(tokens.officer2201, Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0]), '照片.png', 'image/png');
    expect(exe.status).toBe(415);
    expect(exe.body.detail).toContain('附件「照片.png」类型不受支持：按文件内容检测为Windows 可执行程序');
    expect(await stored()).toBe(2);
  });

  it('refuses a file over the limit naming it and the limit, and keeps nothing', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    const r = await upload(tokens.officer2201, big, '现场照片.png', 'image/png');
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 'payload_too_large', detail: '附件「现场照片.png」超过大小上限 1 MB' });
    expect(r.body.errors).toEqual([{ path: 'body', message: '附件「现场照片.png」超过大小上限 1 MB' }]);
    // Just under the limit is kept.
    const fits = await upload(tokens.officer2201, Buffer.concat([PNG, Buffer.alloc(1024 * 1024 - PNG.length)]), '现场照片.png', 'image/png');
    expect(fits.status).toBe(201);
    expect(await stored()).toBe(3);
  });

  it('refuses another city’s officer and the roles that read cases masked', async () => {
    for (const r of [await list(tokens.officer2202), await upload(tokens.officer2202, PNG, 'x.png')]) {
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('other_city');
    }
    const other = await download(tokens.officer2202, first.attachmentId);
    expect(other.status).toBe(403);
    for (const who of ['supervisor', 'auditor']) {
      expect((await list(tokens[who])).status).toBe(403);
      expect((await download(tokens[who], first.attachmentId)).status).toBe(403);
    }
    // An attachment is found only through its case: under another case it is not found.
    const otherCase = seeded.caseIds['2202'][0];
    const wrongCase = await call(api.url, 'GET', `/cases/${encodeURIComponent(otherCase)}/attachments/${first.attachmentId}`, { token: tokens.coordinator });
    expect(wrongCase.status).toBe(404);
    expect(await stored()).toBe(3);
  });

  it('audits each upload, refusal and download without the file’s name', async () => {
    const { rows } = await db.pool.query<{ action: string; user_id: string; result: string; status: number; detail: Record<string, unknown> }>(
      `SELECT action, user_id, result, status, detail FROM audit_log WHERE action LIKE 'case.attachment_%' ORDER BY id`,
    );
    const uploads = rows.filter((r) => r.action === 'case.attachment_upload');
    expect(uploads[0]).toMatchObject({
      user_id: 'officer2201',
      result: 'ok',
      status: 201,
      detail: { sha256: sha(PDF), size: PDF.length, contentType: 'application/pdf', created: true },
    });
    expect(uploads.map((r) => r.status)).toEqual(expect.arrayContaining([201, 415, 413, 403]));
    expect(rows.some((r) => r.action === 'case.attachment_download' && r.status === 200 && r.detail.sha256 === sha(PDF))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('询问笔录');
  });
});

describe('with the S3-compatible store configured', () => {
  let s3: LocalS3;
  let s3Api: RunningApi;

  beforeAll(async () => {
    s3 = await startLocalS3();
    s3Api = await startApi({ databaseUrl: db.url, fakeCommands: true, env: s3.env });
  });

  afterAll(async () => {
    await s3Api?.stop();
    await s3?.stop();
  });

  it('keeps the bytes in the bucket and gives them back, and still reads the files stored in PostgreSQL before', async () => {
    const token = await login(s3Api.url, 'officer2201', USERS.officer2201.password);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 1, 2, 3]);
    const r = await call(s3Api.url, 'POST', `/cases/${encodeURIComponent(caseId)}/attachments?fileName=${encodeURIComponent('现场.jpg')}`, {
      token,
      raw: jpeg,
      contentType: 'image/jpeg',
    });
    expect(r.status).toBe(201);
    const { rows } = await db.pool.query('SELECT backend, storage_key FROM attachment WHERE id = $1', [r.body.attachmentId]);
    expect(rows).toEqual([{ backend: 's3', storage_key: sha(jpeg) }]);
    expect((await db.pool.query('SELECT 1 FROM attachment_content WHERE storage_key = $1', [sha(jpeg)])).rows).toEqual([]);

    const back = await download(token, r.body.attachmentId, s3Api.url);
    expect(Buffer.from(await back.arrayBuffer()).equals(jpeg)).toBe(true);
    const old = await download(token, (await list(tokens.officer2201)).body.items[0].attachmentId, s3Api.url);
    expect(Buffer.from(await old.arrayBuffer()).equals(PDF)).toBe(true);
  });
});
