import path from 'node:path';
import { z } from 'zod';
import { HostList } from './outboundHosts';

/**
 * Every setting the processes read from the environment, validated once at start-up.
 * A bad value stops start-up with a message naming the variable and what is allowed.
 */
const port = z.coerce.number().int().min(1).max(65535);
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).transform((v) => ['true', '1', 'yes', 'on'].includes(v));

export const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional().describe('PostgreSQL URL; unset = embedded PostgreSQL under the data directory'),
  MIGRATION_DATABASE_URL: z.string().url().optional().describe('PostgreSQL URL of the role that owns the schema and runs migrations; unset = DATABASE_URL'),
  GZ_DATA_DIR: z.string().min(1).default('data').describe('where the embedded PostgreSQL and Temporal dev server keep their state'),
  GZ_PG_PORT: port.default(54329).describe('port of the embedded PostgreSQL (only when DATABASE_URL is unset)'),
  TEMPORAL_ADDRESS: z.string().min(1).optional().describe('host:port of an existing Temporal frontend; unset = start the dev server'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_PORT: port.default(7233).describe('gRPC port of the dev server started by npm start'),
  TEMPORAL_UI_PORT: port.default(8233).describe('web UI port of the dev server'),
  TEMPORAL_API_KEY: z.string().min(1).optional().describe('API key for Temporal Cloud'),
  TEMPORAL_TLS_CERT: z.string().min(1).optional().describe('path of the client certificate (mTLS)'),
  TEMPORAL_TLS_KEY: z.string().min(1).optional().describe('path of the client key (mTLS)'),
  TEMPORAL_TLS: bool.optional().describe('use TLS without a client certificate (set automatically with an API key)'),
  TEMPORAL_CLI: z.string().min(1).optional().describe('path of the temporal CLI; default: on PATH, else the project venv'),
  TEMPORAL_TEST_SERVER: z.string().min(1).optional().describe('path of the time-skipping test server'),
  TASK_QUEUE: z.string().min(1).default('guazheng-campaign'),
  GZ_PAYLOAD_KEYS: z
    .string()
    .regex(/^[^:,\s]+:[A-Za-z0-9+/=]+(,[^:,\s]+:[A-Za-z0-9+/=]+)*$/, 'expected id:base64key[,id:base64key...]')
    .optional()
    .describe('AES-256-GCM keys for Temporal payloads; the first encrypts, all decrypt; unset: <GZ_DATA_DIR>/keys/temporal-payload-keys, generated once'),
  API_PORT: port.default(3000).describe('port of the API and web console'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  GZ_DEMO: bool.default(true).describe('launch the demo campaign on npm start when none exists'),
  GZ_PROVIDER_HOSTS: HostList.default([]).describe('hosts (host or host:port, comma-separated) provider pulls may call; empty = none'),
  GZ_WEBHOOK_HOSTS: HostList.default([]).describe('hosts (host or host:port, comma-separated) alert webhooks may call; empty = none'),
  GZ_PASSWORD_COST: z.coerce
    .number()
    .int()
    .min(10)
    .max(17)
    .default(15)
    .describe('scrypt cost of new password hashes, as log2 of N (15: 32 MiB and about 0.1 s a hash); stored hashes keep their own'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type AppConfig = z.infer<typeof EnvSchema> & { dataDir: string };

export class ConfigError extends Error {}

/** Parse the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const relevant = Object.fromEntries(Object.keys(EnvSchema.shape).flatMap((k) => (env[k] === undefined || env[k] === '' ? [] : [[k, env[k]]])));
  const parsed = EnvSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      // URLs and keys may carry credentials: name the variable, never echo its value.
      const shown = /URL|KEY|SECRET|PASSWORD/.test(name) ? '(value hidden)' : JSON.stringify(env[name]);
      return `environment variable ${name}=${shown} is invalid: ${i.message}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.GZ_DATA_DIR) };
}
