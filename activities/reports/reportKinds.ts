/**
 * The reports a campaign produces: three versions of the summary table (汇总表), two work reports
 * (工作报告) and the progress notice (通报). Each kind fixes its scope, format, phase and deadline.
 */
import type { CampaignCalendar } from '../../domain/calendar';
import type { ReportKind, ReportPhase } from '../../domain/reportKind';

/** Which rows a summary table lists: phase 1's self-check subjects, or every case plus them. */
export type RowSet = 'selfCheck' | 'investigation';

export interface ReportKindInfo {
  scope: 'city' | 'province';
  format: 'xlsx' | 'docx';
  phase: ReportPhase;
  rowSet: RowSet;
  /** The part of the file name after the city (长春市-排查汇总表-v2.xlsx). */
  fileStem: string;
  /** The date the report is due by (end of day, Asia/Shanghai). */
  dueDate: (cal: CampaignCalendar) => string;
}

export const REPORT_KINDS: Record<ReportKind, ReportKindInfo> = {
  self_check_table: {
    scope: 'city',
    format: 'xlsx',
    phase: 'selfCheck',
    rowSet: 'selfCheck',
    fileStem: '自查自纠汇总表',
    dueDate: (c) => c.selfCheck.deadline,
  },
  investigation_table: {
    scope: 'city',
    format: 'xlsx',
    phase: 'investigation',
    rowSet: 'investigation',
    fileStem: '排查汇总表',
    dueDate: (c) => c.investigation.deadline,
  },
  province_table: {
    scope: 'province',
    format: 'xlsx',
    phase: 'provincialVerification',
    rowSet: 'investigation',
    fileStem: '全省汇总表',
    dueDate: (c) => c.provincialVerification.deadline,
  },
  city_work_report: {
    scope: 'city',
    format: 'docx',
    phase: 'investigation',
    rowSet: 'investigation',
    fileStem: '排查工作报告',
    dueDate: (c) => c.investigation.deadline,
  },
  province_work_report: {
    scope: 'province',
    format: 'docx',
    phase: 'provincialVerification',
    rowSet: 'investigation',
    fileStem: '专项治理工作报告',
    dueDate: (c) => c.provincialVerification.deadline,
  },
  progress_notice: {
    scope: 'province',
    format: 'docx',
    phase: 'progressNotice',
    rowSet: 'selfCheck',
    fileStem: '自查自纠进展情况通报',
    dueDate: (c) => c.progressNotice.date,
  },
};

export const PROVINCE_NAME = '吉林省';

/** 长春市-排查汇总表-v2.xlsx; the province's files start with 吉林省; a masked copy says so. */
export function reportFileName(kind: ReportKind, placeName: string, version: number, masked = false): string {
  const info = REPORT_KINDS[kind];
  return `${placeName}-${info.fileStem}-v${version}${masked ? '-脱敏' : ''}.${info.format}`;
}
