/**
 * bench:console's data: one campaign in its investigation phase with `n` open cases in one city,
 * written set-based (no screening is needed to list or decide a case), every one marked ready as
 * its workflow would. The `decidable` first cases (the highest risk, so the worklist lists them
 * first) are the ones whose case workflows the bench starts, to be opened and decided.
 */
import type { Pool } from 'pg';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { addDays, shanghaiDate, type CampaignCalendar } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import { idCheckCharacter } from '../../domain/idNumber';

/** A calendar whose investigation runs today (the self-check phase is over). */
export function investigationCalendar(now = new Date()): CampaignCalendar {
  const today = shanghaiDate(now);
  return {
    selfCheck: { start: addDays(today, -90), deadline: addDays(today, -30) },
    progressNotice: { date: addDays(today, -25) },
    investigation: { start: addDays(today, -29), deadline: addDays(today, 60) },
    provincialVerification: { start: addDays(today, 61), deadline: addDays(today, 88) },
  };
}

/** n distinct valid ID numbers of 长春市 朝阳区 (220104), born 1960–1987. */
function idNumbers(n: number): string[] {
  const day0 = Date.UTC(1960, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const born = new Date(day0 + (i % 10_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `220104${born}${String(Math.floor(i / 10_000) * 2 + 1).padStart(3, '0')}`;
    return first17 + idCheckCharacter(first17);
  });
}

export interface SeededCampaign {
  campaignId: string;
  cityCode: string;
  calendar: CampaignCalendar;
  /** The first (highest-risk) cases, in worklist order: the ones with a workflow. */
  decidable: string[];
}

export async function seedCampaign(pool: Pool, opts: { campaignId: string; cityCode: string; cases: number; decidable: number }): Promise<SeededCampaign> {
  const calendar = investigationCalendar();
  const snapshotId = Number((await pool.query(`INSERT INTO data_snapshot (label) VALUES ('bench-console') RETURNING id`)).rows[0].id);
  const config = CampaignConfig.parse({ id: opts.campaignId, name: '控制台基准测试', cities: [opts.cityCode], calendar, dataSources: { snapshotId } });
  await recordCampaignStart(pool, { config, snapshotId, launchedBy: 'bench', workflowId: `campaign/${opts.campaignId}`, at: new Date().toISOString() });
  const ids = idNumbers(opts.cases);
  if (new Set(ids).size !== ids.length) throw new Error('bench seed made duplicate ID numbers');
  // Risk: the decidable cases 100, the rest spread over 1–99, so the default sort (risk) lists the decidable first.
  await pool.query(
    `INSERT INTO case_file (case_id, case_no, campaign_id, city_code, seq, id_number, origin, reasons, risk_score, due_at, evidence_at, ready_at)
     SELECT $1 || '-' || $2 || '-' || lpad(i::text, 6, '0'), $2 || '-' || lpad(i::text, 6, '0'), $1, $2, i, ($3::text[])[i],
            'screening', '{SS_UNIT_MISMATCH}', CASE WHEN i <= $5 THEN 100 ELSE 1 + (i * 7919) % 99 END,
            now() + interval '60 days', now(), now()
     FROM generate_series(1, $4) i`,
    [opts.campaignId, opts.cityCode, ids, opts.cases, opts.decidable],
  );
  await pool.query('ANALYZE case_file');
  const { rows } = await pool.query<{ case_id: string }>(`SELECT case_id FROM case_file WHERE campaign_id = $1 AND seq <= $2 ORDER BY case_id`, [
    opts.campaignId,
    opts.decidable,
  ]);
  return { campaignId: opts.campaignId, cityCode: opts.cityCode, calendar, decidable: rows.map((r) => r.case_id) };
}
