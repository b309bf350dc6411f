import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { attachmentTypeOf, describeContent } from '../../../domain/attachmentContent';

/** A minimal zip with the named, empty entries (stored, with a central directory). */
function zipOf(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('an attachment’s type, read from its bytes', () => {
  it('recognises PDF, PNG and JPEG by their signatures', () => {
    expect(attachmentTypeOf(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
    expect(attachmentTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('image/png');
    expect(attachmentTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]))).toBe('image/jpeg');
  });

  it('tells a Word document from an Excel workbook by the entries of the zip, as written by real writers', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('现场核查记录')] }] }));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('考勤').addRow(['姓名', '出勤天数']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(attachmentTypeOf(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(attachmentTypeOf(xlsx)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('refuses a plain zip, a renamed text or script, an executable and an empty file', () => {
    expect(attachmentTypeOf(zipOf(['readme.txt', 'word/not-office.xml']))).toBeUndefined();
    expect(attachmentTypeOf(zipOf(['[Content_Types].xml', 'word/document.xml']))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(attachmentTypeOf(Buffer.from('<html><script>alert(1)</script></html>'))).toBeUndefined();
    expect(attachmentTypeOf(Buffer.from('MZ\x90\x00\x03'))).toBeUndefined();
    expect(attachmentTypeOf(deflateRawSync(Buffer.from('%PDF-1.7')))).toBeUndefined();
    expect(attachmentTypeOf(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('what a refused file was taken for', () => {
  it('names the accepted types by their label and common refused ones by what their bytes show', () => {
    expect(describeContent(Buffer.from('%PDF-1.7\n'))).toBe('PDF');
    expect(describeContent(zipOf(['a.txt']))).toBe('ZIP 压缩包（不是 Word 或 Excel 文档）');
    expect(describeContent(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatch(/^旧版 Office 文件/);
    expect(describeContent(Buffer.from('GIF89a'))).toBe('GIF 图片');
    expect(describeContent(Buffer.from([0x4d, 0x5a, 0x90, 0]))).toBe('Windows 可执行程序');
    expect(describeContent(Buffer.from('#!/bin/sh\nrm -rf /'))).toBe('脚本文件');
    expect(describeContent(Buffer.from('<?xml version="1.0"?><a/>'))).toBe('HTML 或 XML 文本');
    expect(describeContent(Buffer.from('姓名,证书编号\n'))).toBe('纯文本');
    expect(describeContent(Buffer.from([0x00, 0x01, 0x02, 0xfe]))).toBe('无法识别的二进制内容');
    expect(describeContent(Buffer.alloc(0))).toBe('空文件');
  });

  it('takes text cut inside a multi-byte character at the sample’s end for text', () => {
    expect(describeContent(Buffer.from('证'.repeat(2000)))).toBe('纯文本');
  });
});
