/**
 * The province's final report (全省专项治理情况工作报告 + 汇总表) as figures from the read model,
 * stored in final_report. Issue 5 renders it as .xlsx/.docx: extend `ProvinceReport`, not the SQL
 * callers, and keep it free of personal data (counts only).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { cityName } from '../../domain/cities';
import { recordCampaignEvent } from './recordCampaignEvent';

export const CompileProvinceReportInput = z.object({
  campaignId: z.string().min(1),
  cities: z.array(CityCode).min(1),
  at: z.string().datetime({ offset: true }),
  /** When the province's deadline passes (wall time): a report compiled after it is late. */
  deadlineAt: z.string().datetime({ offset: true }),
});
export type CompileProvinceReportInput = z.input<typeof CompileProvinceReportInput>;

export interface CityReportLine {
  cityCode: string;
  cityName: string;
  selfCheck: { submittedAt: string | null; late: boolean; declarations: number; deregistrations: number };
  investigation: { submittedAt: string | null; late: boolean; versions: number; status: string | null };
  cases: { total: number; byStatus: Record<string, number>; byOutcome: Record<string, number>; exempt: number };
  penalties: { byKind: Record<string, number>; byLevel: Record<string, number>; bans: number };
  complaints: number;
  onsiteChecks: number;
  supervisionTasks: number;
}

export interface ProvinceReport {
  title: string;
  producedAt: string;
  late: boolean;
  /** Cities whose investigation report is not approved when the report was compiled. */
  notApproved: string[];
  cities: CityReportLine[];
  totals: { cases: number; violations: number; exempt: number; penalties: number; bans: number; complaints: number };
}

async function countBy(pool: Pool, sql: string, params: unknown[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of (await pool.query(sql, params)).rows) {
    const m = out.get(r.city_code) ?? {};
    m[r.k ?? 'none'] = Number(r.n);
    out.set(r.city_code, m);
  }
  return out;
}

const sum = (m: Record<string, number> | undefined) => Object.values(m ?? {}).reduce((a, b) => a + b, 0);

/** Idempotent (re-compiling replaces the figures, e.g. after a late approval). */
export async function compileProvinceReport(pool: Pool, raw: CompileProvinceReportInput): Promise<ProvinceReport> {
  const i = CompileProvinceReportInput.parse(raw);
  const p = [i.campaignId];
  const byStatus = await countBy(pool, 'SELECT city_code, status AS k, count(*) n FROM case_file WHERE campaign_id = $1 GROUP BY 1, 2', p);
  const byOutcome = await countBy(
    pool,
    'SELECT city_code, outcome AS k, count(*) n FROM case_file WHERE campaign_id = $1 AND outcome IS NOT NULL GROUP BY 1, 2',
    p,
  );
  const exempt = await countBy(
    pool,
    "SELECT city_code, 'exempt' AS k, count(*) n FROM case_file WHERE campaign_id = $1 AND liability = 'exempt' GROUP BY 1",
    p,
  );
  const penKind = await countBy(
    pool,
    'SELECT c.city_code, x.kind AS k, count(*) n FROM penalty x JOIN case_file c USING (case_id) WHERE c.campaign_id = $1 GROUP BY 1, 2',
    p,
  );
  const penLevel = await countBy(
    pool,
    'SELECT c.city_code, x.level AS k, count(*) n FROM penalty x JOIN case_file c USING (case_id) WHERE c.campaign_id = $1 GROUP BY 1, 2',
    p,
  );
  const bans = await countBy(
    pool,
    "SELECT c.city_code, 'bans' AS k, count(*) n FROM registration_ban b JOIN case_file c USING (case_id) WHERE c.campaign_id = $1 GROUP BY 1",
    p,
  );
  const complaints = await countBy(pool, "SELECT city_code, 'n' AS k, count(*) n FROM complaint WHERE campaign_id = $1 GROUP BY 1", p);
  const onsite = await countBy(pool, "SELECT city_code, 'n' AS k, count(*) n FROM onsite_check_task WHERE campaign_id = $1 GROUP BY 1", p);
  const supervision = await countBy(pool, "SELECT city_code, 'n' AS k, count(*) n FROM supervision_task WHERE campaign_id = $1 GROUP BY 1", p);
  const declarations = await countBy(pool, "SELECT city_code, 'n' AS k, count(*) n FROM self_check_declaration WHERE campaign_id = $1 GROUP BY 1", p);
  const dereg = await countBy(pool, "SELECT city_code, 'n' AS k, count(*) n FROM deregistration_request WHERE campaign_id = $1 GROUP BY 1", p);
  const subs = (
    await pool.query(
      `SELECT city_code, kind, count(*)::int AS versions,
              min(submitted_at) AS first_at, bool_or(late AND version = 1) AS late,
              (array_agg(status ORDER BY version DESC))[1] AS status
         FROM submission WHERE campaign_id = $1 AND status <> 'signing' GROUP BY 1, 2`,
      p,
    )
  ).rows;
  const sub = (city: string, kind: string) => subs.find((s) => s.city_code === city && s.kind === kind);

  const cities: CityReportLine[] = i.cities.map((code) => {
    const sc = sub(code, 'self_check');
    const inv = sub(code, 'investigation');
    return {
      cityCode: code,
      cityName: cityName(code),
      selfCheck: {
        submittedAt: sc ? (sc.first_at as Date).toISOString() : null,
        late: sc?.late ?? false,
        declarations: sum(declarations.get(code)),
        deregistrations: sum(dereg.get(code)),
      },
      investigation: {
        submittedAt: inv ? (inv.first_at as Date).toISOString() : null,
        late: inv?.late ?? false,
        versions: inv?.versions ?? 0,
        status: inv?.status ?? null,
      },
      cases: { total: sum(byStatus.get(code)), byStatus: byStatus.get(code) ?? {}, byOutcome: byOutcome.get(code) ?? {}, exempt: sum(exempt.get(code)) },
      penalties: { byKind: penKind.get(code) ?? {}, byLevel: penLevel.get(code) ?? {}, bans: sum(bans.get(code)) },
      complaints: sum(complaints.get(code)),
      onsiteChecks: sum(onsite.get(code)),
      supervisionTasks: sum(supervision.get(code)),
    };
  });
  const late = Date.parse(i.at) >= Date.parse(i.deadlineAt);
  const report: ProvinceReport = {
    title: '吉林省工程建设领域专业技术人员违规“挂证”行为专项治理情况工作报告',
    producedAt: i.at,
    late,
    notApproved: cities.filter((c) => c.investigation.status !== 'approved').map((c) => c.cityCode),
    cities,
    totals: {
      cases: cities.reduce((n, c) => n + c.cases.total, 0),
      violations: cities.reduce((n, c) => n + (c.cases.byOutcome.VIOLATION ?? 0), 0),
      exempt: cities.reduce((n, c) => n + c.cases.exempt, 0),
      penalties: cities.reduce((n, c) => n + sum(c.penalties.byKind), 0),
      bans: cities.reduce((n, c) => n + c.penalties.bans, 0),
      complaints: cities.reduce((n, c) => n + c.complaints, 0),
    },
  };
  await pool.query(
    `INSERT INTO final_report (campaign_id, produced_at, late, content) VALUES ($1, $2, $3, $4)
     ON CONFLICT (campaign_id) DO UPDATE SET produced_at = EXCLUDED.produced_at, late = EXCLUDED.late, content = EXCLUDED.content`,
    [i.campaignId, i.at, late, JSON.stringify(report)],
  );
  await recordCampaignEvent(pool, {
    eventKey: `${i.campaignId}/final_report/${i.at}`,
    campaignId: i.campaignId,
    kind: 'final_report',
    phase: 'provincialVerification',
    at: i.at,
    detail: { late, notApproved: report.notApproved, totals: report.totals },
  });
  return report;
}
