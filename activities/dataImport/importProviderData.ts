/**
 * A provider pull in an activity. Each page commits with its cursor under the pull's resume key, so
 * a retried attempt continues after the last committed page; the batch stays 'running' (and cannot
 * be put in a snapshot) until its last page and its completion commit together.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { SourceName } from '../../domain/campaignConfig';
import { providerName, importFromProvider } from '../../dataImport/httpProvider';
import { completeImport, requestImport, type ImportOutcome } from '../../dataImport/importRecords';
import { assertHostAllowed, HostNotAllowedError } from '../../platform/outboundHosts';
import { keepHeartbeating } from '../keepHeartbeating';

export interface ImportProviderDataInput {
  importId: string;
  source: SourceName;
  baseUrl: string;
  requestedBy: string;
  /** Names the pull across attempts (and across launches of one campaign). */
  resumeKey: string;
}

export async function importProviderData(pool: Pool, input: ImportProviderDataInput, providerHosts: readonly string[]): Promise<ImportOutcome> {
  try {
    // Before anything is recorded or fetched: an unlisted host is a configuration error, not a provider's.
    assertHostAllowed(input.baseUrl, { GZ_PROVIDER_HOSTS: providerHosts }, 'GZ_PROVIDER_HOSTS');
  } catch (err) {
    if (err instanceof HostNotAllowedError) throw ApplicationFailure.nonRetryable(err.message, err.name);
    throw err;
  }
  await requestImport(pool, {
    importId: input.importId,
    source: input.source,
    origin: 'http',
    fileName: providerName(input.baseUrl),
    requestedBy: input.requestedBy,
  });
  await pool.query(`UPDATE data_import SET status = 'running', attempts = attempts + 1 WHERE id = $1 AND status <> 'completed'`, [input.importId]);
  const activity = Context.current();
  try {
    const result = await keepHeartbeating(() =>
      importFromProvider(pool, {
        source: input.source,
        baseUrl: input.baseUrl,
        importedBy: input.requestedBy,
        resumeKey: input.resumeKey,
        onProgress: (p) => activity.heartbeat(p),
      }),
    );
    const outcome: ImportOutcome = { importId: input.importId, ...result };
    await completeImport(pool, outcome);
    return outcome;
  } catch (err) {
    // The provider's own errors name the URL and what was wrong, never a record's content.
    throw ApplicationFailure.retryable(err instanceof Error ? err.message : String(err), err instanceof Error ? err.name : 'ProviderError');
  }
}
