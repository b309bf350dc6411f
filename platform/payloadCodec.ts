import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/**
 * Encrypts every payload Temporal stores (workflow inputs, results, signals, updates, activity
 * arguments) with AES-256-GCM, as defence in depth: workflows carry case ids only, but nothing that
 * reaches the Temporal server should be readable there.
 *
 * Keys come from configuration as `id:base64key` pairs; the first one encrypts, all of them decrypt,
 * so a key is rotated by putting a new one first and keeping the old ones until no history needs them.
 */
const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

export class PayloadKeyError extends Error {}

/** Parses GZ_PAYLOAD_KEYS: `id1:base64,id2:base64`, each key 32 bytes. The message never contains a key. */
export function parsePayloadKeys(spec: string): PayloadKey[] {
  const keys = spec.split(',').map((part, index) => {
    const [id, b64, ...rest] = part.trim().split(':');
    if (!id || !b64 || rest.length > 0) throw new PayloadKeyError(`GZ_PAYLOAD_KEYS entry ${index + 1} is not of the form id:base64key`);
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new PayloadKeyError(`GZ_PAYLOAD_KEYS key "${id}" must be 32 bytes (base64 of 32 random bytes), got ${key.length}`);
    return { id, key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new PayloadKeyError('GZ_PAYLOAD_KEYS has a key id twice');
  return keys;
}

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: PayloadKey[]) {
    if (keys.length === 0) throw new PayloadKeyError('at least one payload key is needed');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys[0];
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { encoding: Buffer.from(ENCODING), [KEY_ID]: Buffer.from(id) },
        data: Buffer.concat([iv, body, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (Buffer.from(payload.metadata?.encoding ?? []).toString() !== ENCODING) return payload;
      const id = Buffer.from(payload.metadata?.[KEY_ID] ?? []).toString();
      const key = this.byId.get(id);
      if (!key) throw new PayloadKeyError(`payload was encrypted with key "${id}", which is not in GZ_PAYLOAD_KEYS`);
      const data = Buffer.from(payload.data ?? []);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** The data-converter option for client and worker: encryption when keys are given, none otherwise. */
export function dataConverterFor(payloadKeys: string | undefined): { payloadCodecs: PayloadCodec[] } | undefined {
  return payloadKeys ? { payloadCodecs: [new EncryptionCodec(parsePayloadKeys(payloadKeys))] } : undefined;
}
