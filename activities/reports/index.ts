/**
 * Reports (issue 5): the summary tables (汇总表 .xlsx), the work reports (工作报告 .docx) and the
 * progress notice (通报 .docx), produced from the read model and stored with their metadata.
 * See docs/reports.md for which activity the workflows call at which phase event.
 */
import type { Pool } from 'pg';
import { produceReport, type ProduceReportInput } from './produceReport';

/**
 * The report activities the worker registers. Their results are metadata only (no file content,
 * no personal data): a file can exceed Temporal's 2 MB payload limit, so the API reads content
 * with readReport / reportForRole, never through a workflow.
 */
export function createReportActivities(deps: { pool: Pool }) {
  const { pool } = deps;
  return {
    produceReport: (input: ProduceReportInput) => produceReport(pool, input),
  };
}

export { listReports, readReport } from '../../readModel/reports';
export { reportFigures, SUMMARY_FIELDS } from './reportFigures';
