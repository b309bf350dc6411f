/**
 * Issue 21 item 4: one city screened again on the campaign's latest snapshot, as a diff against
 * the city's current run (activities/screening/rescreen.ts). What changed per person is recorded
 * (rescreen_run, rescreen_change); an open case whose person changed gets the change as evidence
 * (kind `rescreen/<id>`) and is never closed here: the officer decides. The city's current run
 * (city_progress.screening_run_id) becomes the new run, so the self-check list, and the cases a
 * running investigation opens for the newly flagged, read the fresh data.
 *
 * Idempotent by `requestKey`: a retry returns the recorded re-screening. A crash between the
 * screening and the record leaves an unused run behind (harmless, as in screenCity).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import { ScreeningSettings } from '../../domain/flags';
import { inTransaction } from '../../platform/transactions';
import { keepHeartbeating } from '../keepHeartbeating';
import { latestCampaignSnapshot } from '../../readModel/rescreens';
import { rescreen, RUN_CHANGES_SQL } from '../screening/rescreen';

export const RescreenTrigger = z.enum(['new_snapshot', 'investigation_start', 'monthly']);
export type RescreenTrigger = z.infer<typeof RescreenTrigger>;

export const RescreenCityInput = z.object({
  campaignId: CampaignId,
  cityCode: CityCode,
  trigger: RescreenTrigger,
  /** The workflow's key for this re-screening (no personal data). */
  requestKey: z.string().min(1).max(300),
  settings: ScreeningSettings,
  at: z.iso.datetime({ offset: true }),
});
export type RescreenCityInput = z.input<typeof RescreenCityInput>;

export interface RescreenCityResult {
  /** Null when the city has no screening yet (nothing to compare with). */
  rescreenId: number | null;
  runId: number | null;
  mode: 'diff' | 'full' | 'unchanged' | 'none';
  newlyFlagged: number;
  noLongerFlagged: number;
  reasonsChanged: number;
  personsFlagged: number;
}

const Recorded = z.object({
  id: z.coerce.number(),
  to_run_id: z.coerce.number(),
  mode: z.enum(['diff', 'full', 'unchanged']),
  newly_flagged: z.number(),
  no_longer_flagged: z.number(),
  reasons_changed: z.number(),
  persons_flagged: z.number().nullable(),
});

async function recorded(pool: Pool, requestKey: string): Promise<RescreenCityResult | undefined> {
  const { rows } = await pool.query(
    `SELECT r.id, r.to_run_id, r.mode, r.newly_flagged, r.no_longer_flagged, r.reasons_changed, s.persons_flagged
     FROM rescreen_run r JOIN screening_run s ON s.id = r.to_run_id WHERE r.request_key = $1`,
    [requestKey],
  );
  if (!rows[0]) return undefined;
  const r = Recorded.parse(rows[0]);
  return {
    rescreenId: r.id,
    runId: r.to_run_id,
    mode: r.mode,
    newlyFlagged: r.newly_flagged,
    noLongerFlagged: r.no_longer_flagged,
    reasonsChanged: r.reasons_changed,
    personsFlagged: r.persons_flagged ?? 0,
  };
}

export async function rescreenCity(pool: Pool, raw: RescreenCityInput): Promise<RescreenCityResult> {
  const i = RescreenCityInput.parse(raw);
  const before = await recorded(pool, i.requestKey);
  if (before) return before;
  const current = await pool.query<{ run: string | null }>('SELECT screening_run_id AS run FROM city_progress WHERE campaign_id = $1 AND city_code = $2', [
    i.campaignId,
    i.cityCode,
  ]);
  const fromRunId = current.rows[0]?.run == null ? null : Number(current.rows[0].run);
  const snapshotId = await latestCampaignSnapshot(pool, i.campaignId);
  const none: RescreenCityResult = {
    rescreenId: null,
    runId: fromRunId,
    mode: 'none',
    newlyFlagged: 0,
    noLongerFlagged: 0,
    reasonsChanged: 0,
    personsFlagged: 0,
  };
  if (fromRunId === null || snapshotId === null) return none;

  const r = await keepHeartbeating(() => rescreen(pool, { fromRunId, snapshotId, cityCode: i.cityCode, settings: i.settings }));
  await inTransaction(pool, async (client) => {
    const ins = await client.query<{ id: string }>(
      `INSERT INTO rescreen_run (request_key, campaign_id, city_code, trigger, from_run_id, to_run_id, from_snapshot_id, to_snapshot_id, mode,
                                 persons_touched, newly_flagged, no_longer_flagged, reasons_changed, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 0, 0, $11)
       ON CONFLICT (request_key) DO NOTHING RETURNING id`,
      [i.requestKey, i.campaignId, i.cityCode, i.trigger, fromRunId, r.runId, r.fromSnapshotId, snapshotId, r.mode, r.personsTouched, i.at],
    );
    if (!ins.rows[0]) return; // recorded by a concurrent attempt
    const id = Number(ins.rows[0].id);
    if (r.runId !== fromRunId) {
      await client.query(
        `INSERT INTO rescreen_change (rescreen_id, id_number, change, reasons_before, reasons_after, case_id)
         SELECT $3, ch.id_number, ch.change, ch.reasons_before, ch.reasons_after,
                (SELECT c.case_id FROM case_file c WHERE c.campaign_id = $4 AND c.id_number = ch.id_number)
         FROM (${RUN_CHANGES_SQL}) ch`,
        [fromRunId, r.runId, id, i.campaignId],
      );
    }
    await client.query(
      `UPDATE rescreen_run SET
         newly_flagged = (SELECT count(*) FROM rescreen_change WHERE rescreen_id = $1 AND change = 'newly_flagged'),
         no_longer_flagged = (SELECT count(*) FROM rescreen_change WHERE rescreen_id = $1 AND change = 'no_longer_flagged'),
         reasons_changed = (SELECT count(*) FROM rescreen_change WHERE rescreen_id = $1 AND change = 'reasons_changed')
       WHERE id = $1`,
      [id],
    );
    // The change reaches an open case as evidence; the case stays open whatever the change.
    await client.query(
      `INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
       SELECT ch.case_id, 'rescreen/' || $1::bigint,
              jsonb_build_object('rescreenId', $1::bigint, 'change', ch.change, 'reasonsBefore', to_jsonb(ch.reasons_before),
                                 'reasonsAfter', to_jsonb(ch.reasons_after), 'fromSnapshotId', $2::bigint, 'toSnapshotId', $3::bigint,
                                 'trigger', $5::text),
              $4
       FROM rescreen_change ch JOIN case_file c ON c.case_id = ch.case_id
       WHERE ch.rescreen_id = $1::bigint AND c.status IN ('open', 'carried_over')
       ON CONFLICT (case_id, kind) DO NOTHING`,
      [id, r.fromSnapshotId, snapshotId, i.at, i.trigger],
    );
    await client.query(
      `UPDATE city_progress SET screening_run_id = $3, persons_screened = $4, persons_flagged = $5, updated_at = $6
       WHERE campaign_id = $1 AND city_code = $2`,
      [i.campaignId, i.cityCode, r.runId, r.personsScreened, r.personsFlagged, i.at],
    );
  });
  return (await recorded(pool, i.requestKey)) ?? none;
}

export const AttachSelfCheckInput = z.object({ campaignId: CampaignId, cityCode: CityCode, screeningRunId: z.number().int().positive() });
export type AttachSelfCheckInput = z.input<typeof AttachSelfCheckInput>;

/**
 * The self-check phase's record as evidence of each case the run opened (kind `self_check_phase`,
 * beside the `self_check` evidence of the person's own declarations and requests): since when the
 * person was on the city's self-check list, the declarations of the person and of their
 * registration units, the number of deregistration requests, and every re-screening change of the
 * person in the campaign. Set-based; idempotent (a case keeps its first record: later intake reaches the
 * penalty plan live, readModel/penaltyEvidence.ts loadSelfCheckRecord).
 */
export async function attachSelfCheckRecords(pool: Pool, raw: AttachSelfCheckInput): Promise<{ attached: number }> {
  const i = AttachSelfCheckInput.parse(raw);
  const res = await pool.query(
    `INSERT INTO case_evidence (case_id, kind, payload, gathered_at)
     SELECT c.case_id, 'self_check_phase', jsonb_build_object(
       'listedSince', (SELECT to_char(min(s.finished_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')
                       FROM screening_result x JOIN screening_run s ON s.id = x.run_id
                       WHERE x.id_number = c.id_number
                         AND x.run_id IN (SELECT from_run_id FROM rescreen_run WHERE campaign_id = c.campaign_id AND city_code = c.city_code
                                          UNION SELECT to_run_id FROM rescreen_run WHERE campaign_id = c.campaign_id AND city_code = c.city_code
                                          UNION SELECT c.screening_run_id)),
       'declarations', coalesce((
         SELECT jsonb_agg(jsonb_build_object('forPerson', d.id_number IS NOT NULL, 'unitName', d.unit_name, 'unitCode', btrim(d.unit_code),
                                             'correction', d.correction, 'correctedOn', d.corrected_on, 'receivedOn', d.received_on) ORDER BY d.id)
         FROM self_check_declaration d
         WHERE d.campaign_id = c.campaign_id
           AND (d.id_number = c.id_number OR (d.id_number IS NULL AND (btrim(d.unit_code) = ANY (r.reg_unit_codes) OR btrim(d.unit_name) = ANY (r.reg_unit_names))))), '[]'::jsonb),
       'deregistrationRequests', (SELECT count(*) FROM deregistration_request q WHERE q.campaign_id = c.campaign_id AND q.id_number = c.id_number),
       'rescreens', coalesce((
         SELECT jsonb_agg(jsonb_build_object('rescreenId', ch.rescreen_id, 'change', ch.change, 'reasonsBefore', to_jsonb(ch.reasons_before),
                                             'reasonsAfter', to_jsonb(ch.reasons_after), 'at', rr.at) ORDER BY ch.rescreen_id)
         FROM rescreen_change ch JOIN rescreen_run rr ON rr.id = ch.rescreen_id
         WHERE rr.campaign_id = c.campaign_id AND ch.id_number = c.id_number), '[]'::jsonb)), now()
     FROM case_file c JOIN screening_result r ON r.run_id = c.screening_run_id AND r.id_number = c.id_number
     WHERE c.campaign_id = $1 AND c.city_code = $2 AND c.screening_run_id = $3
     ON CONFLICT (case_id, kind) DO NOTHING`,
    [i.campaignId, i.cityCode, i.screeningRunId],
  );
  return { attached: res.rowCount ?? 0 };
}
