/**
 * Issue 21: the departments' sign-offs a report carries. A city's 汇总表 and work report show who signed
 * the city's submission for 住建 and for 人社 (name, role, date); the province's show, per city, both
 * sign-offs and both provincial departments' reviews. Read from submission_signoff and
 * submission_review_part (migration 075) for the latest version of the submission the report belongs to.
 */
import { z } from 'zod';
import { cityName } from '../../domain/cities';
import { DEPARTMENT_LABELS, type Department } from '../../domain/department';
import type { ReportKind } from '../../domain/reportKind';
import { Role, ROLE_LABELS } from '../../domain/roles';
import { campaignDate, chineseDate, type CampaignInfo, type Db } from './campaignInfo';

const Row = z.object({
  city_code: z.string(),
  what: z.enum(['signoff', 'review']),
  department: z.enum(['housing', 'hr']),
  person: z.string(),
  display_name: z.string().nullable(),
  role: z.string().nullable(),
  decision: z.string().nullable(),
  at: z.date(),
});

/** The submission a report belongs to: the self-check table the self-check one, every other the investigation report. */
const submissionKindOf = (kind: ReportKind) => (kind === 'self_check_table' ? 'self_check' : 'investigation');

function when(c: CampaignInfo, at: Date): string {
  const date = chineseDate(campaignDate(c, at));
  if (c.clock.kind !== 'calendar') return date;
  const hm = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
  return `${date} ${hm}`;
}

function roleLabel(role: string | null, department: Department): string {
  const parsed = Role.safeParse(role);
  return parsed.success ? ROLE_LABELS[parsed.data] : department === 'housing' ? '住建' : '人社';
}

/**
 * One line per city (in the campaign's order): 会签 by each department and, for the province's reports,
 * 审核 by each provincial department. Cities without a signed submission yet say so.
 */
export async function signoffLines(db: Db, campaign: CampaignInfo, kind: ReportKind, cityCodes: string[], withReviews: boolean): Promise<string[]> {
  const { rows } = await db.query(
    `WITH latest AS (
       SELECT city_code, max(version) AS version FROM submission
        WHERE campaign_id = $1 AND kind = $2 AND city_code = ANY($3::text[]) AND status <> 'signing' GROUP BY city_code)
     SELECT g.city_code, 'signoff' AS what, g.department, g.signed_by AS person, u.display_name, g.signed_role AS role, NULL AS decision, g.signed_at AS at
       FROM submission_signoff g JOIN latest l USING (city_code, version) LEFT JOIN app_user u ON u.username = g.signed_by
      WHERE g.campaign_id = $1 AND g.kind = $2
     UNION ALL
     SELECT p.city_code, 'review', p.department, p.reviewed_by, u.display_name, u.role, p.decision, p.reviewed_at
       FROM submission_review_part p JOIN latest l USING (city_code, version) LEFT JOIN app_user u ON u.username = p.reviewed_by
      WHERE p.campaign_id = $1 AND p.kind = $2
      ORDER BY 1, 2 DESC, 3, 8`,
    [campaign.id, submissionKindOf(kind), cityCodes],
  );
  const parsed = rows.map((r) => Row.parse(r));
  return cityCodes.map((code) => {
    const mine = parsed.filter((r) => r.city_code === code);
    const who = (r: z.infer<typeof Row>) => `${r.display_name ?? r.person}（${r.person}）`;
    const signed = mine.filter((r) => r.what === 'signoff').map((r) => `${roleLabel(r.role, r.department)} ${who(r)} ${when(campaign, r.at)}会签`);
    const reviewed = withReviews
      ? mine
          .filter((r) => r.what === 'review')
          .map((r) => `${DEPARTMENT_LABELS[r.department].province} ${who(r)} ${when(campaign, r.at)}${r.decision === 'approve' ? '审核通过' : '退回'}`)
      : [];
    const parts = [...signed, ...reviewed];
    return `${cityName(code)}：${parts.length ? parts.join('；') : '未记录住建、人社两部门会签'}`;
  });
}
