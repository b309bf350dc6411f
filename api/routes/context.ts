/** What every route module receives. */
import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Pool } from 'pg';
import type { AppConfig } from '../../platform/config';
import type { AttachmentStore } from '../../services/attachments/attachmentStore';
import type { AccessTokenSigner } from '../auth/accessTokens';
import type { Authenticator } from '../auth/authenticate';
import type { CommandPort } from '../commands/commandPort';
import type { ApiSettings } from '../config/apiSettings';
import type { ReportStore } from '../reports/reportStore';

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteContext {
  pool: Pool;
  client: Client;
  config: AppConfig;
  settings: ApiSettings;
  commands: CommandPort;
  reports: ReportStore;
  /** Evidence files of every owner kind (services/attachments/). */
  attachments: AttachmentStore;
  signer: AccessTokenSigner;
  auth: Authenticator;
  log: (line: string) => void;
}
