import { Writable } from 'node:stream';
import { terminalProgress } from '../../../dataImport/progress';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  if (isTTY) {
    stream.isTTY = true;
    stream.columns = 120;
  }
  return { stream, text: () => chunks.join('') };
}

describe('terminalProgress', () => {
  it('prints nothing when the stream is not a terminal', () => {
    const out = sink(false);
    const p = terminalProgress('social_insurance.csv', out.stream);
    p.onProgress({ rows: 1000, bytesRead: 10, totalBytes: 100 });
    p.onProgress({ rows: 2000, bytesRead: 20, totalBytes: 100 });
    p.done();
    expect(out.text()).toBe('');
  });

  it('shows the label, rows, rows per second and an ETA on a terminal', async () => {
    const out = sink(true);
    const p = terminalProgress('ss.csv', out.stream);
    p.onProgress({ rows: 1000, bytesRead: 100_000, totalBytes: 1_000_000 });
    await new Promise((r) => setTimeout(r, 150));
    p.onProgress({ rows: 12_345, bytesRead: 500_000, totalBytes: 1_000_000 });
    p.done();
    const text = out.text();
    expect(text).toContain('ss.csv');
    expect(text).toContain('12,345 rows');
    expect(text).toMatch(/[\d,]+ rows\/s/);
    expect(text).toContain('ETA');
    expect(text).toContain('100%');
  });

  it('does nothing on done() when no progress was reported', () => {
    const out = sink(true);
    terminalProgress('x', out.stream).done();
    expect(out.text()).toBe('');
  });
});
