/**
 * Payload encryption in tests, as in production (on by default): one key per test file, given to
 * the API process it starts (startApi) and to the in-process workers and clients beside it.
 */
import { randomBytes } from 'node:crypto';
import { dataConverterFor } from '../../platform/payloadCodec';

export const TEST_PAYLOAD_KEYS = `test-${randomBytes(3).toString('hex')}:${randomBytes(32).toString('base64')}`;

export function testDataConverter() {
  return dataConverterFor(TEST_PAYLOAD_KEYS);
}
