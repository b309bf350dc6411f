/**
 * The early-November progress notice (通报): each city's self-check figures and lateness; a lagging
 * city (进展不力) gets an on-site supervision task (现场调研督办).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { cityName } from '../../domain/cities';
import { inTransaction } from '../../platform/transactions';
import { recordCampaignEvent } from './recordCampaignEvent';

export const ProduceProgressNoticeInput = z.object({
  campaignId: z.string().min(1),
  cities: z.array(CityCode).min(1),
  lagThreshold: z.number().min(0).max(1),
  at: z.string().datetime({ offset: true }),
});
export type ProduceProgressNoticeInput = z.input<typeof ProduceProgressNoticeInput>;

export interface CityProgressLine {
  cityCode: string;
  cityName: string;
  submitted: boolean;
  submittedAt: string | null;
  late: boolean;
  declarations: number;
  deregistrationRequests: number;
  deregistrationsProcessed: number;
  registeredPersons: number;
  /** Declarations and deregistration requests per 1,000 registered persons. */
  ratePerThousand: number;
  lagging: boolean;
  lagReasons: string[];
}

export interface ProgressNotice {
  title: string;
  producedAt: string;
  provinceRatePerThousand: number;
  cities: CityProgressLine[];
  lagging: string[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Lagging: no self-check summary by the notice, a late one, or a self-check rate below
 * `lagThreshold` times the provincial average (peers are the fairest yardstick: the number of
 * hanging certificates a city should have found is unknown until phase 2). Idempotent: the first
 * notice stands, a retry returns it.
 */
export async function produceProgressNotice(pool: Pool, raw: ProduceProgressNoticeInput): Promise<ProgressNotice> {
  const i = ProduceProgressNoticeInput.parse(raw);
  const existing = await pool.query('SELECT content FROM progress_notice WHERE campaign_id = $1', [i.campaignId]);
  if (existing.rows[0]) return existing.rows[0].content as ProgressNotice;

  const { rows } = await pool.query(
    `SELECT c.code AS city_code,
            s.submitted_at, coalesce(s.late, false) AS late,
            (SELECT count(*) FROM self_check_declaration d WHERE d.campaign_id = $1 AND d.city_code = c.code)::int AS declarations,
            (SELECT count(*) FROM deregistration_request r WHERE r.campaign_id = $1 AND r.city_code = c.code)::int AS dereg,
            (SELECT count(*) FROM deregistration_request r WHERE r.campaign_id = $1 AND r.city_code = c.code
               AND r.processed_at IS NOT NULL)::int AS dereg_done,
            (SELECT count(DISTINCT g.id_number) FROM campaign k
               JOIN data_snapshot_batch b ON b.snapshot_id = k.snapshot_id
               JOIN registration g ON g.batch_id = b.batch_id
              WHERE k.id = $1 AND g.city_code = c.code AND g.status = 'valid')::int AS registered
       FROM unnest($2::text[]) AS c(code)
       LEFT JOIN submission s ON s.campaign_id = $1 AND s.city_code = c.code AND s.kind = 'self_check' AND s.version = 1
             AND s.submitted_at <= $3 AND s.status <> 'signing'
      ORDER BY c.code`,
    [i.campaignId, i.cities, i.at],
  );
  const totalActs = rows.reduce((n, r) => n + r.declarations + r.dereg, 0);
  const totalRegistered = rows.reduce((n, r) => n + r.registered, 0);
  const provinceRate = totalRegistered > 0 ? (1000 * totalActs) / totalRegistered : 0;
  const cities: CityProgressLine[] = rows.map((r) => {
    const rate = r.registered > 0 ? (1000 * (r.declarations + r.dereg)) / r.registered : 0;
    const reasons: string[] = [];
    if (!r.submitted_at) reasons.push('未按期报送自查自纠汇总表');
    else if (r.late) reasons.push('逾期报送自查自纠汇总表');
    if (i.lagThreshold > 0 && provinceRate > 0 && rate < i.lagThreshold * provinceRate) {
      reasons.push(`自查自纠申报率低于全省平均水平的${Math.round(i.lagThreshold * 100)}%`);
    }
    return {
      cityCode: r.city_code,
      cityName: cityName(r.city_code),
      submitted: r.submitted_at !== null,
      submittedAt: r.submitted_at ? (r.submitted_at as Date).toISOString() : null,
      late: r.late,
      declarations: r.declarations,
      deregistrationRequests: r.dereg,
      deregistrationsProcessed: r.dereg_done,
      registeredPersons: r.registered,
      ratePerThousand: round1(rate),
      lagging: reasons.length > 0,
      lagReasons: reasons,
    };
  });
  const notice: ProgressNotice = {
    title: '关于各市（州）工程建设领域专业技术人员违规“挂证”行为自查自纠工作进展情况的通报',
    producedAt: i.at,
    provinceRatePerThousand: round1(provinceRate),
    cities,
    lagging: cities.filter((c) => c.lagging).map((c) => c.cityCode),
  };

  return inTransaction(pool, async (client) => {
    const ins = await client.query('INSERT INTO progress_notice (campaign_id, produced_at, content) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      i.campaignId,
      i.at,
      JSON.stringify(notice),
    ]);
    if ((ins.rowCount ?? 0) === 0) {
      return (await client.query('SELECT content FROM progress_notice WHERE campaign_id = $1', [i.campaignId])).rows[0].content;
    }
    for (const c of cities.filter((x) => x.lagging)) {
      await client.query(
        `INSERT INTO supervision_task (campaign_id, city_code, source, reason, created_at)
         VALUES ($1, $2, 'progress_notice', $3, $4) ON CONFLICT DO NOTHING`,
        [i.campaignId, c.cityCode, c.lagReasons.join('；'), i.at],
      );
    }
    await recordCampaignEvent(client, {
      eventKey: `${i.campaignId}/progress_notice`,
      campaignId: i.campaignId,
      kind: 'progress_notice',
      phase: 'investigation',
      at: i.at,
      detail: { lagging: notice.lagging },
    });
    return notice;
  });
}
