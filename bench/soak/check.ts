/**
 * The soak's closing check: every number of the province's summary table equals the same count
 * taken directly from the read model tables.
 *
 * Three renderings of the figures are checked, each against the same direct counts:
 *  - the stored province summary table (province_table .xlsx, its latest version, as the campaign
 *    produced it): the sheet 分市（州）汇总, read back with an independent reader (SheetJS),
 *    one row per city and the 合计 row;
 *  - reportFigures (what that sheet and the work report print), computed now;
 *  - the final report's JSON (compileProvinceReport, table final_report): cases, outcomes,
 *    exemptions, penalties, bans per city.
 * The direct counts are plain queries over case_file, penalty, registration_ban, screening_run /
 * screening_result, self_check_declaration and deregistration_request, written here without the
 * reports code (its definitions are in docs/reports.md).
 */
import * as XLSX from '@e965/xlsx';
import type { Pool } from 'pg';
import { listReports, readReport, reportFigures, SUMMARY_FIELDS } from '../../activities/reports';
import { CITY_SHEET } from '../../activities/reports/summaryLayout';
import { cityName } from '../../domain/cities';
import type { ProvinceReport } from '../../activities/campaigns/compileProvinceReport';

type Counts = Record<string, number>;

const OTHER_PENALTIES = `kind NOT IN ('REVOKE_REGISTRATION', 'BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT')`;

/** The summary table's ten figures and the final report's, per city, straight from the tables. */
export async function directCounts(pool: Pool, campaignId: string, cities: string[]): Promise<Map<string, Counts>> {
  const q = async (sql: string) => (await pool.query(sql, [campaignId])).rows as ({ city_code: string } & Record<string, string | number>)[];
  const rows = [
    ...(await q(`SELECT p.city_code::text, r.persons_screened AS screened, (SELECT count(*) FROM screening_result s WHERE s.run_id = r.id) AS flagged
                 FROM city_progress p JOIN screening_run r ON r.id = p.screening_run_id WHERE p.campaign_id = $1`)),
    ...(await q(`SELECT city_code::text, count(*) AS cases, count(outcome) AS verified,
                   count(*) FILTER (WHERE liability = 'liable') AS confirmed_hanging,
                   count(*) FILTER (WHERE liability = 'exempt') AS exempt,
                   count(*) FILTER (WHERE outcome = 'DEREGISTERED') AS case_deregistered,
                   count(*) FILTER (WHERE status IN ('open', 'carried_over')) AS still_open,
                   count(*) FILTER (WHERE outcome = 'VIOLATION') AS violations,
                   count(*) FILTER (WHERE outcome = 'COMPLIANT') AS compliant, count(*) FILTER (WHERE outcome = 'RECTIFIED') AS rectified,
                   count(*) FILTER (WHERE outcome = 'TRANSFERRED') AS transferred
                 FROM case_file WHERE campaign_id = $1 GROUP BY 1`)),
    ...(await q(`SELECT c.city_code::text, count(*) AS penalties,
                   count(*) FILTER (WHERE p.kind = 'REVOKE_REGISTRATION') AS revoked,
                   count(*) FILTER (WHERE p.kind IN ('BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT')) AS bad_conduct,
                   count(*) FILTER (WHERE p.${OTHER_PENALTIES}) AS other_penalties
                 FROM penalty p JOIN case_file c ON c.case_id = p.case_id WHERE c.campaign_id = $1 GROUP BY 1`)),
    ...(await q(`SELECT c.city_code::text, count(*) AS bans FROM registration_ban b JOIN case_file c ON c.case_id = b.case_id
                 WHERE c.campaign_id = $1 GROUP BY 1`)),
    // Self-check subjects without a case: the latest declaration and request of each person.
    ...(await q(`WITH subject AS (
                   SELECT city_code, id_number FROM self_check_declaration WHERE campaign_id = $1 AND id_number IS NOT NULL
                   UNION SELECT city_code, id_number FROM deregistration_request WHERE campaign_id = $1),
                 alone AS (SELECT * FROM subject s WHERE NOT EXISTS (SELECT 1 FROM case_file c WHERE c.campaign_id = $1 AND c.id_number = s.id_number)),
                 facts AS (
                   SELECT a.city_code,
                     (SELECT r.outcome FROM deregistration_request r WHERE r.campaign_id = $1 AND r.city_code = a.city_code AND r.id_number = a.id_number
                      ORDER BY r.received_on DESC, r.id DESC LIMIT 1) AS dreq_outcome,
                     (SELECT d.correction IN ('moved_contributions', 'moved_registration')
                             AND d.corrected_on <= (SELECT (calendar #>> '{selfCheck,deadline}')::date FROM campaign WHERE id = $1)
                      FROM self_check_declaration d WHERE d.campaign_id = $1 AND d.city_code = a.city_code AND d.id_number = a.id_number
                      ORDER BY d.corrected_on DESC, d.id DESC LIMIT 1) AS corrected
                   FROM alone a)
                 SELECT city_code::text, count(*) AS self_check_rows,
                   count(*) FILTER (WHERE dreq_outcome = 'cancelled') AS sc_deregistered,
                   count(*) FILTER (WHERE coalesce(dreq_outcome, '') <> 'cancelled' AND corrected) AS sc_corrected
                 FROM facts GROUP BY 1`)),
    ...(await q(`SELECT city_code::text, count(*) AS unit_declarations FROM self_check_declaration
                 WHERE campaign_id = $1 AND id_number IS NULL GROUP BY 1`)),
  ];
  const out = new Map<string, Counts>();
  for (const code of cities) out.set(code, {});
  for (const r of rows) {
    const m = out.get(r.city_code.trim());
    if (!m) continue;
    for (const [k, v] of Object.entries(r)) if (k !== 'city_code') m[k] = Number(v ?? 0);
  }
  for (const m of out.values()) {
    const n = (k: string) => m[k] ?? 0;
    // The summary table's ten columns (docs/reports.md, "Definitions").
    Object.assign(m, {
      screened: n('screened'),
      flagged: n('flagged'),
      verified: n('verified'),
      confirmedHanging: n('confirmed_hanging'),
      selfCorrected: n('exempt') + n('sc_corrected'),
      deregistered: n('case_deregistered') + n('sc_deregistered'),
      revoked: n('revoked'),
      badConduct: n('bad_conduct'),
      otherPenalties: n('other_penalties'),
      stillOpen: n('still_open'),
      rows: n('cases') + n('self_check_rows') + n('unit_declarations'),
    });
  }
  return out;
}

export interface CheckResult {
  pairs: number;
  mismatches: string[];
  lines: string[];
}

const SUMMARY_KEYS = SUMMARY_FIELDS.map(([k]) => k as string);

function compare(res: CheckResult, source: string, scope: string, got: Counts, want: Counts, keys: string[]): void {
  const cells = keys.map((k) => {
    res.pairs++;
    const ok = got[k] === want[k];
    if (!ok) res.mismatches.push(`${source} ${scope} ${k}: report ${got[k]} ≠ read model ${want[k]}`);
    return `${k}=${got[k]}/${want[k]}${ok ? '' : ' MISMATCH'}`;
  });
  res.lines.push(`check ${source} ${scope}: ${cells.join(' ')}`);
}

function sumOf(counts: Counts[], keys: string[]): Counts {
  return Object.fromEntries(keys.map((k) => [k, counts.reduce((a, c) => a + (c[k] ?? 0), 0)]));
}

export async function checkProvinceFigures(pool: Pool, campaignId: string, cities: string[]): Promise<CheckResult> {
  const res: CheckResult = { pairs: 0, mismatches: [], lines: [] };
  const direct = await directCounts(pool, campaignId, cities);
  const want = (code: string) => direct.get(code)!;
  const wantTotal = sumOf([...direct.values()], [...SUMMARY_KEYS, 'rows', 'cases', 'violations', 'exempt', 'penalties', 'bans']);

  // 1. The stored province summary table, as the campaign produced it.
  const [meta] = await listReports(pool, { campaignId, kind: 'province_table', limit: 1 });
  if (!meta) {
    res.mismatches.push('no province summary table (province_table) was produced');
  } else {
    const stored = await readReport(pool, meta.reportId);
    // Only the per-city sheet: the detail sheet holds one row per person (tens of thousands at scale).
    const wb = XLSX.read(stored!.content, { type: 'buffer', sheets: CITY_SHEET });
    const ws = wb.Sheets[CITY_SHEET];
    if (!ws) throw new Error(`${meta.fileName}: no sheet ${CITY_SHEET}`);
    const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    const header = grid[2] as string[];
    const byName = new Map(grid.slice(3).map((r) => [String(r[1] || r[0]), r]));
    res.lines.push(`summary table: ${meta.fileName} (report ${meta.reportId}, produced ${meta.createdAt})`);
    for (const code of cities) {
      const name = cityName(code);
      const row = byName.get(name);
      if (!row) {
        res.mismatches.push(`${meta.fileName}: no row for ${name}`);
        continue;
      }
      const got = Object.fromEntries(SUMMARY_FIELDS.map(([k, label]) => [k, Number(row[header.indexOf(label)])]));
      compare(res, 'xlsx', code, got, want(code), SUMMARY_KEYS);
    }
    const total = byName.get('合计');
    if (!total) res.mismatches.push(`${meta.fileName}: no 合计 row`);
    else
      compare(res, 'xlsx', '合计', Object.fromEntries(SUMMARY_FIELDS.map(([k, label]) => [k, Number(total[header.indexOf(label)])])), wantTotal, SUMMARY_KEYS);
  }

  // 2. reportFigures now (what the sheet and the province work report print).
  const figures = await reportFigures(pool, { campaignId, phase: 'provincialVerification' });
  for (const c of figures.cities) compare(res, 'figures', c.cityCode, { ...c } as unknown as Counts, want(c.cityCode), [...SUMMARY_KEYS, 'rows', 'cases']);
  compare(res, 'figures', 'total', { ...figures.totals } as unknown as Counts, wantTotal, [...SUMMARY_KEYS, 'rows', 'cases']);

  // 3. The final report (compileProvinceReport).
  const fr = (await pool.query<{ content: ProvinceReport }>('SELECT content FROM final_report WHERE campaign_id = $1', [campaignId])).rows[0]?.content;
  if (!fr) {
    res.mismatches.push('no final report (final_report) was compiled');
  } else {
    const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
    for (const c of fr.cities) {
      compare(
        res,
        'final',
        c.cityCode,
        {
          cases: c.cases.total,
          violations: c.cases.byOutcome.VIOLATION ?? 0,
          compliant: c.cases.byOutcome.COMPLIANT ?? 0,
          rectified: c.cases.byOutcome.RECTIFIED ?? 0,
          transferred: c.cases.byOutcome.TRANSFERRED ?? 0,
          case_deregistered: c.cases.byOutcome.DEREGISTERED ?? 0,
          exempt: c.cases.exempt,
          penalties: sum(c.penalties.byKind),
          bans: c.penalties.bans,
        },
        want(c.cityCode),
        ['cases', 'violations', 'compliant', 'rectified', 'transferred', 'case_deregistered', 'exempt', 'penalties', 'bans'],
      );
    }
    compare(res, 'final', 'total', { ...fr.totals }, wantTotal, ['cases', 'violations', 'exempt', 'penalties', 'bans']);
    if (fr.notApproved.length > 0) res.mismatches.push(`final report compiled with cities not approved: ${fr.notApproved.join(', ')}`);
  }
  return res;
}
