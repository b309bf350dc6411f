/**
 * Re-screenings (issue 21 item 4): a city's re-screenings with their counts, and what changed for
 * whom in one of them. Without `persons` the ID number is masked and the name cut to the surname.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { FlagCode } from '../domain/flags';
import { maskIdNumber } from '../domain/idNumber';
import { maskPersonName } from '../domain/maskPersonalData';
import { BigintColumn, Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

/** The snapshot a campaign screens now: the latest one added during the campaign, else the launch's. */
export async function latestCampaignSnapshot(pool: Pool, campaignId: string): Promise<number | null> {
  const { rows } = await pool.query<{ id: string | null }>(
    `SELECT coalesce(
       (SELECT snapshot_id FROM campaign_snapshot WHERE campaign_id = $1 ORDER BY added_at DESC, snapshot_id DESC LIMIT 1),
       (SELECT snapshot_id FROM campaign WHERE id = $1)) AS id`,
    [campaignId],
  );
  return rows[0]?.id == null ? null : Number(rows[0].id);
}

export const RescreenTrigger = z.enum(['new_snapshot', 'investigation_start', 'monthly']);
export const RescreenChangeKind = z.enum(['newly_flagged', 'no_longer_flagged', 'reasons_changed']);

export const Rescreen = z.object({
  id: z.number().int(),
  trigger: RescreenTrigger,
  mode: z.enum(['diff', 'full', 'unchanged']).describe('diff: only the persons whose rows changed were screened again'),
  fromSnapshotId: z.number().int(),
  toSnapshotId: z.number().int(),
  personsTouched: z.number().int(),
  newlyFlagged: z.number().int(),
  noLongerFlagged: z.number().int(),
  reasonsChanged: z.number().int(),
  casesOpened: z.number().int().describe('cases opened from this re-screening (newly flagged persons in a running investigation)'),
  at: Instant,
});
export type Rescreen = z.infer<typeof Rescreen>;

const RescreenRow = z.object({
  id: BigintColumn,
  trigger: RescreenTrigger,
  mode: z.enum(['diff', 'full', 'unchanged']),
  from_snapshot_id: BigintColumn,
  to_snapshot_id: BigintColumn,
  persons_touched: z.number(),
  newly_flagged: z.number(),
  no_longer_flagged: z.number(),
  reasons_changed: z.number(),
  cases_opened: z.coerce.number(),
  at: TimestampColumn,
});

export async function listRescreens(pool: Pool, q: { campaignId: string; cityCode: string }): Promise<Rescreen[]> {
  const { rows } = await pool.query(
    `SELECT r.id, r.trigger, r.mode, r.from_snapshot_id, r.to_snapshot_id, r.persons_touched, r.newly_flagged, r.no_longer_flagged, r.reasons_changed,
            (SELECT count(*) FROM case_file c WHERE c.campaign_id = r.campaign_id AND c.city_code = r.city_code
               AND c.screening_run_id = r.to_run_id AND r.to_run_id <> r.from_run_id
               AND c.id_number IN (SELECT id_number FROM rescreen_change ch WHERE ch.rescreen_id = r.id AND ch.change = 'newly_flagged')) AS cases_opened,
            r.at
     FROM rescreen_run r WHERE r.campaign_id = $1 AND r.city_code = $2 ORDER BY r.id DESC`,
    [q.campaignId, q.cityCode],
  );
  return parseRows(RescreenRow, rows).map((r) => ({
    id: r.id,
    trigger: r.trigger,
    mode: r.mode,
    fromSnapshotId: r.from_snapshot_id,
    toSnapshotId: r.to_snapshot_id,
    personsTouched: r.persons_touched,
    newlyFlagged: r.newly_flagged,
    noLongerFlagged: r.no_longer_flagged,
    reasonsChanged: r.reasons_changed,
    casesOpened: r.cases_opened,
    at: instant(r.at),
  }));
}

export const RescreenChange = z.object({
  idNumber: z.string().describe('masked for supervisors and auditors'),
  name: z.string().nullable(),
  change: RescreenChangeKind,
  reasonsBefore: z.array(FlagCode),
  reasonsAfter: z.array(FlagCode),
  caseId: z.string().nullable(),
  caseStatus: z.string().nullable().describe('the case stays as it is: a re-screening never closes a case'),
});
export type RescreenChange = z.infer<typeof RescreenChange>;

const ChangeRow = z.object({
  id_number: z.string(),
  name: z.string().nullable(),
  change: RescreenChangeKind,
  reasons_before: z.array(FlagCode),
  reasons_after: z.array(FlagCode),
  case_id: z.string().nullable(),
  case_status: z.string().nullable(),
});

/** Undefined when the re-screening is not the city's. */
export async function rescreenChanges(
  pool: Pool,
  q: { campaignId: string; cityCode: string; rescreenId: number; page: number; pageSize: number; change?: z.infer<typeof RescreenChangeKind> },
  persons: boolean,
): Promise<RescreenChange[] | undefined> {
  const own = await pool.query('SELECT from_run_id, to_run_id FROM rescreen_run WHERE id = $1 AND campaign_id = $2 AND city_code = $3', [
    q.rescreenId,
    q.campaignId,
    q.cityCode,
  ]);
  if (!own.rows[0]) return undefined;
  const { rows } = await pool.query(
    `SELECT ch.id_number, coalesce(n.name, o.name) AS name, ch.change, ch.reasons_before, ch.reasons_after, ch.case_id, c.status AS case_status
     FROM rescreen_change ch
     LEFT JOIN screening_result n ON n.run_id = $2 AND n.id_number = ch.id_number
     LEFT JOIN screening_result o ON o.run_id = $3 AND o.id_number = ch.id_number
     LEFT JOIN case_file c ON c.case_id = ch.case_id
     WHERE ch.rescreen_id = $1 AND ($6::text IS NULL OR ch.change = $6)
     ORDER BY ch.change, ch.id_number LIMIT $4 OFFSET $5`,
    [q.rescreenId, own.rows[0].to_run_id, own.rows[0].from_run_id, q.pageSize, (q.page - 1) * q.pageSize, q.change ?? null],
  );
  return parseRows(ChangeRow, rows).map((r) => ({
    idNumber: persons ? r.id_number : maskIdNumber(r.id_number),
    name: r.name === null ? null : persons ? r.name : maskPersonName(r.name),
    change: r.change,
    reasonsBefore: r.reasons_before,
    reasonsAfter: r.reasons_after,
    caseId: r.case_id,
    caseStatus: r.case_status,
  }));
}
