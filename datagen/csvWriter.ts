/** A buffered, back-pressure-aware CSV file writer (RFC 4180 quoting), for millions of rows. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const FLUSH_AT = 1 << 20;

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export class CsvWriter {
  private readonly out: WriteStream;
  private buffer = '';
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
    opts: { bom?: boolean } = {},
  ) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.buffer = (opts.bom ? '\uFEFF' : '') + header.map(cell).join(',') + '\n';
  }

  /** Appends a row; await it so a slow disk holds the generator back instead of filling memory. */
  async row(cells: readonly string[]): Promise<void> {
    this.buffer += cells.map(cell).join(',') + '\n';
    this.rows++;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}
