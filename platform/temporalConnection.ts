import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { AppConfig } from './config';
import { dataConverterFor } from './payloadCodec';
import { resolvePayloadKeys } from './payloadKeys';

/** Address of the Temporal frontend: the configured cluster, or the dev server npm start runs. */
export function temporalAddress(config: AppConfig): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
}

/** TLS / API-key settings shared by the client and the worker (Temporal Cloud or a secured cluster). */
function securityOptions(config: AppConfig) {
  const clientCert =
    config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY
      ? { crt: readFileSync(config.TEMPORAL_TLS_CERT), key: readFileSync(config.TEMPORAL_TLS_KEY) }
      : undefined;
  const tls = clientCert ? { clientCertPair: clientCert } : config.TEMPORAL_TLS || config.TEMPORAL_API_KEY ? true : undefined;
  return { tls, apiKey: config.TEMPORAL_API_KEY };
}

/** Payload encryption for every client and worker: GZ_PAYLOAD_KEYS, else the data directory's generated key. */
export function payloadDataConverter(config: Pick<AppConfig, 'GZ_PAYLOAD_KEYS' | 'dataDir'>) {
  return dataConverterFor(resolvePayloadKeys({ keys: config.GZ_PAYLOAD_KEYS, dataDir: config.dataDir }));
}

export async function connectClient(config: AppConfig): Promise<Client> {
  const options: ConnectionOptions = { address: temporalAddress(config), ...securityOptions(config) };
  const connection = await Connection.connect(options);
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: payloadDataConverter(config) });
}

export async function connectWorker(config: AppConfig): Promise<NativeConnection> {
  const options: NativeConnectionOptions = { address: temporalAddress(config), ...securityOptions(config) };
  return NativeConnection.connect(options);
}
