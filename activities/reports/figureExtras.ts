/**
 * The report figures that are not counts of detail rows: deadlines and lateness, units under
 * on-site check, and the items still open. Units and dates only, never personal data.
 */
import type { SubmissionKind } from '../../domain/submissionKind';
import type { TaskStatus } from '../../domain/workedTask';
import { campaignDate, type CampaignInfo, type Db } from './campaignInfo';
import type { RowSet } from './reportKinds';

export interface DeadlineStatus {
  /** The deadline in force (calendar date), and the original one when it was extended. */
  dueDate: string;
  extendedFrom: string | null;
  /** Calendar date of the first submission (the province: of its final report). */
  submittedOn: string | null;
  /** Submitted after the deadline. */
  late: boolean;
  /** Not submitted and the deadline has passed. */
  overdue: boolean;
  /** The latest version's review status; 'none' before any submission. */
  status: 'none' | 'submitted' | 'approved' | 'returned';
  versions: number;
}

export interface OnsiteUnit {
  cityCode: string;
  unitName: string;
  unitCode: string | null;
  violations: number;
  staffTotal: number;
  status: TaskStatus;
  /** What the check found and how it was closed (issue 20); null until recorded. */
  findings: string | null;
  result: string | null;
}

/** A supervision task (现场调研督办) of a city the 通报 found lagging, with what it found. */
export interface SupervisionLine {
  cityCode: string;
  reason: string;
  status: TaskStatus;
  findings: string | null;
  result: string | null;
}

export interface OpenItem {
  kind: 'open_cases' | 'carried_over' | 'deregistrations_pending' | 'onsite_checks' | 'supervision' | 'report_returned' | 'report_missing';
  count: number;
  text: string;
}

interface DeadlineRow {
  deadline_key: string;
  due_date: string;
  due_at: Date;
  extended_from: string | null;
  met_at: Date | null;
}

interface SubmissionRow {
  city_code: string;
  kind: SubmissionKind;
  versions: number;
  first_at: Date;
  late: boolean;
  status: DeadlineStatus['status'];
}

export async function deadlineStatuses(db: Db, campaign: CampaignInfo, cities: string[], at: string) {
  const deadlines = await db.query<DeadlineRow>(
    `SELECT deadline_key, to_char(due_date, 'YYYY-MM-DD') AS due_date, due_at, to_char(extended_from, 'YYYY-MM-DD') AS extended_from, met_at
     FROM deadline WHERE campaign_id = $1`,
    [campaign.id],
  );
  const submissions = await db.query<SubmissionRow>(
    `SELECT city_code::text, kind, count(*)::int AS versions, min(submitted_at) AS first_at,
            coalesce(bool_or(late) FILTER (WHERE version = 1), false) AS late,
            (array_agg(status ORDER BY version DESC))[1] AS status
     FROM submission WHERE campaign_id = $1 AND city_code = ANY ($2::bpchar[]) AND status <> 'signing' GROUP BY 1, 2`,
    [campaign.id, cities],
  );
  const finalReport = await db.query<{ produced_at: Date }>('SELECT produced_at FROM final_report WHERE campaign_id = $1', [campaign.id]);
  const atMs = Date.parse(at);
  const deadline = (key: string, fallbackDate: string): DeadlineRow =>
    deadlines.rows.find((d) => d.deadline_key === key) ??
      // A campaign recorded before its deadlines (or a test) still has its calendar.
      { deadline_key: key, due_date: fallbackDate, due_at: new Date(8.64e15), extended_from: null, met_at: null };

  const city = (code: string, phase: 'selfCheck' | 'investigation'): DeadlineStatus => {
    const d = deadline(`${phase}/${code}`, campaign.calendar[phase].deadline);
    const s = submissions.rows.find((r) => r.city_code === code && r.kind === (phase === 'selfCheck' ? 'self_check' : 'investigation'));
    return {
      dueDate: d.due_date,
      extendedFrom: d.extended_from,
      submittedOn: s ? campaignDate(campaign, s.first_at) : null,
      late: s?.late ?? false,
      overdue: !s && atMs >= d.due_at.getTime(),
      status: s?.status ?? 'none',
      versions: s?.versions ?? 0,
    };
  };
  const p = deadline('provincialVerification', campaign.calendar.provincialVerification.deadline);
  const f = finalReport.rows[0];
  const provinceAt = p.met_at ?? f?.produced_at ?? null;
  const province: DeadlineStatus = {
    dueDate: p.due_date,
    extendedFrom: p.extended_from,
    submittedOn: provinceAt ? campaignDate(campaign, provinceAt) : null,
    late: provinceAt !== null && provinceAt.getTime() >= p.due_at.getTime(),
    overdue: provinceAt === null && atMs >= p.due_at.getTime(),
    status: provinceAt ? 'submitted' : 'none',
    versions: provinceAt ? 1 : 0,
  };
  return { city, province };
}

export async function onsiteUnits(db: Db, campaignId: string, cities: string[]): Promise<OnsiteUnit[]> {
  const { rows } = await db.query<{
    city_code: string;
    unit_name: string;
    unit_code: string | null;
    violations: number;
    staff_total: number;
    status: TaskStatus;
    findings: string | null;
    result: string | null;
  }>(
    `SELECT city_code::text, unit_name, unit_code::text, violations, staff_total, status, findings, result FROM onsite_check_task
     WHERE campaign_id = $1 AND city_code = ANY ($2::bpchar[]) ORDER BY city_code, violations DESC, unit_name`,
    [campaignId, cities],
  );
  return rows.map((r) => ({
    cityCode: r.city_code,
    unitName: r.unit_name,
    unitCode: r.unit_code,
    violations: r.violations,
    staffTotal: r.staff_total,
    status: r.status,
    findings: r.findings,
    result: r.result,
  }));
}

export async function supervisionLines(db: Db, campaignId: string, cities: string[]): Promise<SupervisionLine[]> {
  const { rows } = await db.query<{ city_code: string; reason: string; status: TaskStatus; findings: string | null; result: string | null }>(
    `SELECT city_code::text, reason, status, findings, result FROM supervision_task
     WHERE campaign_id = $1 AND city_code = ANY ($2::bpchar[]) ORDER BY city_code, id`,
    [campaignId, cities],
  );
  return rows.map((r) => ({ cityCode: r.city_code, reason: r.reason, status: r.status, findings: r.findings, result: r.result }));
}

interface OpenItemBasis {
  cityCode: string;
  stillOpen: number;
  carriedOver: number;
  deregistrationsPending: number;
  onsiteUnits: OnsiteUnit[];
  lateness: { selfCheck: DeadlineStatus; investigation: DeadlineStatus };
}

/** What a city still has to finish, in the order a work report lists it. */
export async function openItems(db: Db, campaignId: string, f: OpenItemBasis, rowSet: RowSet): Promise<OpenItem[]> {
  const items: OpenItem[] = [];
  const add = (kind: OpenItem['kind'], count: number, text: string) => {
    if (count > 0) items.push({ kind, count, text });
  };
  add('open_cases', f.stillOpen - f.carriedOver, `尚有${f.stillOpen - f.carriedOver}人未作出核查结论`);
  add('carried_over', f.carriedOver, `${f.carriedOver}件案件经说明理由结转办理`);
  add('deregistrations_pending', f.deregistrationsPending, `${f.deregistrationsPending}件注销申请尚未办结`);
  const onsiteOpen = f.onsiteUnits.filter((u) => u.status !== 'closed').length;
  add('onsite_checks', onsiteOpen, `${onsiteOpen}家“挂证”问题突出单位的项目主要管理、技术人员到岗履职排查尚未完成`);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM supervision_task WHERE campaign_id = $1 AND city_code = $2 AND status <> 'closed'`,
    [campaignId, f.cityCode],
  );
  add('supervision', rows[0]?.n ?? 0, '现场调研督办事项尚未办结');
  const report = rowSet === 'selfCheck' ? f.lateness.selfCheck : f.lateness.investigation;
  const name = rowSet === 'selfCheck' ? '自查自纠汇总表' : '排查工作报告和汇总表';
  if (report.status === 'returned') add('report_returned', 1, `${name}被退回，尚待修改后重新报送`);
  if (report.overdue) add('report_missing', 1, `${name}逾期未报送（截止${report.dueDate}）`);
  return items;
}
