/**
 * A small, realistic campaign read model for the report tests, written through the activities
 * that write it in production (campaign start, submissions, cases, decisions, penalties,
 * complaints, the progress notice) plus the services layer's direct inserts (self-check
 * declarations and deregistration requests). EXPECTED holds the figures worked out by hand.
 */
import type { Pool } from 'pg';
import { produceProgressNotice } from '../../../activities/campaigns/produceProgressNotice';
import { recordCampaignStart } from '../../../activities/campaigns/recordCampaignStart';
import { carryOverCase } from '../../../activities/cases/carryOverCase';
import { closeCase } from '../../../activities/cases/closeCase';
import { openCasesFromScreening } from '../../../activities/cases/openCasesFromScreening';
import { recordDecision } from '../../../activities/cases/recordDecision';
import { registerComplaint } from '../../../services/complaintRegistry';
import { applyPenalties } from '../../../activities/penalties/applyPenalties';
import { recordReview } from '../../../activities/submissions/reviewSubmission';
import { recordSubmission } from '../../../activities/submissions/recordSubmission';
import { SEED_CALENDAR } from '../../../domain/calendar';
import { CampaignConfig } from '../../../domain/campaignConfig';
import type { CaseDecisionInput } from '../../../domain/outcomes';
import { addStaff, fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../../support/caseFixtures';

export const CAMPAIGN = 'report-test';
const DUE = '2025-01-31T16:00:00.000Z';
const regUnit = { name: '吉林省某某建设有限公司', code: fixtureUscc(1) };
const regUnitB = { name: '吉林市某某监理有限公司', code: fixtureUscc(2) };
const elsewhere = { name: '长春某设计院有限公司', code: fixtureUscc(3) };

/** Persons by role in the fixture (ID numbers are the fixtures' valid synthetic ones). */
export const P = {
  a: [1, 2, 3, 4, 5, 6, 7, 8].map(fixtureIdNumber), // 长春市 flagged, cases 1..8 in this order
  b: [21, 22, 23, 24].map(fixtureIdNumber), // 吉林市 flagged
  x1: fixtureIdNumber(41), // 长春市 self-corrected in phase 1, not flagged
  x2: fixtureIdNumber(42), // 长春市 deregistered in phase 1
  y1: fixtureIdNumber(43), // 吉林市 deregistration request pending
  c1: fixtureIdNumber(44), // 长春市 complaint subject, not flagged
};
export const ALL_ID_NUMBERS = [...P.a, ...P.b, P.x1, P.x2, P.y1, P.c1];

/** Hand-worked figures (see the comments in seedReadModel). */
export const EXPECTED = {
  investigation: {
    '2201': {
      rows: 12,
      screened: 120,
      flagged: 8,
      verified: 6,
      confirmedHanging: 2,
      selfCorrected: 3,
      deregistered: 2,
      revoked: 2,
      badConduct: 4,
      otherPenalties: 4,
      stillOpen: 3,
    },
    '2202': {
      rows: 5,
      screened: 80,
      flagged: 4,
      verified: 3,
      confirmedHanging: 2,
      selfCorrected: 0,
      deregistered: 0,
      revoked: 2,
      badConduct: 4,
      otherPenalties: 4,
      stillOpen: 1,
    },
  },
  selfCheck: {
    '2201': { rows: 4, selfCorrected: 3, deregistered: 1 },
    '2202': { rows: 1, selfCorrected: 0, deregistered: 0 },
  },
} as const;

const officer = (cityCode: string) => ({ userId: `officer-${cityCode}`, role: 'city_officer' as const, cityCode });
const violation: CaseDecisionInput = {
  outcome: 'VIOLATION',
  actualEmployer: { name: elsewhere.name, code: elsewhere.code },
  evidence: '社保由实际工作单位缴纳',
};

export async function seedReadModel(pool: Pool): Promise<void> {
  const a = await seedScreenedCity(
    pool,
    '2201',
    P.a.map((idNumber, i) => ({
      idNumber,
      name: `长春${i + 1}`,
      regUnit,
      ssUnit: elsewhere,
      riskScore: 90 - i * 10,
      reasons: ['FUND_UNIT_MISMATCH', 'SS_UNIT_MISMATCH'],
    })),
  );
  const b = await seedScreenedCity(
    pool,
    '2202',
    P.b.map((idNumber, i) => ({ idNumber, name: `吉林${i + 1}`, regUnit: regUnitB, riskScore: 90 - i * 10 })),
  );
  // One campaign snapshot holding both cities' batches, as a real import would.
  await pool.query('INSERT INTO data_snapshot_batch (snapshot_id, batch_id) SELECT $1, batch_id FROM data_snapshot_batch WHERE snapshot_id = $2', [
    a.snapshotId,
    b.snapshotId,
  ]);
  await addStaff(pool, a.snapshotId, regUnit, [P.x1, P.x2, P.c1], '2201');
  await addStaff(pool, a.snapshotId, regUnitB, [P.y1], '2202');

  const config = CampaignConfig.parse({ id: CAMPAIGN, name: '报表测试专项治理', cities: ['2201', '2202'], dataSources: { snapshotId: a.snapshotId } });
  await recordCampaignStart(pool, {
    config,
    snapshotId: a.snapshotId,
    launchedBy: 'fixture',
    workflowId: `campaign/${CAMPAIGN}`,
    at: '2024-09-01T00:00:00+08:00',
  });
  for (const [city, run, screened, flagged] of [
    ['2201', a.runId, 120, 8],
    ['2202', b.runId, 80, 4],
  ] as const) {
    await pool.query('UPDATE city_progress SET screening_run_id = $3, persons_screened = $4, persons_flagged = $5 WHERE campaign_id = $1 AND city_code = $2', [
      CAMPAIGN,
      city,
      run,
      screened,
      flagged,
    ]);
  }

  // Phase 1. 长春市: x1 corrected (self-corrected), x2 deregistered, a unit declared alone (self-corrected),
  // a[0] corrected too (later a case: the investigation table lists it once, as its case).
  const declare = (city: string, id: string | null, correction: string, on: string, unit: string | null = null) =>
    pool.query(
      `INSERT INTO self_check_declaration (request_id, campaign_id, city_code, id_number, unit_name, correction, corrected_on, declared_by, received_at)
     VALUES (md5(random()::text), $1, $2, $3, $4, $5, $6, 'fixture', ($6::date + time '10:00') AT TIME ZONE 'Asia/Shanghai')`,
      [CAMPAIGN, city, id, unit, correction, on],
    );
  await declare('2201', P.x1, 'moved_contributions', '2024-10-15');
  await declare('2201', P.x2, 'deregistration_applied', '2024-10-08');
  await declare('2201', null, 'moved_registration', '2024-10-20', '长春某建筑劳务有限公司');
  await declare('2201', P.a[0], 'moved_contributions', '2024-10-10');
  const dereg = (city: string, id: string, on: string, processed: string | null) =>
    pool.query(
      `INSERT INTO deregistration_request (request_id, campaign_id, city_code, id_number, requested_by, received_on, sla_due, sla_due_at,
                                         processed_at, processed_by, outcome)
     VALUES (md5(random()::text), $1, $2, $3, 'fixture', $4, $4::date + 7, ($4::date + 8)::timestamp AT TIME ZONE 'Asia/Shanghai',
             $5::timestamptz, CASE WHEN $5::text IS NULL THEN NULL ELSE 'province' END, CASE WHEN $5::text IS NULL THEN NULL ELSE 'cancelled' END)`,
      [CAMPAIGN, city, id, on, processed],
    );
  await dereg('2201', P.x2, '2024-10-08', '2024-10-12T10:00:00+08:00');
  await dereg('2202', P.y1, '2024-10-25', null); // 吉林市: pending
  await recordSubmission(pool, {
    campaignId: CAMPAIGN,
    cityCode: '2201',
    kind: 'self_check',
    version: 1,
    submittedAt: '2024-10-30T15:00:00+08:00',
    submittedBy: 'officer-2201',
    late: false,
  });
  await recordSubmission(pool, {
    campaignId: CAMPAIGN,
    cityCode: '2202',
    kind: 'self_check',
    version: 1,
    submittedAt: '2024-11-02T09:00:00+08:00',
    submittedBy: 'officer-2202',
    late: true,
  });
  await produceProgressNotice(pool, { campaignId: CAMPAIGN, cities: ['2201', '2202'], lagThreshold: 0.5, at: '2024-11-05T09:00:00+08:00' });

  // Phase 2: cases. 长春市 a1..a8 are cases 1..8 (by risk), the complaint about c1 is case 9.
  await openCasesFromScreening(pool, { campaignId: CAMPAIGN, cityCode: '2201', screeningRunId: a.runId, dueAt: DUE });
  await openCasesFromScreening(pool, { campaignId: CAMPAIGN, cityCode: '2202', screeningRunId: b.runId, dueAt: DUE });
  const caseOf = async (id: string) => (await pool.query('SELECT case_id FROM case_file WHERE id_number = $1', [id])).rows[0].case_id as string;
  const decide = async (city: string, id: string, d: CaseDecisionInput, on: string, penalties?: 'city' | 'split') => {
    const caseId = await caseOf(id);
    await recordDecision(pool, caseId, `decide-${id}`, d, officer(city), { decidedAt: `${on}T10:00:00+08:00`, decidedOn: on });
    if (d.outcome === 'RECTIFIED' || penalties === 'city') await applyPenalties(pool, caseId, d, 'city', on, { calendar: SEED_CALENDAR });
    if (penalties === 'split') {
      // The province reserves the unit's bad-conduct record and imposes it in phase 3.
      await applyPenalties(pool, caseId, d, 'city', on, { exceptKinds: ['BAD_CONDUCT_UNIT'] });
      await applyPenalties(pool, caseId, d, 'province', '2025-02-10', { kinds: ['BAD_CONDUCT_UNIT'] });
    }
    return caseId;
  };
  await decide('2201', P.a[0], { outcome: 'RECTIFIED', rectifiedOn: '2024-10-10', how: 'moved_contributions' }, '2024-11-20'); // exempt
  await closeCase(pool, await decide('2201', P.a[1], violation, '2024-12-01', 'city'), '2024-12-02T10:00:00+08:00'); // 5 penalties
  await decide('2201', P.a[2], violation, '2024-12-03', 'split'); // 4 city + 1 province
  await decide('2201', P.a[3], { outcome: 'COMPLIANT', ground: 'BRANCH', justification: '总分公司关系，社保由总公司统一缴纳' }, '2024-12-05');
  await decide('2201', P.a[4], { outcome: 'DEREGISTERED', deregisteredOn: '2024-12-06' }, '2024-12-06');
  await decide('2201', P.a[5], { outcome: 'TRANSFERRED', receivingAuthority: '辽宁省住房和城乡建设厅' }, '2024-12-07');
  await carryOverCase(pool, await caseOf(P.a[6]), 'carry-a7', '本人长期外派，正在补充调查材料', officer('2201'), '2025-01-20T10:00:00+08:00');
  await registerComplaint(pool, {
    complaintId: 'complaint-1',
    campaignId: CAMPAIGN,
    cityCode: '2201',
    receivedAt: '2024-12-10T09:00:00+08:00',
    channel: 'phone',
    subjectIdNumber: P.c1,
    content: '举报该人员证书挂靠',
    dueAt: DUE,
  });
  // 吉林市: b1 violation, b2 rectified after phase 1 (liable, penalised), b3 open, b4 compliant.
  await decide('2202', P.b[0], violation, '2024-12-11', 'city');
  await decide('2202', P.b[1], { outcome: 'RECTIFIED', rectifiedOn: '2024-12-05', how: 'moved_registration' }, '2024-12-12');
  await decide('2202', P.b[3], { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保转移数据滞后' }, '2024-12-13');

  await pool.query(
    `INSERT INTO onsite_check_task (campaign_id, unit_key, city_code, unit_name, unit_code, reason, violations, staff_total, created_at)
     VALUES ($1, $2, '2201', $3, $4, 'min_share', 2, 5, '2024-12-20T10:00:00+08:00')`,
    [CAMPAIGN, regUnit.code, regUnit.name, regUnit.code],
  );
  await recordSubmission(pool, {
    campaignId: CAMPAIGN,
    cityCode: '2201',
    kind: 'investigation',
    version: 1,
    submittedAt: '2025-01-28T10:00:00+08:00',
    submittedBy: 'officer-2201',
    late: false,
  });
  await recordReview(pool, {
    campaignId: CAMPAIGN,
    cityCode: '2201',
    kind: 'investigation',
    version: 1,
    decision: 'return',
    comments: '请补充结转理由',
    reviewedBy: 'coordinator',
    at: '2025-02-03T10:00:00+08:00',
  });
  await recordSubmission(pool, {
    campaignId: CAMPAIGN,
    cityCode: '2201',
    kind: 'investigation',
    version: 2,
    submittedAt: '2025-02-05T10:00:00+08:00',
    submittedBy: 'officer-2201',
    late: false,
  });
  await recordReview(pool, {
    campaignId: CAMPAIGN,
    cityCode: '2201',
    kind: 'investigation',
    version: 2,
    decision: 'approve',
    reviewedBy: 'coordinator',
    at: '2025-02-07T10:00:00+08:00',
  });
}
