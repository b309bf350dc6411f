/**
 * Streams the first worksheet of an XLSX file, row by row, from any conforming writer: shared or
 * inline strings, rich text runs, formulas (their cached result), parts stored in any order.
 * Memory holds the shared-strings table and one chunk of the sheet, never the sheet's rows.
 */
import type { SaxesTagPlain } from 'saxes';
import { PROBLEMS } from './detectFormat';
import { UnusableFileError } from './errors';
import type { SheetRow } from './sheetRow';
import { findFirstSheet, localName, openZip, parsePart, readDateStyles, readSharedStrings, RichText, type XlsxZip } from './xlsxPackage';

const DAY_MS = 86_400_000;
// Serial day 0 of the 1900 date system (Excel's phantom 1900-02-29 already absorbed) and of the 1904 system.
const EPOCH_1900_MS = Date.UTC(1899, 11, 30);
const EPOCH_1904_MS = Date.UTC(1904, 0, 1);

/** Where the reader is in the file, for progress: an estimate in bytes of the zip. */
export interface XlsxPosition {
  bytesRead: number;
}

/** Column index (0-based) of a cell reference such as `AB12`; undefined without letters. */
function columnIndex(ref: string | undefined): number | undefined {
  if (!ref) return undefined;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const upper = c >= 97 ? c - 32 : c;
    if (upper < 65 || upper > 90) break;
    col = col * 26 + (upper - 64);
  }
  return i === 0 ? undefined : col - 1;
}

class SheetParser {
  readonly done: SheetRow[] = [];
  private line = 0;
  private cells: unknown[] = [];
  private col = -1;
  private type = 'n';
  private style = 0;
  private value = '';
  private inValue = false;
  private inInline = false;
  private readonly inline = new RichText();

  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly dateStyles: readonly boolean[],
    private readonly epochMs: number,
  ) {}

  open(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    if (this.inInline) {
      this.inline.open(name);
      return;
    }
    switch (name) {
      case 'row': {
        const r = Number(tag.attributes.r);
        // Rows without a number follow the previous one (the attribute is optional).
        this.line = Number.isInteger(r) && r > 0 ? r : this.line + 1;
        this.cells = [];
        this.col = -1;
        break;
      }
      case 'c':
        this.col = columnIndex(tag.attributes.r) ?? this.col + 1;
        this.type = tag.attributes.t ?? 'n';
        this.style = Number(tag.attributes.s ?? '0');
        this.value = '';
        break;
      case 'v':
        this.inValue = true;
        this.value = '';
        break;
      case 'is':
        this.inInline = true;
        this.inline.take();
        break;
    }
  }

  close(tagName: string): void {
    const name = localName(tagName);
    if (this.inInline) {
      if (name === 'is') {
        this.inInline = false;
        this.value = this.inline.take();
      } else this.inline.close(name);
      return;
    }
    if (name === 'v') this.inValue = false;
    else if (name === 'c') this.cells[this.col] = this.cellValue();
    else if (name === 'row') this.done.push({ line: this.line, cells: this.cells });
  }

  text(t: string): void {
    if (this.inInline) this.inline.text(t);
    else if (this.inValue) this.value += t;
  }

  private cellValue(): unknown {
    const v = this.value;
    switch (this.type) {
      case 's':
        return this.sharedStrings[Number(v)] ?? null;
      case 'inlineStr':
      case 'str':
        return v;
      case 'b':
        return v === '1' || v === 'true';
      case 'e':
        // #N/A and friends: no value, so a required cell is reported empty rather than stored as '#N/A'.
        return null;
      case 'd':
        return v === '' ? null : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !v.includes('T') ? v : `${v}Z`);
      default: {
        if (v.trim() === '') return null;
        const n = Number(v);
        if (!Number.isFinite(n)) return v;
        return this.dateStyles[this.style] ? new Date(this.epochMs + Math.round(n * DAY_MS)) : n;
      }
    }
  }
}

export async function* readXlsxRows(filePath: string, fileName: string, position: XlsxPosition = { bytesRead: 0 }): AsyncGenerator<SheetRow> {
  let z: XlsxZip | undefined;
  try {
    z = await openZip(filePath);
    const first = await findFirstSheet(z);
    if (!first) throw new UnusableFileError(fileName, PROBLEMS.damagedXlsx);
    const sharedStrings = await readSharedStrings(z, first.sharedStrings);
    const dateStyles = await readDateStyles(z, first.styles);
    const parser = new SheetParser(sharedStrings, dateStyles, first.date1904 ? EPOCH_1904_MS : EPOCH_1900_MS);
    const { sheet } = first;
    let inflated = 0;
    const handlers = {
      open: (tag: SaxesTagPlain) => parser.open(tag),
      close: (name: string) => parser.close(name),
      text: (t: string) => parser.text(t),
    };
    for await (const bytes of parsePart(z, sheet, handlers)) {
      inflated += bytes;
      // The sheet's share of the zip, scaled by how far into its inflated data the parser is.
      const share = sheet.uncompressedSize > 0 ? Math.min(1, inflated / sheet.uncompressedSize) : 1;
      position.bytesRead = sheet.relativeOffsetOfLocalHeader + Math.round(share * sheet.compressedSize);
      yield* parser.done.splice(0);
    }
    yield* parser.done.splice(0);
  } catch (err) {
    if (err instanceof UnusableFileError) throw err;
    throw new UnusableFileError(fileName, PROBLEMS.damagedXlsx);
  } finally {
    z?.zip.close();
  }
}
