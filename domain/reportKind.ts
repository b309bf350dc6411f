/**
 * The files a campaign produces (表 and 报告, table `report`): three summary tables, two work reports
 * and the progress notice. Not to be confused with what a city submits (`SubmissionKind`).
 */
import { z } from 'zod';

export const ReportKind = z.enum(['self_check_table', 'investigation_table', 'province_table', 'city_work_report', 'province_work_report', 'progress_notice']);
export type ReportKind = z.infer<typeof ReportKind>;

/** The phase a produced file belongs to. */
export const ReportPhase = z.enum(['selfCheck', 'progressNotice', 'investigation', 'provincialVerification']);
export type ReportPhase = z.infer<typeof ReportPhase>;

/** The media type of each report format. */
export const CONTENT_TYPES: Record<'xlsx' | 'docx', string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
