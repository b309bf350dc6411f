/** The case shard's contract: its input, result and messages (pure; safe in the sandbox). */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import { CampaignCalendar } from '../../domain/calendar';
import { CampaignClock, CampaignId, CityCode } from '../../domain/campaignClock';
import { CaseOutcome } from '../../domain/outcomes';
import { CaseSettings, ExtendCaseDueArgs } from './case';
import { plainText } from '../../domain/text';

/**
 * A shard holds at most this many cases. Temporal allows 2,000 pending children per run and
 * suggests ~1,000 children per parent; 500 keeps a shard's history near 3,000 events (about six
 * events per child), well under the 10,000 the project allows and the 51,200 hard limit.
 */
export const MAX_SHARD_CASES = 500;

/**
 * A shard's workflow task timeout (Temporal's default is 10 s). A shard evicted from a busy
 * worker's cache replays its whole history (up to ~3,700 events) on its next task, behind the
 * other tasks the worker holds: at 20,000 cases on one 2-core worker 52 such tasks passed 10 s
 * and were redone from the start, each redo another full replay. A crashed worker's shard task
 * waits this long before another worker takes it; shards only move when a case does, so the
 * delay is harmless.
 */
export const SHARD_TASK_TIMEOUT = '30 seconds';

export const CaseShardInput = z.object({
  campaignId: CampaignId,
  cityCode: CityCode,
  shardIndex: z.number().int().min(0),
  caseIds: z
    .array(plainText({ max: 120 }))
    .min(1)
    .max(MAX_SHARD_CASES),
  caseSettings: CaseSettings,
  calendar: CampaignCalendar,
  clock: CampaignClock.default({ kind: 'calendar' }),
  /** When the cases become overdue (wall time); default: the end of the investigation deadline day. */
  dueAt: z.iso.datetime({ offset: true }).optional(),
});
export type CaseShardInput = z.input<typeof CaseShardInput>;

export interface CaseShardResult {
  shardIndex: number;
  /** Cases decided and closed. */
  closed: number;
  byOutcome: Partial<Record<CaseOutcome, number>>;
  /** Cases whose workflow already existed (a shard re-run): not tracked by this run. */
  alreadyStarted: number;
  /** Case workflows that failed (each also visible in the Temporal UI). */
  failed: number;
}

export interface CaseShardState {
  shardIndex: number;
  cases: number;
  started: number;
  closed: number;
  byOutcome: Partial<Record<CaseOutcome, number>>;
}

/** A case that stays open after closing (to await provincial penalties) reports its closure. */
export const CaseClosedArgs = z.object({ caseId: z.string().min(1), outcome: CaseOutcome });
export type CaseClosedArgs = z.infer<typeof CaseClosedArgs>;
export const caseClosedSignal = defineSignal<[CaseClosedArgs]>('caseClosed');

/** The city's deadline moved: forwarded to every case of the shard still open. */
export const extendShardDueSignal = defineSignal<[ExtendCaseDueArgs]>('extendShardDue');
export const caseShardStateQuery = defineQuery<CaseShardState>('caseShardState');
