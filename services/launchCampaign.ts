/**
 * Launching a campaign (the provincial coordinator's first act): validate the configuration, have the
 * worker import its data into a snapshot (importDataSourcesWorkflow; this process reads no data file),
 * start `campaign/<id>`. An id that exists is refused with a clear
 * message, twice over: the read model is checked first, and the workflow id is started with
 * REJECT_DUPLICATE, so two launches racing each other still yield one campaign.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignConfig, FILE_PATHS_REFUSED } from '../domain/campaignConfig';
import { DomainError } from '../domain/errors';
import { findCampaign } from '../readModel/campaigns';
import { hostAllowed, HostNotAllowedError, shownHost, type OutboundHosts } from '../platform/outboundHosts';
import type { campaignWorkflow } from '../workflows/campaign';
import { campaignWorkflowId, CampaignIdAttr, PhaseAttr } from '../workflows/messages/campaign';
import { importDataSources } from './importDataSources';

export class CampaignExistsError extends DomainError {
  constructor(message: string) {
    super('CampaignExists', message);
  }
}

export class InvalidCampaignConfigError extends DomainError {
  constructor(issues: string[]) {
    super('InvalidCampaignConfig', `invalid campaign configuration: ${issues.join('; ')}`, issues);
  }
}

export interface LaunchDeps {
  client: Client;
  pool: Pool;
  taskQueue: string;
  log?: (line: string) => void;
  /**
   * The allow-lists of the worker that will call the providers and webhooks: given, a URL it would
   * refuse is refused at launch, before anything starts. The worker checks again either way.
   */
  hosts?: OutboundHosts;
}

export interface LaunchOptions {
  launchedBy: string;
  /**
   * `refused` where the caller does not own the machine (the HTTP API: data comes from uploads and
   * providers); `allowed` (the default) for in-process callers, the CLI and the demo, whose user
   * could read the files anyway.
   */
  filePaths?: 'allowed' | 'refused';
  /** Tests: a small bound makes the cities continue as new early. */
  cityMaxHistoryEvents?: number;
}

export interface LaunchResult {
  campaignId: string;
  workflowId: string;
  runId: string;
  snapshotId: number;
}

/** Parses a configuration, or throws InvalidCampaignConfigError naming each bad field. */
export function parseCampaignConfig(raw: unknown): CampaignConfig {
  const r = CampaignConfig.safeParse(raw);
  if (r.success) return r.data;
  throw new InvalidCampaignConfigError(r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
}

/** The configuration's reasons to refuse a launch from this caller, one line per field. */
function refusedSources(config: CampaignConfig, opts: LaunchOptions, hosts: OutboundHosts | undefined): string[] {
  const out: string[] = [];
  if (opts.filePaths === 'refused' && Object.keys(config.dataSources.files).length > 0) out.push(`dataSources.files: ${FILE_PATHS_REFUSED}`);
  if (!hosts) return out;
  for (const [source, url] of Object.entries(config.dataSources.providers)) {
    if (url && !hostAllowed(url, hosts.GZ_PROVIDER_HOSTS ?? []))
      out.push(`dataSources.providers.${source}: ${new HostNotAllowedError('GZ_PROVIDER_HOSTS', shownHost(url)).message}`);
  }
  const hook = config.notifications.webhook?.url;
  if (hook && !hostAllowed(hook, hosts.GZ_WEBHOOK_HOSTS ?? []))
    out.push(`notifications.webhook.url: ${new HostNotAllowedError('GZ_WEBHOOK_HOSTS', shownHost(hook)).message}`);
  return out;
}

async function refuseExisting(pool: Pool, id: string): Promise<void> {
  const { rows } = await pool.query('SELECT launched_at, launched_by, status FROM campaign WHERE id = $1', [id]);
  if (rows[0]) {
    throw new CampaignExistsError(
      `campaign "${id}" already exists (launched ${(rows[0].launched_at as Date).toISOString()} by ${rows[0].launched_by}, ` +
        `status ${rows[0].status}); choose another id`,
    );
  }
}

export async function launchCampaign(deps: LaunchDeps, raw: unknown, opts: LaunchOptions): Promise<LaunchResult> {
  const log = deps.log ?? (() => undefined);
  const launchedBy = z.string().trim().min(1).max(100).parse(opts.launchedBy);
  let config = parseCampaignConfig(raw);
  const refused = refusedSources(config, opts, deps.hosts);
  if (refused.length > 0) throw new InvalidCampaignConfigError(refused);
  await refuseExisting(deps.pool, config.id);
  const snapshotId =
    config.dataSources.snapshotId ?? (await importDataSources({ client: deps.client, taskQueue: deps.taskQueue }, config, launchedBy, log)).snapshotId;
  config = { ...config, dataSources: { ...config.dataSources, snapshotId } };

  const workflowId = campaignWorkflowId(config.id);
  let runId: string;
  try {
    const handle = await deps.client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [{ config, snapshotId, launchedBy, ...(opts.cityMaxHistoryEvents ? { cityMaxHistoryEvents: opts.cityMaxHistoryEvents } : {}) }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: CampaignIdAttr, value: config.id },
        { key: PhaseAttr, value: 'launched' },
      ],
    });
    runId = handle.firstExecutionRunId;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new CampaignExistsError(`campaign "${config.id}" already exists (workflow ${workflowId}); choose another id`);
    }
    throw err;
  }
  await awaitCampaignRecorded(deps.pool, config.id, log);
  log(`launched campaign ${config.id} (${config.cities.length} cities, snapshot ${snapshotId})`);
  return { campaignId: config.id, workflowId, runId, snapshotId };
}

/**
 * The campaign workflow's first activity writes the campaign into the read model; the launch answers
 * once it is there, so the campaign is listed when the caller looks. The API never writes it itself:
 * that is the worker's work. A worker that is down delays the listing, not the launch.
 */
async function awaitCampaignRecorded(pool: Pool, campaignId: string, log: (line: string) => void, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await findCampaign(pool, campaignId))) {
    if (Date.now() > until) {
      log(`campaign ${campaignId} is started; the worker has not recorded it in the read model yet (is the worker running?)`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
