/**
 * The parts of an XLSX package that reading the first sheet needs, found the way the Open
 * Packaging Conventions say (relationships, not fixed names or zip order): the workbook from
 * _rels/.rels, the first sheet by workbook order, its shared strings and styles from the
 * workbook's relationships. The zip is read by random access, so the order in which a writer
 * stored the parts does not matter, and every part is streamed through a SAX parser.
 */
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/** A zip opened for random access, its entries by normalised part name. */
export interface XlsxZip {
  zip: ZipFile;
  entries: Map<string, Entry>;
}

export interface FirstSheet {
  sheet: Entry;
  sharedStrings?: Entry;
  styles?: Entry;
  /** The workbook's 1904 date system (Excel for Mac before 2011): serial 0 is 1904-01-01. */
  date1904: boolean;
}

/** Part names compare case-insensitively (OPC), without a leading slash. */
const partKey = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();

export async function openZip(filePath: string): Promise<XlsxZip> {
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(filePath, { lazyEntries: true, autoClose: false }, (err, z) => (err ? reject(err) : resolve(z)));
  });
  const entries = new Map<string, Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: Entry) => {
      entries.set(partKey(e.fileName), e);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  return { zip, entries };
}

export function openPart(z: XlsxZip, entry: Entry): Promise<Readable> {
  return z.zip.openReadStreamPromise(entry);
}

/** The tag's name without its namespace prefix (`x:row` and `row` are the same element). */
export const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Streams a part through a SAX parser; yields each chunk's inflated size after parsing it, so the caller can hand on what it collected. */
export async function* parsePart(
  z: XlsxZip,
  entry: Entry,
  handlers: {
    open: (tag: SaxesTagPlain) => void;
    close: (name: string) => void;
    text: (text: string) => void;
  },
): AsyncGenerator<number> {
  const parser = new SaxesParser({ position: false, xmlns: false });
  parser.on('opentag', handlers.open);
  parser.on('closetag', (tag) => handlers.close(tag.name));
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
  let failure: Error | undefined;
  parser.on('error', (err) => {
    failure ??= err;
  });
  const decoder = new TextDecoder('utf-8');
  const stream = await openPart(z, entry);
  try {
    for await (const chunk of stream) {
      parser.write(decoder.decode(chunk as Buffer, { stream: true }));
      if (failure) throw failure;
      yield (chunk as Buffer).length;
    }
    parser.write(decoder.decode()).close();
    if (failure) throw failure;
  } finally {
    stream.destroy();
  }
}

async function parseWhole(z: XlsxZip, entry: Entry, open: (tag: SaxesTagPlain) => void): Promise<void> {
  for await (const _ of parsePart(z, entry, { open, close: () => undefined, text: () => undefined })) void _;
}

interface Relationship {
  type: string;
  target: string;
}

/** A part's relationships (Id → type and target part name), from <dir>/_rels/<name>.rels. */
async function relationships(z: XlsxZip, partName: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  const dir = path.posix.dirname(partName);
  const entry = z.entries.get(partKey(path.posix.join(dir, '_rels', `${path.posix.basename(partName)}.rels`)));
  if (!entry) return rels;
  await parseWhole(z, entry, (tag) => {
    if (localName(tag.name) !== 'Relationship' || tag.attributes.TargetMode === 'External') return;
    const target = tag.attributes.Target ?? '';
    // Targets are relative to the source part's folder, or absolute from the package root.
    const resolved = target.startsWith('/') ? target : path.posix.join(dir === '.' ? '' : dir, target);
    rels.set(tag.attributes.Id ?? '', { type: tag.attributes.Type ?? '', target: path.posix.normalize(resolved) });
  });
  return rels;
}

const ofType = (rels: Map<string, Relationship>, suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix));

/** The first worksheet in workbook order, with the parts its cells refer to; undefined when the package has none. */
export async function findFirstSheet(z: XlsxZip): Promise<FirstSheet | undefined> {
  const workbookName = ofType(await relationships(z, ''), '/officeDocument')?.target ?? 'xl/workbook.xml';
  const workbook = z.entries.get(partKey(workbookName));
  if (!workbook) return undefined;
  let firstSheetRel: string | undefined;
  let date1904 = false;
  await parseWhole(z, workbook, (tag) => {
    const name = localName(tag.name);
    if (name === 'workbookPr') date1904 = ['1', 'true'].includes(tag.attributes.date1904 ?? '');
    if (name === 'sheet' && firstSheetRel === undefined) {
      // The relationship id is r:id under whatever prefix the writer bound to the relationships namespace.
      const idAttr = Object.keys(tag.attributes).find((a) => a.endsWith(':id'));
      firstSheetRel = idAttr ? tag.attributes[idAttr] : undefined;
    }
  });
  const rels = await relationships(z, partKey(workbookName));
  const sheetRel = firstSheetRel === undefined ? undefined : rels.get(firstSheetRel);
  const sheet = sheetRel && z.entries.get(partKey(sheetRel.target));
  if (!sheet) return undefined;
  const part = (suffix: string) => {
    const rel = ofType(rels, suffix);
    return rel && z.entries.get(partKey(rel.target));
  };
  return { sheet, sharedStrings: part('/sharedStrings'), styles: part('/styles'), date1904 };
}

/** The text of each <si>: plain or rich text runs joined, phonetic guides (<rPh>) left out. */
export async function readSharedStrings(z: XlsxZip, entry: Entry | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  const text = new RichText();
  for await (const _ of parsePart(z, entry, {
    open: (tag) => text.open(localName(tag.name)),
    close: (name) => {
      const local = localName(name);
      if (local === 'si') strings.push(text.take());
      else text.close(local);
    },
    text: (t) => text.text(t),
  }))
    void _;
  return strings;
}

/** Collects the <t> text of a string item (<si> or an inline <is>), skipping phonetic runs. */
export class RichText {
  private parts: string[] = [];
  private inT = false;
  private inPhonetic = false;

  open(local: string): void {
    if (local === 'rPh') this.inPhonetic = true;
    else if (local === 't') this.inT = !this.inPhonetic;
  }

  close(local: string): void {
    if (local === 'rPh') this.inPhonetic = false;
    else if (local === 't') this.inT = false;
  }

  text(t: string): void {
    if (this.inT) this.parts.push(t);
  }

  take(): string {
    const s = this.parts.join('');
    this.parts = [];
    this.inT = false;
    this.inPhonetic = false;
    return s;
  }
}

// Built-in number formats that show a date or time: 14–22, the East Asian ones 27–36 and 50–58, and 45–47.
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format code shows a date when, outside quoted text, escapes and [..] sections, it uses y, m, d, h or s. */
export function isDateFormatCode(code: string): boolean {
  const firstSection = code.split(';')[0];
  const bare = firstSection.replace(/"[^"]*"|\\.|_.|\*.|\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cellXfs index (a cell's `s`), whether its number format shows a date. */
export async function readDateStyles(z: XlsxZip, entry: Entry | undefined): Promise<boolean[]> {
  const isDate: boolean[] = [];
  if (!entry) return isDate;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  for await (const _ of parsePart(z, entry, {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === 'numFmt') custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? '0');
        const code = custom.get(id);
        isDate.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
      }
    },
    close: (name) => {
      if (localName(name) === 'cellXfs') inCellXfs = false;
    },
    text: () => undefined,
  }))
    void _;
  return isDate;
}
