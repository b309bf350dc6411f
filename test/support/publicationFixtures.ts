/**
 * Published records through the real code: two persons' cases decided VIOLATION and their
 * penalties recorded today (so their bad-conduct records, their registration units' records and their
 * bars are published), then the province overrides the second to COMPLIANT (its publications are
 * withdrawn). The feed and the public page tests start from here.
 */
import type { Pool } from 'pg';
import { gatherCaseEvidence } from '../../activities/cases/gatherCaseEvidence';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { overrideCaseOutcome } from '../../activities/cases/correctCase';
import { recordDecision } from '../../activities/cases/recordDecision';
import { applyPenalties } from '../../activities/penalties/applyPenalties';
import { SEED_CALENDAR, shanghaiDate } from '../../domain/calendar';
import type { CaseDecisionInput } from '../../domain/outcomes';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from './caseFixtures';

export interface PublishedPerson {
  caseId: string;
  name: string;
  idNumber: string;
  certNumber: string;
}

export interface PublishedFixture {
  published: PublishedPerson;
  withdrawn: PublishedPerson;
  unit: { name: string; code: string };
  today: string;
}

const officer = { userId: 'officer2201', role: 'city_officer' as const, cityCode: '2201' };
const coordinator = { userId: 'coordinator', role: 'province_coordinator' as const };

export async function seedPublishedRecords(pool: Pool, campaignId = 'publication'): Promise<PublishedFixture> {
  const unit = { name: '吉林省公开测试建设有限公司', code: fixtureUscc(61) };
  const actual = { name: '长春实际工作单位有限公司', code: fixtureUscc(62) };
  const persons = [
    { idNumber: fixtureIdNumber(611), name: '王公开', regUnit: unit, ssUnit: actual, reasons: ['SS_UNIT_MISMATCH'] },
    { idNumber: fixtureIdNumber(612), name: '李撤回', regUnit: { name: '吉林省撤回测试建设有限公司', code: fixtureUscc(63) }, ssUnit: actual },
  ];
  const { runId } = await seedScreenedCity(pool, '2201', persons);
  await pool.query(`INSERT INTO campaign (id, name, config, calendar, workflow_id, launched_by) VALUES ($1, '公开测试', '{}', $2, 'campaign/' || $1, 'test')`, [
    campaignId,
    JSON.stringify(SEED_CALENDAR),
  ]);
  await openCasesFromScreening(pool, { campaignId, cityCode: '2201', screeningRunId: runId, dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
  const today = shanghaiDate(new Date());
  const violation: CaseDecisionInput = { outcome: 'VIOLATION', actualEmployer: { name: actual.name, code: actual.code }, evidence: '社保由实际工作单位缴纳' };
  const decided: PublishedPerson[] = [];
  for (const [i, p] of persons.entries()) {
    const { rows } = await pool.query<{ case_id: string }>('SELECT case_id FROM case_file WHERE id_number = $1 AND campaign_id = $2', [p.idNumber, campaignId]);
    const caseId = rows[0].case_id;
    await gatherCaseEvidence(pool, caseId);
    await recordDecision(pool, caseId, `decide-${i}`, violation, officer, { decidedAt: new Date().toISOString(), decidedOn: today });
    await applyPenalties(pool, caseId, violation, 'city', today, { calendar: SEED_CALENDAR });
    const cert = await pool.query<{ cert_number: string }>('SELECT cert_number FROM registration WHERE id_number = $1', [p.idNumber]);
    decided.push({ caseId, name: p.name, idNumber: p.idNumber, certNumber: cert.rows[0].cert_number });
  }
  await overrideCaseOutcome(
    pool,
    decided[1].caseId,
    'override-1',
    { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保数据滞后，实际在注册单位工作' },
    '省厅复核：数据滞后',
    coordinator,
    { at: new Date().toISOString(), on: today },
    { calendar: SEED_CALENDAR },
  );
  return { published: decided[0], withdrawn: decided[1], unit, today };
}
