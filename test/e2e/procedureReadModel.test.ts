/**
 * The procedure read model (issue 19) over the tables its workflow writes: deadlines counted in
 * working days from the campaign's today (a statement window across 春节 2026, with the adjusted
 * working Saturday of 14 February), what is awaited and by whom, the measures as they stand beside
 * their trail, art. 60's time limit overdue, and the steps due sorted by the nearest deadline.
 */
import { procedureDetails } from '../../readModel/procedureDetail';
import { proceduresDue } from '../../readModel/proceduresDue';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedCampaignWithCases, seedProcedure, type SeededCampaign } from './apiSupport/seed';

let db: TestDatabase;
let seeded: SeededCampaign;
/** Friday 13 February 2026, 12:00 in Shanghai: the last working day before 春节's holiday but one adjusted Saturday. */
const FRIDAY_BEFORE_SPRING_FESTIVAL = Date.parse('2026-02-13T04:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  seeded = await seedCampaignWithCases(db.pool, { campaignId: 'readmodel', cities: ['2201'], persons: 3 });
  const [inStatement, atApproval, overdue] = seeded.caseIds['2201'];
  await seedProcedure(db.pool, {
    caseId: inStatement,
    level: 'city',
    openedOn: '2026-01-05',
    step: 'statement',
    awaiting: ['await_statement'],
    columns: { hearing_applies: true, notice_served_on: '2026-02-10', statement_deadline: '2026-02-25', hearing_request_deadline: '2026-02-24' },
  });
  await seedProcedure(db.pool, { caseId: atApproval, level: 'city', openedOn: '2026-02-02', step: 'proposal', awaiting: ['approve_proposal'] });
  await seedProcedure(db.pool, { caseId: overdue, level: 'city', openedOn: '2025-10-01', step: 'review', awaiting: ['review_statement'] });
  const procedureId = `penalty-procedure/${atApproval}/city`;
  // A fine proposed at 5,000 yuan, then lowered to 3,000 (the first row marked changed: the trail stays).
  await db.pool.query(
    `INSERT INTO procedure_measure (procedure_id, kind, version, authority, amount_yuan, illegal_gains_yuan, status, status_on) VALUES
       ($1, 'FINE', 1, 'CITY_BUREAU', 5000, 0, 'changed', '2026-02-03'),
       ($1, 'FINE', 2, 'CITY_BUREAU', 3000, 0, 'proposed', '2026-02-04'),
       ($1, 'WARNING', 1, 'CITY_BUREAU', NULL, NULL, 'proposed', '2026-02-03')`,
    [procedureId],
  );
  await db.pool.query(
    `INSERT INTO procedure_event (procedure_id, event_id, action, step, officer_id, officer_role, happened_on) VALUES
       ($1, 'opened', 'opened', 'proposal', NULL, NULL, '2026-02-02'), ($1, 'req-1', 'submitProposal', 'proposal', 'officer2201', 'city_officer', '2026-02-03')`,
    [procedureId],
  );
});

afterAll(async () => {
  await db?.drop();
});

describe('a procedure in its statement window', () => {
  it('counts the working days left across 春节 (the adjusted Saturday counts, the holiday does not) and says who acts by when', async () => {
    const [p] = await procedureDetails(db.pool, seeded.caseIds['2201'][0], 'city', { now: FRIDAY_BEFORE_SPRING_FESTIVAL });
    expect(p.asOfDate).toBe('2026-02-13');
    const statement = p.deadlines.find((d) => d.key === 'statement')!;
    // 14 Feb (adjusted working Saturday), 24 Feb, 25 Feb: three working days; 15–23 Feb are the holiday.
    expect(statement).toMatchObject({ dueOn: '2026-02-25', running: true, passed: false, workingDaysLeft: 3, calendarDaysLeft: 12, label: '陈述申辩期限' });
    expect(p.deadlines.find((d) => d.key === 'hearing_request')).toMatchObject({ dueOn: '2026-02-24', workingDaysLeft: 2, running: true });
    expect(p.awaiting).toEqual([{ action: 'await_statement', label: '等待当事人陈述申辩或申请听证', actor: 'party', dueOn: '2026-02-25', workingDaysLeft: 3 }]);
    expect(p.timeLimit).toMatchObject({ openedOn: '2026-01-05', timeLimitOn: '2026-04-05', overdue: false, extended: false });
    expect(p.stepLabel).toBe('陈述申辩');
  });

  it('counts the working days since a passed deadline as negative', async () => {
    const [p] = await procedureDetails(db.pool, seeded.caseIds['2201'][0], 'city', { now: Date.parse('2026-02-27T04:00:00Z') });
    expect(p.deadlines.find((d) => d.key === 'statement')).toMatchObject({ passed: true, workingDaysLeft: -2 });
  });
});

describe('a proposal awaiting approval', () => {
  it('shows the measures as they stand beside their trail, and the steps taken with their labels', async () => {
    const [p] = await procedureDetails(db.pool, seeded.caseIds['2201'][1], 'city', { now: FRIDAY_BEFORE_SPRING_FESTIVAL });
    expect(p.measures.map((m) => [m.label, m.version, m.amountYuan, m.statusLabel])).toEqual([
      ['罚款', 2, 3000, '拟作出'],
      ['警告', 1, null, '拟作出'],
    ]);
    expect(p.measureTrail.map((m) => [m.kind, m.version, m.status])).toEqual([
      ['FINE', 1, 'changed'],
      ['WARNING', 1, 'proposed'],
      ['FINE', 2, 'proposed'],
    ]);
    expect(p.stepsTaken.map((e) => e.label)).toEqual(['启动处罚程序', '拟定处理意见']);
    expect(p.awaiting).toEqual([{ action: 'approve_proposal', label: '负责人审批处理意见', actor: 'responsible', dueOn: null, workingDaysLeft: null }]);
  });

  it("gives the proposal's facts and evidence to those who may read officers' text, and to no one else", async () => {
    const caseId = seeded.caseIds['2201'][1];
    await db.pool.query(
      `INSERT INTO officer_text (id, kind, text, created_by) VALUES
         ('00000000-0000-4000-8000-0000000000f1', 'procedure.facts', '注册单位与社保缴纳单位不一致', 'officer2201'),
         ('00000000-0000-4000-8000-0000000000e1', 'procedure.evidence', '社保缴费记录', 'officer2201')`,
    );
    await db.pool.query(
      `UPDATE penalty_procedure SET facts_text_id = '00000000-0000-4000-8000-0000000000f1', evidence_text_id = '00000000-0000-4000-8000-0000000000e1'
        WHERE case_id = $1`,
      [caseId],
    );
    const [officers] = await procedureDetails(db.pool, caseId, 'city', { withTexts: true });
    expect(officers.proposal).toEqual({ facts: '注册单位与社保缴纳单位不一致', evidence: '社保缴费记录' });
    const [others] = await procedureDetails(db.pool, caseId, 'city');
    expect(others.proposal).toBeNull();
  });
});

describe('a decision changed on administrative review (行政复议变更)', () => {
  it('labels a measure the redress dropped as no longer carried out because of the redress, and one the review dropped as the review did', async () => {
    const caseId = seeded.caseIds['2201'][0];
    const procedureId = await seedProcedure(db.pool, {
      caseId,
      level: 'province',
      openedOn: '2025-09-01',
      step: 'closed',
      awaiting: [],
      columns: {
        effective_on: '2025-11-03',
        redress_kind: 'administrative_review',
        redress_filed_on: '2025-11-10',
        redress_result: 'changed',
        redress_decided_on: '2026-01-20',
        closed_on: '2026-01-21',
        closed_because: 'done',
      },
    });
    // The review dropped the warning; the redress then kept the fine and dropped the bad-conduct record.
    await db.pool.query(
      `INSERT INTO procedure_measure (procedure_id, kind, version, authority, amount_yuan, illegal_gains_yuan, status, status_on, recorded_at) VALUES
         ($1, 'WARNING', 1, 'PROVINCE_DEPARTMENT', NULL, NULL, 'changed', '2025-10-01', '2025-10-01T02:00:00Z'),
         ($1, 'FINE', 1, 'PROVINCE_DEPARTMENT', 8000, 0, 'changed', '2025-10-01', '2025-10-01T02:00:00Z'),
         ($1, 'BAD_CONDUCT_RECORD', 1, 'PROVINCE_DEPARTMENT', NULL, NULL, 'changed', '2025-10-01', '2025-10-01T02:00:00Z'),
         ($1, 'WARNING', 2, 'PROVINCE_DEPARTMENT', NULL, NULL, 'dropped', '2025-10-20', '2025-10-20T02:00:00Z'),
         ($1, 'FINE', 2, 'PROVINCE_DEPARTMENT', 8000, 0, 'changed', '2025-10-20', '2025-10-20T02:00:00Z'),
         ($1, 'BAD_CONDUCT_RECORD', 2, 'PROVINCE_DEPARTMENT', NULL, NULL, 'changed', '2025-10-20', '2025-10-20T02:00:00Z'),
         ($1, 'FINE', 3, 'PROVINCE_DEPARTMENT', 5000, 0, 'in_effect', '2026-01-21', '2026-01-21T02:00:00Z'),
         ($1, 'BAD_CONDUCT_RECORD', 3, 'PROVINCE_DEPARTMENT', NULL, NULL, 'dropped', '2026-01-21', '2026-01-21T02:00:00Z')`,
      [procedureId],
    );
    const [p] = await procedureDetails(db.pool, caseId, 'province', { now: FRIDAY_BEFORE_SPRING_FESTIVAL });
    expect(Object.fromEntries(p.measures.map((m) => [m.kind, m.statusLabel]))).toEqual({
      WARNING: '复核后不予处罚',
      FINE: '已生效',
      BAD_CONDUCT_RECORD: '行政复议变更后不再执行',
    });
  });
});

describe('the steps due', () => {
  it('come nearest deadline first, an overdue time limit marked, and the approvals kept apart', async () => {
    const due = await proceduresDue(
      db.pool,
      { campaignId: 'readmodel', cityCode: '2201', level: 'city', status: 'open', page: 1, pageSize: 50 },
      { now: FRIDAY_BEFORE_SPRING_FESTIVAL },
    );
    const [inStatement, atApproval, overdue] = seeded.caseIds['2201'];
    expect(due.items.map((i) => i.caseId)).toEqual([overdue, inStatement, atApproval]);
    expect(due.items[0]).toMatchObject({ overdue: true, next: { key: 'time_limit', dueOn: '2025-12-30', passed: true } });
    expect(due.items[1].next).toMatchObject({ key: 'hearing_request', workingDaysLeft: 2 });
    expect(due.approvalsWaiting).toBe(1);
    const approvals = await proceduresDue(
      db.pool,
      { campaignId: 'readmodel', approvals: true, status: 'open', page: 1, pageSize: 50 },
      { now: FRIDAY_BEFORE_SPRING_FESTIVAL },
    );
    expect(approvals.items.map((i) => i.caseId)).toEqual([atApproval]);
  });
});
