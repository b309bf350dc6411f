/**
 * A progress bar for long imports on a terminal: rows, rows/s and an ETA from
 * the bytes read (the only measure of the whole known in advance). Prints
 * nothing when the stream is not a TTY, so logs and pipes stay clean.
 */
import cliProgress from 'cli-progress';
import type { ImportProgress } from './importFile';

export interface TerminalProgress {
  onProgress(p: ImportProgress): void;
  done(): void;
}

const NOOP: TerminalProgress = { onProgress: () => undefined, done: () => undefined };

export function terminalProgress(label: string, stream: NodeJS.WritableStream = process.stderr): TerminalProgress {
  if ((stream as { isTTY?: boolean }).isTTY !== true) return NOOP;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
      barsize: 24,
      hideCursor: false,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  let started = 0;
  let last: ImportProgress | undefined;
  const payload = (p: ImportProgress) => {
    const seconds = (Date.now() - started) / 1000;
    return { rows: fmt.format(p.rows), rate: seconds > 0 ? fmt.format(p.rows / seconds) : '-' };
  };
  return {
    onProgress(p) {
      last = p;
      if (!started) {
        started = Date.now();
        bar.start(Math.max(p.totalBytes, 1), p.bytesRead, payload(p));
      } else {
        bar.update(p.bytesRead, payload(p));
      }
    },
    done() {
      if (!started || !last) return;
      bar.update(Math.max(last.totalBytes, 1), payload(last));
      bar.stop();
      started = 0;
    },
  };
}
