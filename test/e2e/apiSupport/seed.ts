/** Users and a campaign with cases in two cities, written straight into the read model. */
import type { Pool } from 'pg';
import { openCasesFromScreening } from '../../../activities/cases/openCasesFromScreening';
import { recordCampaignStart } from '../../../activities/campaigns/recordCampaignStart';
import { createUser } from '../../../api/users/createUser';
import { CampaignConfig } from '../../../domain/campaignConfig';
import type { CampaignCalendar } from '../../../domain/calendar';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../../support/caseFixtures';

export const USERS = {
  coordinator: { role: 'province_coordinator', password: 'pw-coordinator-1' },
  officer2201: { role: 'city_officer', cityCode: '2201', password: 'pw-officer-2201' },
  officer2202: { role: 'city_officer', cityCode: '2202', password: 'pw-officer-2202' },
  supervisor: { role: 'supervisor', password: 'pw-supervisor-1' },
  auditor: { role: 'auditor', password: 'pw-auditor-0001' },
  /** The responsible persons (负责人) of 2201 and of the province: they approve procedures. */
  leader2201: { role: 'city_officer', cityCode: '2201', responsible: true, password: 'pw-leader-2201' },
  leader22: { role: 'province_coordinator', responsible: true, password: 'pw-leader-0022' },
  /** Issue 21: 长春市's 人社局 and 公积金中心, and the provincial 人社厅. */
  hr2201: { role: 'city_hr_officer', cityCode: '2201', password: 'pw-hr-officer-2201' },
  fund2201: { role: 'city_fund_officer', cityCode: '2201', password: 'pw-fund-officer-2201' },
  hr22: { role: 'province_hr_coordinator', password: 'pw-hr-coordinator-22' },
} as const;
export type UserName = keyof typeof USERS;

/** 长春市's responsible person (负责人), who assigns cases (issue 20) and approves procedures (issue 19). */
export const LEADER = { username: 'leader2201', ...USERS.leader2201 } as const;

export async function seedUsers(pool: Pool): Promise<void> {
  for (const [username, u] of Object.entries(USERS)) {
    await createUser(pool, {
      username,
      role: u.role,
      password: u.password,
      ...('cityCode' in u ? { cityCode: u.cityCode } : {}),
      ...('responsible' in u ? { responsible: u.responsible } : {}),
    });
  }
}

/**
 * A penalty procedure of a case as its workflow records it (migration 060), written straight into
 * the read model: at the proposal step, opened on `openedOn`, awaiting `awaiting`.
 */
export async function seedProcedure(
  pool: Pool,
  p: { caseId: string; level: 'city' | 'province'; openedOn?: string; step?: string; awaiting?: string[]; columns?: Record<string, unknown> },
): Promise<string> {
  const { rows } = await pool.query<{ campaign_id: string; city_code: string }>('SELECT campaign_id, city_code FROM case_file WHERE case_id = $1', [p.caseId]);
  const { campaign_id: campaignId, city_code: cityCode } = rows[0];
  const procedureId = `penalty-procedure/${p.caseId}/${p.level}`;
  const openedOn = p.openedOn ?? '2026-03-02';
  const extra = Object.entries(p.columns ?? {});
  await pool.query(
    `INSERT INTO penalty_procedure (procedure_id, case_id, campaign_id, city_code, level, authority_code, violation, cert_category, step, awaiting,
                                    opened_on, time_limit_on${extra.map(([c]) => `, ${c}`).join('')})
     VALUES ($1, $2, $3, $4, $5, $6, 'IMPROPER_REGISTRATION', 'CONSTRUCTOR_2', $7, $8, $9::date, $9::date + 90${extra.map((_, i) => `, $${10 + i}`).join('')})`,
    [
      procedureId,
      p.caseId,
      campaignId,
      cityCode,
      p.level,
      p.level === 'city' ? cityCode : '22',
      p.step ?? 'proposal',
      p.awaiting ?? ['submit_proposal'],
      openedOn,
      ...extra.map(([, v]) => v),
    ],
  );
  return procedureId;
}

export interface SeededCampaign {
  campaignId: string;
  snapshotId: number;
  caseIds: Record<string, string[]>;
}

/**
 * `persons` flagged persons per city (social insurance paid by another unit), their cases opened.
 * ID numbers are unique per (city index, n) below 1000 persons in all.
 */
export async function seedCampaignWithCases(
  pool: Pool,
  opts: { campaignId: string; cities: string[]; persons: number; calendar?: CampaignCalendar; dueAt?: string },
): Promise<SeededCampaign> {
  const caseIds: Record<string, string[]> = {};
  let snapshotId = 0;
  for (const [ci, city] of opts.cities.entries()) {
    const regUnit = { name: `吉林省${city}测试建设有限公司`, code: fixtureUscc(100 + ci) };
    const ssUnit = { name: `${city}实际工作单位有限公司`, code: fixtureUscc(200 + ci) };
    const persons = Array.from({ length: opts.persons }, (_, i) => ({
      idNumber: fixtureIdNumber(ci * 400 + i + 1),
      regUnit,
      ssUnit,
      riskScore: 90 - (i % 50),
    }));
    const screened = await seedScreenedCity(pool, city, persons);
    snapshotId = screened.snapshotId;
    await openCasesFromScreening(pool, {
      campaignId: opts.campaignId,
      cityCode: city,
      screeningRunId: screened.runId,
      dueAt: opts.dueAt ?? new Date(Date.now() + 60 * 86_400_000).toISOString(),
    });
    const { rows } = await pool.query<{ case_id: string }>('SELECT case_id FROM case_file WHERE campaign_id = $1 AND city_code = $2 ORDER BY seq', [
      opts.campaignId,
      city,
    ]);
    caseIds[city] = rows.map((r) => r.case_id);
  }
  const config = CampaignConfig.parse({
    id: opts.campaignId,
    name: `测试 ${opts.campaignId}`,
    cities: opts.cities,
    dataSources: { snapshotId },
    ...(opts.calendar ? { calendar: opts.calendar } : {}),
  });
  await recordCampaignStart(pool, { config, snapshotId, launchedBy: 'seed', workflowId: `campaign/${opts.campaignId}`, at: new Date().toISOString() });
  return { campaignId: opts.campaignId, snapshotId, caseIds };
}
