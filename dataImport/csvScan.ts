/**
 * Byte-level checks that decide whether PostgreSQL's COPY (FORMAT csv) reads a file body exactly as
 * csv-parse (csvReader.ts) would. csv-parse runs with relax_quotes, so a quote inside an unquoted
 * cell (某"公司) is data to it, while PostgreSQL would start a quoted section there: such a file
 * must take the streaming path. The scanner only looks at quote bytes (Buffer.indexOf), so it costs
 * little on files without quotes; it also counts newlines, so the caller can check that COPY's row
 * count is one row per physical line (a quoted cell holding a line break would shift line numbers).
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Why a body cannot be COPYed as it is (no cell content: the reason may be logged). */
export class NotCopyable extends Error {
  override readonly name = 'NotCopyable';
}

/** RFC-4180 quote checker with state carried across chunks. */
export class QuoteScanner {
  private inQuotes = false;
  /** A quote inside a quoted cell was the chunk's last byte: the next byte says close or escape. */
  private pendingQuote = false;
  private prev = LF;
  problem: string | undefined;

  /** Feeds one chunk; returns false (and sets `problem`) at the first quote COPY would read differently. */
  scan(chunk: Buffer): boolean {
    if (this.problem) return false;
    const len = chunk.length;
    if (len === 0) return true;
    let i = 0;
    if (this.pendingQuote) {
      this.pendingQuote = false;
      if (chunk[0] === QUOTE)
        i = 1; // "" inside a quoted cell: a literal quote
      else if (!this.closes(chunk[0])) return false;
    }
    for (;;) {
      const p = chunk.indexOf(QUOTE, i);
      if (p < 0) break;
      if (!this.inQuotes) {
        const before = p > 0 ? chunk[p - 1] : this.prev;
        // Only a quote that opens a cell is a field quote; anything else is a stray quote.
        if (before !== COMMA && before !== LF) return this.fail('quote inside an unquoted cell');
        this.inQuotes = true;
        i = p + 1;
        continue;
      }
      if (p + 1 >= len) {
        this.pendingQuote = true;
        break;
      }
      if (chunk[p + 1] === QUOTE) {
        i = p + 2;
        continue;
      }
      if (!this.closes(chunk[p + 1])) return false;
      i = p + 1;
    }
    this.prev = chunk[len - 1];
    return true;
  }

  /** At the end of the input: an unclosed quoted cell is a malformed file for the streaming path to report. */
  end(): boolean {
    if (this.problem) return false;
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.inQuotes = false;
    }
    return this.inQuotes ? this.fail('unclosed quoted cell') : true;
  }

  private closes(next: number): boolean {
    this.inQuotes = false;
    // After a closing quote only the end of the cell may follow ("abc"def is read differently).
    return next === COMMA || next === LF || next === CR ? true : this.fail('text after a closing quote');
  }

  private fail(problem: string): false {
    this.problem = problem;
    return false;
  }
}

/** Counts newline bytes; a final line without a newline counts as a row too. */
export class LineCounter {
  newlines = 0;
  bytes = 0;
  private last = LF;

  add(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    let i = chunk.indexOf(LF);
    while (i >= 0) {
      this.newlines += 1;
      i = chunk.indexOf(LF, i + 1);
    }
    this.last = chunk[chunk.length - 1];
  }

  /** The rows COPY must report if every physical line is one record. */
  get rows(): number {
    return this.newlines + (this.bytes > 0 && this.last !== LF ? 1 : 0);
  }
}

/**
 * Passes a file body through unchanged on its way to COPY, hashing it (the batch checksum),
 * counting lines, and failing the stream with NotCopyable at the first stray quote.
 */
export class BodyScan extends Transform {
  readonly quotes = new QuoteScanner();
  readonly lines = new LineCounter();

  constructor(
    private readonly hash: Hash = createHash('sha256'),
    private readonly onChunk?: (lines: LineCounter) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.lines.add(chunk);
    if (!this.quotes.scan(chunk)) return cb(new NotCopyable(this.quotes.problem));
    try {
      this.onChunk?.(this.lines);
    } catch (err) {
      // A failing progress callback fails the import, as on the streaming path.
      return cb(err as Error);
    }
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    cb(this.quotes.end() ? null : new NotCopyable(this.quotes.problem));
  }
}
