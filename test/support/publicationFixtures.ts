/**
 * Published records through the real code: two persons' cases decided VIOLATION and their
 * penalties recorded today (so their bad-conduct records, their registration units' records and their
 * bars are published), then the province overrides the second to COMPLIANT (its publications are
 * withdrawn). The first person's penalties rest on a served decision of the due-process procedure
 * (migration 060), written into its tables as the procedure would leave them: a 行政处罚决定书 with a
 * number from the real numbering, and the seeded legal basis. The feed, the public page and the ban
 * look-up tests start from here.
 */
import type { Pool } from 'pg';
import { gatherCaseEvidence } from '../../activities/cases/gatherCaseEvidence';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { overrideCaseOutcome } from '../../activities/cases/correctCase';
import { recordDecision } from '../../activities/cases/recordDecision';
import { applyPenalties } from '../../activities/penalties/applyPenalties';
import { allocateDocumentNumber } from '../../documents/documentNumbers';
import { ensureDefaultTemplate } from '../../documents/templateStore';
import { SEED_CALENDAR, shanghaiDate } from '../../domain/calendar';
import type { CaseDecisionInput } from '../../domain/outcomes';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from './caseFixtures';

export interface PublishedPerson {
  caseId: string;
  /** The decision's number (the first person's only). */
  decisionNo?: string;
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
  decided[0].decisionNo = await servedDecision(pool, campaignId, decided[0].caseId, today);
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

/** The city procedure of the case, its decision numbered and served today, and the case's penalties linked to it; answers the number. */
async function servedDecision(pool: Pool, campaignId: string, caseId: string, today: string): Promise<string> {
  const procedureId = `penalty-procedure/${caseId}/city`;
  const { number } = await allocateDocumentNumber(pool, {
    authorityCode: '2201',
    kind: 'penalty_decision',
    year: Number(today.slice(0, 4)),
    key: `${procedureId}/penalty_decision`,
    subjectRef: caseId,
  });
  await ensureDefaultTemplate(pool, 'penalty_decision');
  const doc = await pool.query<{ id: string }>(
    `INSERT INTO generated_document (id, idempotency_key, kind, number, template_id, template_version, sha256, content, subject_ref)
     SELECT gen_random_uuid(), $1, 'penalty_decision', $2, t.id, t.version, 'fixture', '\\x00'::bytea, $3
     FROM document_template t WHERE t.kind = 'penalty_decision' ORDER BY t.version DESC LIMIT 1 RETURNING id`,
    [`${procedureId}/penalty_decision/document`, number, caseId],
  );
  await pool.query(
    `INSERT INTO penalty_procedure (procedure_id, case_id, campaign_id, city_code, level, authority_code, legal_basis_id, violation, cert_category, step,
                                    opened_on, time_limit_on, decision_document_id, decision_on, decision_served_on, effective_on)
     SELECT $1, $2, $3, '2201', 'city', '2201', b.id, 'IMPROPER_REGISTRATION', 'CONSTRUCTOR_2', 'redress', $5::date, $5::date + 90, $4, $5, $5, $5
     FROM legal_basis_version b WHERE b.cert_category = 'CONSTRUCTOR_2' AND b.violation = 'IMPROPER_REGISTRATION' AND b.version = 1`,
    [procedureId, caseId, campaignId, doc.rows[0].id, today],
  );
  await pool.query('UPDATE penalty SET procedure_id = $2 WHERE case_id = $1', [caseId, procedureId]);
  return number;
}
