import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EncryptionCodec, parsePayloadKeys, PayloadKeyError } from '../../platform/payloadCodec';
import { newPayloadKeyEntry, payloadKeyFile, resolvePayloadKeys } from '../../platform/payloadKeys';

describe('payload keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gz-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are generated once into the data directory (file 0600, folder 0700) and read back by every later process', () => {
    const first = resolvePayloadKeys({ dataDir: dir });
    expect(parsePayloadKeys(first)).toHaveLength(1);
    expect(statSync(payloadKeyFile(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(payloadKeyFile(dir))).mode & 0o777).toBe(0o700);
    expect(resolvePayloadKeys({ dataDir: dir })).toBe(first);
  });

  it('come from GZ_PAYLOAD_KEYS when it is set, and no file is written', () => {
    const keys = newPayloadKeyEntry();
    expect(resolvePayloadKeys({ keys, dataDir: dir })).toBe(keys);
    expect(() => statSync(payloadKeyFile(dir))).toThrow();
  });

  it('rotate by a new first line: it encrypts, the old line still decrypts what was written before', async () => {
    const old = new EncryptionCodec(parsePayloadKeys(resolvePayloadKeys({ dataDir: dir })));
    const [before] = await old.encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"before"') }]);
    const file = payloadKeyFile(dir);
    writeFileSync(file, `${newPayloadKeyEntry()}\n${readFileSync(file, 'utf8')}`);
    const rotated = new EncryptionCodec(parsePayloadKeys(resolvePayloadKeys({ dataDir: dir })));
    const [after] = await rotated.encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"after"') }]);
    expect(Buffer.from(after.metadata!['encryption-key-id']).toString()).not.toBe(Buffer.from(before.metadata!['encryption-key-id']).toString());
    expect(Buffer.from((await rotated.decode([before]))[0].data!).toString()).toBe('"before"');
    await expect(old.decode([after])).rejects.toThrow(PayloadKeyError);
  });
});
