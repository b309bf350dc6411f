/** Counts and hashes the bytes flowing from the file into a parser, for progress and the batch checksum. */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export class ByteTap extends Transform {
  bytesRead = 0;
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytesRead += chunk.length;
    this.hash.update(chunk);
    cb(null, chunk);
  }

  /** sha256 (hex) of every byte that passed; call once, after the end. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
