/**
 * Launching a campaign (the provincial coordinator's first act): check everything that can be
 * checked (the configuration, the hosts, the id, the snapshot: it exists and is complete), have the
 * worker import its data into a snapshot (importDataSourcesWorkflow; this process reads no data
 * file), start `campaign/<id>`. Every refusal comes before the workflow starts, so a refused launch
 * leaves nothing behind and its id stays free. An id that exists is refused with a clear message,
 * twice over: the read model is checked first, and the workflow id is started with
 * REJECT_DUPLICATE, so two launches racing each other still yield one campaign.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignConfig, FILE_PATHS_REFUSED, pastDateWarnings } from '../domain/campaignConfig';
import { DomainError, type FieldIssue } from '../domain/errors';
import { fieldIssues, zhErrorMap } from '../domain/fieldMessages';
import { findCampaign } from '../readModel/campaigns';
import { findSnapshot, type SnapshotSummary } from '../readModel/snapshots';
import { hostAllowed, HostNotAllowedError, shownHost, type OutboundHosts } from '../platform/outboundHosts';
import type { campaignWorkflow } from '../workflows/campaign';
import { campaignWorkflowId, CampaignIdAttr, PhaseAttr } from '../workflows/messages/campaign';
import { importDataSources } from './importDataSources';

export class CampaignExistsError extends DomainError {
  constructor(message: string, campaignId: string) {
    super('CampaignExists', message, [{ path: 'id', message: `「行动编号」“${campaignId}”已被使用，请换一个编号` }]);
  }
}

export class InvalidCampaignConfigError extends DomainError {
  constructor(issues: FieldIssue[]) {
    super('InvalidCampaignConfig', `发起配置有误：${issues.map((i) => `${i.path || '（配置）'}：${i.message}`).join('；')}`, issues);
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
  /** What the caller should know (dates already past, a snapshot without social insurance); paths as in the configuration. */
  warnings: FieldIssue[];
}

/** A launch that would be accepted: its configuration, what to warn about, its snapshot when it names one. */
export interface LaunchCheck {
  config: CampaignConfig;
  warnings: FieldIssue[];
  snapshot?: SnapshotSummary;
}

/** Parses a configuration, or throws InvalidCampaignConfigError naming each bad field in Chinese. */
export function parseCampaignConfig(raw: unknown): CampaignConfig {
  const r = CampaignConfig.safeParse(raw, { error: zhErrorMap });
  if (r.success) return r.data;
  throw new InvalidCampaignConfigError(fieldIssues(r.error));
}

/** The configuration's reasons to refuse a launch from this caller, one per field. */
function refusedSources(config: CampaignConfig, opts: Pick<LaunchOptions, 'filePaths'>, hosts: OutboundHosts | undefined): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (opts.filePaths === 'refused' && Object.keys(config.dataSources.files).length > 0) out.push({ path: 'dataSources.files', message: FILE_PATHS_REFUSED });
  if (!hosts) return out;
  for (const [source, url] of Object.entries(config.dataSources.providers)) {
    if (url && !hostAllowed(url, hosts.GZ_PROVIDER_HOSTS ?? []))
      out.push({ path: `dataSources.providers.${source}`, message: new HostNotAllowedError('GZ_PROVIDER_HOSTS', shownHost(url)).message });
  }
  const hook = config.notifications.webhook?.url;
  if (hook && !hostAllowed(hook, hosts.GZ_WEBHOOK_HOSTS ?? []))
    out.push({ path: 'notifications.webhook.url', message: new HostNotAllowedError('GZ_WEBHOOK_HOSTS', shownHost(hook)).message });
  return out;
}

/** The snapshot a launch names: it exists and a campaign can screen it, or the field says why not. */
async function checkSnapshot(pool: Pool, snapshotId: number): Promise<{ snapshot?: SnapshotSummary; issues: FieldIssue[]; warnings: FieldIssue[] }> {
  const path = 'dataSources.snapshotId';
  const snapshot = await findSnapshot(pool, snapshotId);
  if (!snapshot) return { issues: [{ path, message: `「数据快照编号」${snapshotId} 不存在：请从已建立的数据快照中选择` }], warnings: [] };
  const issues = snapshot.problems.map((p) => ({ path, message: `「数据快照编号」${snapshotId} 不能用于发起：${p}` }));
  const warnings = snapshot.sources.some((s) => s.source === 'social_insurance')
    ? []
    : [{ path, message: `数据快照 ${snapshotId} 中没有社保缴费数据：筛查无法比对社保缴纳单位` }];
  return { snapshot, issues, warnings };
}

async function refuseExisting(pool: Pool, id: string): Promise<void> {
  const { rows } = await pool.query('SELECT launched_at, launched_by, status FROM campaign WHERE id = $1', [id]);
  if (rows[0]) {
    throw new CampaignExistsError(
      `campaign "${id}" already exists (launched ${(rows[0].launched_at as Date).toISOString()} by ${rows[0].launched_by}, ` +
        `status ${rows[0].status}); choose another id`,
      id,
    );
  }
}

/**
 * Everything a launch checks before it starts anything, and nothing more (no import, no workflow):
 * the launch runs it first, and POST /campaigns/validation answers with it. Throws
 * InvalidCampaignConfigError with every bad field at once, or CampaignExistsError.
 */
export async function checkLaunch(
  deps: Pick<LaunchDeps, 'pool' | 'hosts'>,
  raw: unknown,
  opts: Pick<LaunchOptions, 'filePaths'> & { now?: number } = {},
): Promise<LaunchCheck> {
  const config = parseCampaignConfig(raw);
  const issues = refusedSources(config, opts, deps.hosts);
  const snapshotId = config.dataSources.snapshotId;
  const checked = snapshotId === undefined ? undefined : await checkSnapshot(deps.pool, snapshotId);
  issues.push(...(checked?.issues ?? []));
  if (issues.length > 0) throw new InvalidCampaignConfigError(issues);
  await refuseExisting(deps.pool, config.id);
  const warnings = [...pastDateWarnings(config, opts.now ?? Date.now()), ...(checked?.warnings ?? [])];
  return { config, warnings, ...(checked?.snapshot ? { snapshot: checked.snapshot } : {}) };
}

export async function launchCampaign(deps: LaunchDeps, raw: unknown, opts: LaunchOptions): Promise<LaunchResult> {
  const log = deps.log ?? (() => undefined);
  const launchedBy = z.string().trim().min(1).max(100).parse(opts.launchedBy);
  const checked = await checkLaunch(deps, raw, opts);
  let config = checked.config;
  const snapshotId =
    config.dataSources.snapshotId ?? (await importDataSources({ client: deps.client, taskQueue: deps.taskQueue }, config, launchedBy, log)).snapshotId;
  config = { ...config, dataSources: { ...config.dataSources, snapshotId } };

  const workflowId = campaignWorkflowId(config.id);
  let runId: string;
  try {
    const handle = await deps.client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [
        { config, snapshotId, launchedBy, monthlyRescreen: true, ...(opts.cityMaxHistoryEvents ? { cityMaxHistoryEvents: opts.cityMaxHistoryEvents } : {}) },
      ],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: CampaignIdAttr, value: config.id },
        { key: PhaseAttr, value: 'launched' },
      ],
    });
    runId = handle.firstExecutionRunId;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new CampaignExistsError(`campaign "${config.id}" already exists (workflow ${workflowId}); choose another id`, config.id);
    }
    throw err;
  }
  await awaitCampaignRecorded(deps.pool, config.id, log);
  log(`launched campaign ${config.id} (${config.cities.length} cities, snapshot ${snapshotId})`);
  return { campaignId: config.id, workflowId, runId, snapshotId, warnings: checked.warnings };
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
