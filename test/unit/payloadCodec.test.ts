import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec, parsePayloadKeys, PayloadKeyError } from '../../platform/payloadCodec';

const key = () => randomBytes(32).toString('base64');
const plain = (text: string): Payload => ({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(text)) });

describe('payload encryption codec', () => {
  it('round-trips payloads and leaves no plaintext in the encoded bytes', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(`k1:${key()}`));
    const [encoded] = await codec.encode([plain('case 2201-000042 decided')]);
    expect(Buffer.from(encoded.data!).toString('latin1')).not.toContain('2201-000042');
    expect(Buffer.from(encoded.metadata!.encoding).toString()).toBe('binary/encrypted');
    const [decoded] = await codec.decode([encoded]);
    expect(JSON.parse(Buffer.from(decoded.data!).toString())).toBe('case 2201-000042 decided');
  });

  it('decrypts payloads written with an older key after rotation, and encrypts with the newest', async () => {
    const oldKey = key();
    const before = new EncryptionCodec(parsePayloadKeys(`2025a:${oldKey}`));
    const [old] = await before.encode([plain('before rotation')]);
    const after = new EncryptionCodec(parsePayloadKeys(`2025b:${key()},2025a:${oldKey}`));
    expect(JSON.parse(Buffer.from((await after.decode([old]))[0].data!).toString())).toBe('before rotation');
    const [fresh] = await after.encode([plain('after')]);
    expect(Buffer.from(fresh.metadata!['encryption-key-id']).toString()).toBe('2025b');
  });

  it('refuses a tampered payload', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(`k1:${key()}`));
    const [encoded] = await codec.encode([plain('x')]);
    const data = Buffer.from(encoded.data!);
    data[data.length - 20] ^= 0xff;
    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow();
  });

  it('names the missing key id when a payload needs a key that is no longer configured', async () => {
    const [encoded] = await new EncryptionCodec(parsePayloadKeys(`gone:${key()}`)).encode([plain('x')]);
    await expect(new EncryptionCodec(parsePayloadKeys(`k2:${key()}`)).decode([encoded])).rejects.toThrow(/"gone"/);
  });

  it('passes unencrypted payloads through on decode (histories from before encryption was switched on)', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(`k1:${key()}`));
    const p = plain('old');
    expect(await codec.decode([p])).toEqual([p]);
  });

  it('rejects malformed key settings without echoing key material', () => {
    expect(() => parsePayloadKeys('k1:c2hvcnQ=')).toThrow(PayloadKeyError);
    expect(() => parsePayloadKeys('k1:c2hvcnQ=')).not.toThrow(/c2hvcnQ/);
    expect(() => parsePayloadKeys(`a:${key()},a:${key()}`)).toThrow(/twice/);
    expect(() => parsePayloadKeys('nocolon')).toThrow(/id:base64key/);
  });
});
