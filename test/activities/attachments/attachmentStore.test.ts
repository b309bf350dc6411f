/**
 * The one attachment store (services/attachments/attachmentStore.ts) on a real database, per
 * backend as the environment configures it: PostgreSQL (the default), a directory, and an
 * S3-compatible bucket (s3rver, a local S3-compatible server, on a free port in a temporary
 * directory). Each backend keeps the bytes under their checksum, answers the same bytes for the
 * same owner with the attachment already there, gives them back unchanged, and only through
 * their owner. Refusals (size, type, the virus scan) store nothing; migration 073 copies the
 * procedures' and tasks' files with their ids.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { migrate } from '../../../db/migrate';
import { DomainError } from '../../../domain/errors';
import { loadAttachmentConfig } from '../../../platform/attachmentConfig';
import { openBlobBackends } from '../../../platform/attachmentBlobs';
import { clamdScanner, noScan, type VirusScanner } from '../../../platform/virusScan';
import { createAttachmentStore, type AttachmentStore } from '../../../services/attachments/attachmentStore';
import { registerComplaintCase } from '../../../services/complaintCases';
import type { Client } from '@temporalio/client';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startLocalS3, type LocalS3 } from '../../support/s3Server';
import { seedCampaignWithCases, seedProcedure } from '../../e2e/apiSupport/seed';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%询问笔录\ntrailer<<>>\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => (err instanceof DomainError ? { code: err.code, message: err.message, paths: err.issues.map((i) => i.path) } : err),
  );

let db: TestDatabase;
let s3: LocalS3;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  s3 = await startLocalS3();
  dir = mkdtempSync(path.join(os.tmpdir(), 'gz-attachments-'));
});

afterAll(async () => {
  await s3?.stop();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function storeOf(env: Record<string, string>, o: { scanner?: VirusScanner; limitBytes?: number } = {}): AttachmentStore {
  const config = loadAttachmentConfig({ GZ_ATTACHMENT_DIR: dir, ...env }, dir);
  return createAttachmentStore({
    pool: db.pool,
    blobs: openBlobBackends(config, db.pool),
    scanner: o.scanner ?? noScan,
    limitBytes: o.limitBytes ?? 1024 * 1024,
  });
}

/** Where each backend keeps the bytes of a key, read without the store. */
const backends: [string, () => Record<string, string>, (key: string) => Promise<Buffer | undefined>][] = [
  [
    'postgres',
    () => ({}),
    async (key) => (await db.pool.query<{ content: Buffer }>('SELECT content FROM attachment_content WHERE storage_key = $1', [key])).rows[0]?.content,
  ],
  [
    'filesystem',
    () => ({ GZ_ATTACHMENT_STORE: 'filesystem' }),
    async (key) => {
      const file = path.join(dir, key.slice(0, 2), key.slice(2, 4), key);
      return existsSync(file) ? readFileSync(file) : undefined;
    },
  ],
  [
    's3',
    () => s3.env,
    async (key) => {
      const client = new S3Client({
        endpoint: s3.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      const out = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `attachments/${key}` })).catch(() => undefined);
      return out?.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined;
    },
  ],
];

describe.each(backends)('the %s backend', (backend, env, stored) => {
  const owner = { kind: 'case' as const, id: `case-${backend}` };

  it('stores the file under its checksum with who added it, answers the same bytes with the same attachment, and gives them back unchanged', async () => {
    const store = storeOf(env());
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(`劳动合同 ${backend}`)] }] }));
    const first = await store.add(owner, { fileName: '劳动合同.pdf', bytes: docx, addedBy: 'officer2201' });
    expect(first).toMatchObject({
      created: true,
      backend,
      owner,
      fileName: '劳动合同.pdf',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      size: docx.length,
      sha256: sha(docx),
      addedBy: 'officer2201',
    });
    expect((await stored(sha(docx)))?.equals(docx)).toBe(true);

    const again = await store.add(owner, { fileName: '劳动合同（再次上传）.docx', bytes: docx, addedBy: 'officer2201' });
    expect(again).toMatchObject({ created: false, attachmentId: first.attachmentId, fileName: '劳动合同.pdf' });
    const second = await store.add(owner, { fileName: '询问笔录.pdf', bytes: PDF, addedBy: 'officer2201' });
    expect((await store.list(owner)).map((a) => a.attachmentId)).toEqual([first.attachmentId, second.attachmentId]);

    const opened = await store.open(owner, first.attachmentId);
    expect(opened?.content.equals(docx)).toBe(true);
    expect(sha(opened!.content)).toBe(first.sha256);
    // Only through its owner.
    expect(await store.open({ kind: 'case', id: 'another-case' }, first.attachmentId)).toBeUndefined();
    expect(await store.open({ kind: 'complaint', id: owner.id }, first.attachmentId)).toBeUndefined();
    expect(await store.open(owner, 'not-a-uuid')).toBeUndefined();
  });

  it('keeps bytes attached to two owners once, as two attachments', async () => {
    const store = storeOf(env());
    const a = await store.add({ kind: 'complaint', id: `c-${backend}` }, { fileName: '举报材料.pdf', bytes: PDF, addedBy: 'officer2201' });
    const b = await store.add({ kind: 'procedure', id: `p-${backend}` }, { fileName: '陈述.pdf', bytes: PDF, addedBy: 'officer2201' });
    expect(a.attachmentId).not.toBe(b.attachmentId);
    const { rows } = await db.pool.query('SELECT DISTINCT backend, storage_key FROM attachment WHERE id = ANY($1::uuid[])', [[a.attachmentId, b.attachmentId]]);
    expect(rows).toEqual([{ backend, storage_key: sha(PDF) }]);
  });
});

describe('refusals and integrity', () => {
  const owner = { kind: 'case' as const, id: 'case-refusals' };
  const count = async () => Number((await db.pool.query('SELECT count(*) FROM attachment WHERE owner_id = $1', [owner.id])).rows[0].count);

  it('refuses a file over the limit, naming the file and the limit, and stores nothing', async () => {
    const store = storeOf({}, { limitBytes: 1024 * 1024 });
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]);
    expect(await refusal(store.add(owner, { fileName: '工资表扫描件.pdf', bytes: big, addedBy: 'officer2201' }))).toEqual({
      code: 'AttachmentTooLarge',
      message: '附件「工资表扫描件.pdf」超过大小上限 1 MB（该文件 1.01 MB）',
      paths: ['file'],
    });
    // Exactly at the limit is accepted.
    const atLimit = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 - PDF.length)]);
    expect((await store.add(owner, { fileName: '恰好上限.pdf', bytes: atLimit, addedBy: 'officer2201' })).size).toBe(1024 * 1024);
    expect(await count()).toBe(1);
  });

  it('refuses what the bytes show to be none of the accepted types, saying what was detected, whatever the name says', async () => {
    const store = storeOf({});
    const cases: [string, Buffer, string][] = [
      ['合同.pdf', Buffer.from('PK\u0003\u0004 not an office file'), 'ZIP 压缩包'],
      ['照片.jpg', Buffer.from('<!DOCTYPE html><html></html>'), 'HTML 或 XML 文本'],
      ['笔录.docx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '旧版 Office 文件'],
      ['setup.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'Windows 可执行程序'],
      ['说明.pdf', Buffer.from('只是一段文字'), '纯文本'],
      ['空.pdf', Buffer.alloc(0), '空文件'],
    ];
    for (const [fileName, bytes, detected] of cases) {
      const r = await refusal(store.add(owner, { fileName, bytes, addedBy: 'officer2201' }));
      expect(r).toMatchObject({ code: 'AttachmentTypeRefused', paths: ['file'] });
      expect((r as { message: string }).message).toContain(`附件「${fileName}」类型不受支持：按文件内容检测为${detected}`);
    }
    expect(await count()).toBe(1);
  });

  it('hands every new file to the virus-scan hook first: refused, nothing is stored anywhere', async () => {
    const seen: Buffer[] = [];
    const refusing: VirusScanner = {
      name: 'test',
      scan: async (bytes) => {
        seen.push(bytes);
        return bytes.includes('EICAR') ? { clean: false, finding: 'Eicar-Test-Signature' } : { clean: true };
      },
    };
    const store = storeOf({ GZ_ATTACHMENT_STORE: 'filesystem' }, { scanner: refusing });
    const infected = Buffer.from('%PDF-1.4\n% EICAR test\n');
    expect(await refusal(store.add(owner, { fileName: '可疑.pdf', bytes: infected, addedBy: 'officer2201' }))).toEqual({
      code: 'AttachmentScanRefused',
      message: '附件「可疑.pdf」未通过病毒扫描（Eicar-Test-Signature），未保存',
      paths: ['file'],
    });
    expect(seen.map((b) => b.equals(infected))).toEqual([true]);
    expect(existsSync(path.join(dir, sha(infected).slice(0, 2), sha(infected).slice(2, 4), sha(infected)))).toBe(false);
    expect(await count()).toBe(1);
    await store.add(owner, { fileName: '干净.pdf', bytes: PDF, addedBy: 'officer2201' });
    expect(seen).toHaveLength(2);
  });

  it('refuses a complaint whose file the scan refuses before writing any of it (the sender keeps the form to send again)', async () => {
    const refusing: VirusScanner = {
      name: 'test',
      scan: async (bytes) => (bytes.includes('EICAR') ? { clean: false, finding: 'Eicar-Test-Signature' } : { clean: true }),
    };
    const store = storeOf({}, { scanner: refusing });
    const complaints = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM complaint_case')).rows[0].n);
    const before = await complaints();
    // The refusal comes before the complaint's transaction: the Temporal client is never reached.
    const deps = { pool: db.pool, client: {} as Client, taskQueue: 'unused', attachments: store };
    expect(
      await refusal(
        registerComplaintCase(deps, {
          requestKey: 'scan-refused-1',
          cityCode: '2201',
          channel: 'web',
          source: 'public',
          subject: { kind: 'unit', unitName: '长春某建筑工程有限公司' },
          content: '该单位存在挂证行为，附证据材料。',
          registeredBy: 'public',
          attachments: [{ fileName: '证据.pdf', bytes: Buffer.from('%PDF-1.4\n% EICAR test\n') }],
        }),
      ),
    ).toMatchObject({ code: 'AttachmentScanRefused', message: '附件「证据.pdf」未通过病毒扫描（Eicar-Test-Signature），未保存' });
    expect(await complaints()).toBe(before);
  });

  it('reads a file from the backend that stored it after the setting changed, and refuses bytes that no longer match their checksum', async () => {
    const owner2 = { kind: 'supervision_task' as const, id: '77' };
    const fromDisk = await storeOf({ GZ_ATTACHMENT_STORE: 'filesystem' }).add(owner2, {
      fileName: '督办.pdf',
      bytes: Buffer.from('%PDF-1.4\n%督办\n'),
      addedBy: 'coordinator',
    });
    const nowPostgres = storeOf({});
    expect((await nowPostgres.open(owner2, fromDisk.attachmentId))?.content.toString()).toBe('%PDF-1.4\n%督办\n');
    writeFileSync(path.join(dir, fromDisk.sha256.slice(0, 2), fromDisk.sha256.slice(2, 4), fromDisk.sha256), '%PDF-1.4\n%changed\n');
    await expect(nowPostgres.open(owner2, fromDisk.attachmentId)).rejects.toThrow('no longer match their SHA-256');
  });
});

describe('clamd (GZ_ATTACHMENT_SCAN=clamd)', () => {
  it('streams the bytes with INSTREAM and reads the verdict', async () => {
    // ClamAV itself is not installed here: a server speaking clamd's INSTREAM protocol stands in,
    // reassembling the chunks and answering as clamd does.
    const received: Buffer[] = [];
    const server = net.createServer((socket) => {
      let buffered = Buffer.alloc(0);
      socket.on('data', (d: Buffer) => {
        buffered = Buffer.concat([buffered, d]);
        const command = Buffer.from('zINSTREAM\0');
        if (!buffered.subarray(0, command.length).equals(command)) return;
        let at = command.length;
        const chunks: Buffer[] = [];
        while (at + 4 <= buffered.length) {
          const size = buffered.readUInt32BE(at);
          if (size === 0) {
            const file = Buffer.concat(chunks);
            received.push(file);
            socket.end(file.includes('EICAR') ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
            return;
          }
          if (at + 4 + size > buffered.length) return;
          chunks.push(buffered.subarray(at + 4, at + 4 + size));
          at += 4 + size;
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const config = loadAttachmentConfig({ GZ_ATTACHMENT_SCAN: 'clamd', GZ_CLAMD_PORT: String(port) }, dir);
      expect(config.scan).toEqual({ kind: 'clamd', host: '127.0.0.1', port, timeoutMs: 30_000 });
      const scanner = clamdScanner({ host: '127.0.0.1', port, timeoutMs: 5000 });
      const large = Buffer.concat([PDF, Buffer.alloc(200 * 1024, 1)]);
      expect(await scanner.scan(large)).toEqual({ clean: true });
      expect(received[0].equals(large)).toBe(true);
      expect(await scanner.scan(Buffer.from('%PDF EICAR'))).toEqual({ clean: false, finding: 'Eicar-Test-Signature' });
    } finally {
      server.close();
    }
    // Nobody listening: the scan fails, so the store refuses rather than keep an unscanned file.
    await expect(clamdScanner({ host: '127.0.0.1', port, timeoutMs: 2000 }).scan(PDF)).rejects.toThrow();
  });
});

describe('migration 073', () => {
  it('copies the procedures’ and tasks’ files with their ids, so what names them still resolves', async () => {
    await db.pool.query(
      `INSERT INTO campaign (id, name, config, calendar, workflow_id, launched_by) VALUES ('m073', 'm', '{}', '{}', 'campaign/m073', 'test')`,
    );
    const task = await db.pool.query<{ id: string }>(
      `INSERT INTO supervision_task (campaign_id, city_code, source, reason, created_at) VALUES ('m073', '2201', 'progress_notice', '滞后', now()) RETURNING id`,
    );
    const old = { task: '00000000-0000-4000-8000-00000000073a', dup: '00000000-0000-4000-8000-00000000073b' };
    // The old table allowed the same file twice: both ids stay valid.
    for (const id of [old.task, old.dup]) {
      await db.pool.query(
        `INSERT INTO task_attachment (id, supervision_task_id, file_name, content_type, size, sha256, content, uploaded_by)
         VALUES ($1, $2, '旧附件.pdf', 'application/pdf', $3, $4, $5, 'coordinator')`,
        [id, task.rows[0].id, PDF.length, sha(PDF), PDF],
      );
    }
    const seeded = await seedCampaignWithCases(db.pool, { campaignId: 'm073-cases', cities: ['2201'], persons: 1 });
    const procedureId = await seedProcedure(db.pool, { caseId: seeded.caseIds['2201'][0], level: 'city' });
    const statement = '00000000-0000-4000-8000-00000000073c';
    await db.pool.query(
      `INSERT INTO procedure_attachment (attachment_id, procedure_id, file_name, content_type, bytes, sha256, size, uploaded_by)
       VALUES ($1, $2, '陈述申辩书.pdf', 'application/pdf', $3, $4, $5, 'officer2201')`,
      [statement, procedureId, PDF, sha(PDF), PDF.length],
    );
    // Re-apply 073 over the rows written as before it.
    await db.pool.query(`DROP TABLE attachment, attachment_content; DELETE FROM schema_migration WHERE name = '073_attachments.sql'`);
    await migrate(db.pool);
    const store = storeOf({});
    const owner = { kind: 'supervision_task' as const, id: task.rows[0].id };
    for (const id of [old.task, old.dup]) {
      expect(await store.open(owner, id)).toMatchObject({
        attachmentId: id,
        fileName: '旧附件.pdf',
        addedBy: 'coordinator',
        backend: 'postgres',
        sha256: sha(PDF),
      });
    }
    expect(await store.open({ kind: 'procedure', id: procedureId }, statement)).toMatchObject({ fileName: '陈述申辩书.pdf', addedBy: 'officer2201' });
    expect(await store.open({ kind: 'procedure', id: procedureId }, old.task)).toBeUndefined();
    // The same bytes again answer a copied attachment rather than a third.
    expect(await store.add(owner, { fileName: '再传.pdf', bytes: PDF, addedBy: 'coordinator' })).toMatchObject({ created: false, attachmentId: old.task });
  });
});
