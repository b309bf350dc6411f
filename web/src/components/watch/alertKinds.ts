/**
 * The alerts the workflows raise, by kind (the `kind` of an alert row), in the officials' words.
 * The kinds are written where the alerts are raised: workflows/messages/campaignDeadlineWatch.ts,
 * workflows/campaign.ts, workflows/city.ts, workflows/case.ts, activities/cases/alertCase.ts,
 * activities/campaigns/selfCheckIntake.ts.
 */
import { tr } from '../../labels';

const KINDS: Record<string, () => string> = {
  deadline_due_soon: () => tr('报送截止临近', 'Deadline near'),
  deadline_overdue: () => tr('逾期未报送', 'Deadline missed'),
  city_lagging: () => tr('进展不力', 'City lagging'),
  progress_notice: () => tr('进展通报发布', 'Progress notice published'),
  case_reminder: () => tr('案件催办', 'Case reminder'),
  case_escalation: () => tr('案件提请督办', 'Case escalated'),
  case_overdue: () => tr('案件逾期未办结', 'Case overdue'),
  decision_refused: () => tr('核查结论未保存', 'Decision not saved'),
  submission_refused: () => tr('报送未保存', 'Submission not saved'),
  deregistration_overdue: () => tr('注销申请超时', 'Deregistration overdue'),
  // workflows/taskDueWatch.ts (activities/tasks/taskDue.ts): a supervision task's or on-site check's time limit.
  task_due_soon: () => tr('任务办理期限临近', 'Task due soon'),
  task_overdue: () => tr('任务逾期未办结', 'Task overdue'),
};

/** The kinds in the order the filter lists them. */
export const ALERT_KINDS: readonly string[] = Object.keys(KINDS);

export function alertKindLabel(kind: string): string {
  return KINDS[kind]?.() ?? tr('其他预警', 'Other alert');
}
