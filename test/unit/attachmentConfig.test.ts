/** The attachment settings (platform/attachmentConfig.ts) and the store's checks before anything is stored (checkAttachment). */
import path from 'node:path';
import { DomainError } from '../../domain/errors';
import { loadAttachmentConfig } from '../../platform/attachmentConfig';
import { attachmentFileName, checkAttachment } from '../../services/attachments/attachmentStore';

describe('the attachment settings', () => {
  it('default to PostgreSQL, the data directory’s attachments folder and no scan', () => {
    expect(loadAttachmentConfig({}, '/srv/gz')).toEqual({ store: 'postgres', dir: path.resolve('/srv/gz/attachments'), scan: { kind: 'none' } });
  });

  it('configure an S3-compatible store by its endpoint, bucket and keys', () => {
    const c = loadAttachmentConfig(
      { GZ_ATTACHMENT_STORE: 's3', GZ_S3_ENDPOINT: 'http://minio:9000', GZ_S3_BUCKET: 'evidence', GZ_S3_ACCESS_KEY_ID: 'k', GZ_S3_SECRET_ACCESS_KEY: 's' },
      '/srv/gz',
    );
    expect(c.store).toBe('s3');
    expect(c.s3).toEqual({
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      bucket: 'evidence',
      prefix: 'attachments/',
      forcePathStyle: true,
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    });
  });

  it('refuse an s3 store without a bucket, half a key pair, or an unknown store, never echoing a secret', () => {
    expect(() => loadAttachmentConfig({ GZ_ATTACHMENT_STORE: 's3' }, '/d')).toThrow('GZ_S3_BUCKET');
    expect(() => loadAttachmentConfig({ GZ_S3_BUCKET: 'bkt', GZ_S3_SECRET_ACCESS_KEY: 'top-secret' }, '/d')).toThrow('set together');
    expect(() => loadAttachmentConfig({ GZ_ATTACHMENT_STORE: 'ftp' }, '/d')).toThrow('GZ_ATTACHMENT_STORE');
    // An endpoint may carry credentials: named, never echoed.
    expect(() => loadAttachmentConfig({ GZ_S3_ENDPOINT: 'minio user:top-secret' }, '/d')).toThrow(
      /^environment variable GZ_S3_ENDPOINT=\(value hidden\) is invalid/,
    );
  });
});

describe('the checks before an attachment is stored', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return err instanceof DomainError ? { code: err.code, message: err.message } : err;
    }
    return undefined;
  };

  it('accept a file up to the limit and refuse one byte more, naming the file and the limit', () => {
    const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9)]);
    expect(checkAttachment('a.pdf', pdf(2 * 1024 * 1024), 2 * 1024 * 1024)).toBe('application/pdf');
    expect(refusal(() => checkAttachment('证据.pdf', pdf(2 * 1024 * 1024 + 1), 2 * 1024 * 1024))).toEqual({
      code: 'AttachmentTooLarge',
      message: '附件「证据.pdf」超过大小上限 2 MB（该文件 2.01 MB）',
    });
  });

  it('type a file by its bytes, not its name', () => {
    expect(checkAttachment('photo.pdf', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 100)).toBe('image/jpeg');
    expect(refusal(() => checkAttachment('scan.png', Buffer.from('GIF89a'), 100))).toEqual({
      code: 'AttachmentTypeRefused',
      message: '附件「scan.png」类型不受支持：按文件内容检测为GIF 图片；只接受PDF、PNG 图片、JPEG 图片、Word 文档（.docx）、Excel 表格（.xlsx）',
    });
  });

  it('keep a plain base name', () => {
    expect(attachmentFileName('../../etc/passwd')).toBe('passwd');
    expect(attachmentFileName('C:\\scans\\询问笔录.pdf')).toBe('询问笔录.pdf');
    expect(attachmentFileName('a\u0000b.pdf')).toBe('ab.pdf');
    expect(attachmentFileName('..')).toBe('附件');
  });
});
