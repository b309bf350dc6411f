/**
 * The virus-scan hook: every attachment is handed to a scanner before anything is stored; a file
 * the scanner refuses is stored nowhere (docs/security.md, "Attachments"). The default scans
 * nothing. `clamd` talks to a ClamAV daemon over TCP (INSTREAM): GZ_ATTACHMENT_SCAN=clamd.
 * A scanner that cannot answer refuses the store (an error, not a pass): a file is never kept unscanned
 * when a scan was configured.
 */
import net from 'node:net';
import type { AttachmentConfig } from './attachmentConfig';

export type ScanVerdict = { clean: true } | { clean: false; finding: string };

export interface VirusScanner {
  readonly name: string;
  scan(bytes: Buffer): Promise<ScanVerdict>;
}

export const noScan: VirusScanner = { name: 'none', scan: async () => ({ clean: true }) };

/** clamd's INSTREAM command: the bytes in chunks of <4-byte big-endian length><data>, ended by a zero length. */
export function clamdScanner(o: { host: string; port: number; timeoutMs: number }): VirusScanner {
  return {
    name: `clamd ${o.host}:${o.port}`,
    scan: (bytes) =>
      new Promise<ScanVerdict>((resolve, reject) => {
        const socket = net.connect({ host: o.host, port: o.port });
        const answer: Buffer[] = [];
        socket.setTimeout(o.timeoutMs, () => socket.destroy(new Error(`clamd at ${o.host}:${o.port} did not answer within ${o.timeoutMs} ms`)));
        socket.on('error', reject);
        socket.on('data', (d: Buffer) => answer.push(d));
        socket.on('end', () => {
          const line = Buffer.concat(answer).toString('utf8').replace(/\0/g, '').trim();
          // "stream: OK", "stream: Eicar-Signature FOUND", "INSTREAM size limit exceeded. ERROR".
          if (/^stream: OK$/.test(line)) resolve({ clean: true });
          else if (/ FOUND$/.test(line)) resolve({ clean: false, finding: line.replace(/^stream: /, '').replace(/ FOUND$/, '') });
          else reject(new Error(`clamd answered: ${line || '(nothing)'}`));
        });
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          for (let at = 0; at < bytes.length; at += 64 * 1024) {
            const chunk = bytes.subarray(at, at + 64 * 1024);
            const size = Buffer.alloc(4);
            size.writeUInt32BE(chunk.length);
            socket.write(size);
            socket.write(chunk);
          }
          socket.end(Buffer.alloc(4));
        });
      }),
  };
}

export function scannerOf(config: AttachmentConfig): VirusScanner {
  return config.scan.kind === 'clamd' ? clamdScanner(config.scan) : noScan;
}
