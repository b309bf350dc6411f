/**
 * The work report (工作报告) of a city (due with its investigation table) or of the province (to
 * the two ministries), as .docx: the phase figures, lateness, penalties by kind, units under
 * on-site check and open items. Every number comes from reportFigures; the 主要数据 table prints
 * exactly the per-city sheet of the matching summary table.
 */
import { PENALTY_KIND_LABELS } from '../../domain/penalties';
import type { IntermediaryCounts } from '../../readModel/intermediaries';
import { PenaltyKind } from '../../domain/penalties';
import { caption, closingPara, heading, packDocument, para, signature, table, title, type Block } from './docxParts';
import type { CityFigures, ReportFigures, SummaryCounts } from './reportFigures';
import { SUMMARY_FIELDS } from './reportFigures';
import { isLate, latenessText } from './lateness';
import { PROVINCE_NAME } from './reportKinds';
import { submitterOf } from './summaryLayout';
import { TASK_STATUS_LABELS, type TaskStatus } from '../../domain/workedTask';

export interface WorkReportInput {
  /** The city's name; absent for the province's report. */
  cityName?: string;
  /** Investigation figures (all cases and the self-check subjects without one). */
  investigation: ReportFigures;
  /** Phase 1's figures (every self-check subject). */
  selfCheck: ReportFigures;
  /** Issue 21: the departments' sign-offs (and the province's reviews), a line per city (activities/reports/signoffLines.ts). */
  signoffs?: string[];
}

export const WORK_REPORT_FIGURES_CAPTION = '主要数据';

function overview(c: SummaryCounts): string {
  return (
    `共比对注册人员${c.screened}人，发现注册、社保、公积金信息不一致${c.flagged}人，已逐一核查${c.verified}人，` +
    `确认存在“挂证”行为${c.confirmedHanging}人；自查自纠期间整改到位${c.selfCorrected}人，注销注册${c.deregistered}人；` +
    `撤销注册${c.revoked}人，记入不良行为记录${c.badConduct}条，采取其他处理措施${c.otherPenalties}项；尚未办结${c.stillOpen}人。`
  );
}

function figuresTable(f: ReportFigures, province: boolean): Block[] {
  const rows: (string | number)[][] = f.cities.map((c) => [c.cityName, ...SUMMARY_FIELDS.map(([k]) => c[k])]);
  if (province) rows.push(['合计', ...SUMMARY_FIELDS.map(([k]) => f.totals[k])]);
  return [caption(`表1 ${WORK_REPORT_FIGURES_CAPTION}`), table(['市（州）', ...SUMMARY_FIELDS.map(([, l]) => l)], rows, { boldLast: province })];
}

function selfCheckSection(sc: ReportFigures): Block[] {
  const t = sc.totals;
  return [
    para(
      `自查自纠阶段共受理个人和单位自查自纠申报${t.rows}件，其中整改到位${t.selfCorrected}件，注销注册${t.deregistered}人，` +
        `注销申请尚在办理${t.deregistrationsPending}件。自查自纠期间及时整改到位的，依照实施方案不再追究相关责任。`,
    ),
  ];
}

function investigationSection(f: ReportFigures): Block[] {
  const t = f.totals;
  return [
    para(
      `市（州）排查阶段共核查信息不一致人员和投诉举报对象${t.cases}人（其中投诉举报${t.fromComplaints}件），` +
        `已作出核查结论${t.verified}人，确认“挂证”${t.confirmedHanging}人，经说明理由结转办理${t.carriedOver}件。` +
        corrections(t),
    ),
    para(intermediaryText(t)),
  ];
}

/** The intermediaries (对违规的中介服务机构依法严肃查处，责令限期整改，情节严重的，依法给予行政处罚; docs/intermediaries.md). */
export function intermediaryText(t: IntermediaryCounts): string {
  if (t.intermediaries === 0) return '本次专项治理未发现安排“挂证”的中介服务机构。';
  const open = t.intermediaryOrders - t.intermediariesRectified - t.intermediariesNotRectified - t.intermediariesEscalated;
  return (
    `查处安排“挂证”的中介服务机构${t.intermediaries}家，涉及案件${t.intermediaryCases}件；责令限期整改${t.intermediaryOrders}份，` +
    `已整改${t.intermediariesRectified}份，逾期未整改${t.intermediariesNotRectified}份，情节严重移送行政处罚${t.intermediariesEscalated}份` +
    `${open > 0 ? `，尚在整改期限内${open}份` : ''}。`
  );
}

/** Corrections (issue 19): the figures count the corrected outcome; the report says how many were corrected. */
function corrections(t: SummaryCounts & { overriddenByProvince: number; reopened: number }): string {
  const parts = [
    t.reopened > 0 ? `经省级退回重新办理${t.reopened}件` : '',
    t.overriddenByProvince > 0 ? `经省级核查改变核查结论${t.overriddenByProvince}件（以省级结论计入上述数据）` : '',
  ].filter((x) => x !== '');
  return parts.length > 0 ? `其中${parts.join('，')}。` : '';
}

function latenessSection(f: ReportFigures, province: boolean): Block[] {
  const rows: string[][] = f.cities.flatMap((c) => [
    [c.cityName, '自查自纠汇总表', c.lateness.selfCheck.dueDate, c.lateness.selfCheck.submittedOn ?? '—', latenessText(c.lateness.selfCheck)],
    [c.cityName, '排查工作报告和汇总表', c.lateness.investigation.dueDate, c.lateness.investigation.submittedOn ?? '—', latenessText(c.lateness.investigation)],
  ]);
  const late = f.cities.filter((c) => isLate(c.lateness.selfCheck) || isLate(c.lateness.investigation)).map((c) => c.cityName);
  const blocks: Block[] = [
    para(late.length ? `逾期报送或逾期未报送的：${late.join('、')}。` : '各项报送均按期完成。'),
    caption('表2 报送情况'),
    table(['市（州）', '报送事项', '截止日期', '报送日期', '情况'], rows),
  ];
  if (province) {
    blocks.push(para(`全省工作报告和汇总表应于${f.province.dueDate}前报送住房和城乡建设部、人力资源和社会保障部，${latenessText(f.province)}。`));
  }
  return blocks;
}

function penaltiesSection(f: ReportFigures): Block[] {
  const p = f.totals.penaltiesByKind;
  const rows: (string | number)[][] = PenaltyKind.options.map((k) => [PENALTY_KIND_LABELS[k], p[k].city, p[k].province, p[k].city + p[k].province]);
  const sum = (level: 'city' | 'province') => PenaltyKind.options.reduce((n, k) => n + p[k][level], 0);
  rows.push(['合计', sum('city'), sum('province'), sum('city') + sum('province')]);
  return [caption('表3 处理措施（按种类）'), table(['处理措施', '市（州）实施', '省级实施', '合计'], rows, { boldLast: true })];
}

/** An officer's sentence inside the report's own sentence: without its full stop. */
const withoutFullStop = (text: string) => text.trim().replace(/[。.]+$/u, '');
/** What a task found, as the reports print it: its findings, or where it stands when none are in. */
const foundText = (t: { status: TaskStatus; findings: string | null }) =>
  t.findings ? withoutFullStop(t.findings) : `尚未录入（${TASK_STATUS_LABELS[t.status]}）`;
/** How a task ended: its result once closed, else its status. */
const resultText = (t: { status: TaskStatus; result: string | null }) =>
  t.status === 'closed' && t.result ? withoutFullStop(t.result) : TASK_STATUS_LABELS[t.status];

function onsiteSection(f: ReportFigures): Block[] {
  const units = f.cities.flatMap((c) => c.onsiteUnits.map((u) => ({ ...u, cityName: c.cityName })));
  if (units.length === 0) return [para('未发现“挂证”问题突出的单位。')];
  const closed = units.filter((u) => u.status === 'closed').length;
  return [
    para(
      `对“挂证”问题突出的${units.length}家单位，对其承建项目的主要管理、技术人员到岗履职情况进行现场核查，` +
        `已办结${closed}家${closed < units.length ? `，尚在核查${units.length - closed}家` : ''}。`,
    ),
    caption('表4 到岗履职现场核查单位'),
    table(
      ['市（州）', '单位名称', '统一社会信用代码', '确认挂证人数', '注册人员数', '办理状态'],
      units.map((u) => [u.cityName, u.unitName, u.unitCode ?? '—', u.violations, u.staffTotal, TASK_STATUS_LABELS[u.status]]),
    ),
    // What the checks found, in sentences under the table (a findings column would be a narrow
    // strip), one paragraph a city; a check with nothing recorded yet is its status in the table.
    ...f.cities.flatMap((c) => {
      const found = c.onsiteUnits.filter((u) => u.findings);
      if (found.length === 0) return [];
      return [para(`${c.cityName}：${found.map((u) => `${u.unitName}，核查发现${foundText(u)}，办理结果${resultText(u)}`).join('；')}。`)];
    }),
  ];
}

/** The province's report: what each supervision of a lagging city (现场调研督办) found. */
function supervisionSection(f: ReportFigures): Block[] {
  const tasks = f.cities.flatMap((c) => c.supervision.map((t) => ({ ...t, cityName: c.cityName })));
  if (tasks.length === 0) return [para('自查自纠进展情况通报未发现进展不力的市（州），未开展现场调研督办。')];
  return [
    para(`对自查自纠进展情况通报中进展不力的${tasks.length}个市（州）开展现场调研督办，督办发现和办理结果见表5。`),
    caption('表5 现场调研督办'),
    table(
      ['市（州）', '督办原因', '督办发现', '办理结果'],
      tasks.map((t) => [t.cityName, t.reason, foundText(t), resultText(t)]),
    ),
  ];
}

/** A city's report lists its carried-over cases (结转办理): number, date, who, why. */
function carriedOverSection(f: ReportFigures, province: boolean): Block[] {
  const cases = province ? [] : f.cities.flatMap((c) => c.carriedOverCases);
  if (cases.length === 0) return [];
  return [
    para(`经说明理由结转办理的案件${cases.length}件，列于表5。`),
    caption('表5 结转办理案件'),
    table(
      ['案件编号', '结转日期', '经办人', '结转理由'],
      cases.map((c) => [c.caseNo, c.carriedOverOn, c.carriedOverBy, withoutFullStop(c.reason)]),
    ),
  ];
}

function openItemsSection(cities: CityFigures[], province: boolean): Block[] {
  const lines = cities.filter((c) => c.openItems.length > 0).map((c) => `${province ? `${c.cityName}：` : ''}${c.openItems.map((i) => i.text).join('；')}。`);
  // The last paragraph goes with the signature (its last lines on the signature's page).
  return lines.length ? lines.map((l, i) => (i === lines.length - 1 ? closingPara(l) : para(l))) : [closingPara('无。')];
}

/** Issue 21: 住建 and 人社 co-sign the city's report; the province's report adds both provincial reviews. */
function signoffSection(lines: string[], n: number, province: boolean): Block[] {
  // In the report each city's line is a sentence (the summary table's note carries the same lines bare).
  const sentences = lines.map((l) => (l.endsWith('。') ? l : `${l}。`));
  return [
    heading(n, province ? '两部门会签和审核情况' : '两部门会签情况'),
    ...sentences.map((l, i) => (i === sentences.length - 1 ? closingPara(l) : para(l))),
  ];
}

export async function renderWorkReport(input: WorkReportInput): Promise<Buffer> {
  const province = input.cityName === undefined;
  const place = input.cityName ?? PROVINCE_NAME;
  const f = input.investigation;
  const docTitle = `${place}工程建设领域专业技术人员违规“挂证”行为专项治理工作报告`;
  const addressee = province ? '住房和城乡建设部、人力资源和社会保障部：' : '省住房和城乡建设厅、省人力资源和社会保障厅：';
  const blocks: Block[] = [
    title(docTitle),
    para(addressee, { indent: false }),
    para(
      `按照《吉林省工程建设领域专业技术人员违规“挂证”行为专项治理实施方案》要求，现将${province ? '全省' : '我市（州）'}专项治理工作情况报告如下（数据截至${f.asOfDate}）。`,
    ),
    heading(1, '总体情况'),
    para(overview(f.totals)),
    ...figuresTable(f, province),
    heading(2, '自查自纠阶段'),
    ...selfCheckSection(input.selfCheck),
    heading(3, '排查核实情况'),
    ...investigationSection(f),
    heading(4, '报送情况'),
    ...latenessSection(f, province),
    heading(5, '处理情况'),
    ...penaltiesSection(f),
    heading(6, '问题突出单位到岗履职排查'),
    ...onsiteSection(f),
    ...(province ? [heading(7, '现场调研督办'), ...supervisionSection(f)] : []),
    heading(province ? 8 : 7, '尚未办结事项'),
    ...carriedOverSection(f, province),
    ...openItemsSection(f.cities, province),
    ...(input.signoffs?.length ? signoffSection(input.signoffs, province ? 9 : 8, province) : []),
    ...signature(submitterOf(input.cityName ?? null), f.asOfDate),
  ];
  return packDocument(docTitle, blocks);
}
