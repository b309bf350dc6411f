/**
 * A unit's self-check notice (自查自纠告知书, issue 21 item 3): its flagged staff on the city's
 * current list and what the seed asks of them, by the city's self-check deadline. One document
 * number and one document per unit and list (the key names the screening run), so asking again
 * returns the same file.
 */
import type { Pool } from 'pg';
import { calendarDateAt, CampaignConfig } from '../domain/campaignConfig';
import { cityName } from '../domain/cities';
import { CampaignNotFoundError } from '../domain/errors';
import { allocateDocumentNumber } from '../documents/documentNumbers';
import { generatedDocument, renderDocument } from '../documents/renderDocument';
import { unitNoticeContent } from '../readModel/selfCheckList';

/** What the seed asks of persons and units in the self-check phase (自查自纠阶段), as the notice's list. */
export const SEED_CORRECTIONS = [
  '确保注册执业单位、社保缴费单位、公积金缴存单位与实际工作单位一致；',
  '对于无法整改的“挂证”行为，及时到发证机关申请注销；',
  '整改完成后，将整改情况（自查自纠申报）报本机关。',
];

/** Undefined when the unit is not on the city's list. */
export async function renderUnitNotice(
  pool: Pool,
  q: { campaignId: string; cityCode: string; unitKey: string },
  now: Date = new Date(),
): Promise<{ documentId: string; number: string; content: Buffer } | undefined> {
  const content = await unitNoticeContent(pool, q);
  if (!content) return undefined;
  const c = await pool.query('SELECT config FROM campaign WHERE id = $1', [q.campaignId]);
  if (!c.rows[0]) throw new CampaignNotFoundError(q.campaignId);
  const config = CampaignConfig.parse(c.rows[0].config);
  const deadline = await pool.query<{ d: string }>(`SELECT to_char(due_date, 'YYYY-MM-DD') AS d FROM deadline WHERE campaign_id = $1 AND deadline_key = $2`, [
    q.campaignId,
    `selfCheck/${q.cityCode}`,
  ]);
  const key = `self-check-notice/${q.campaignId}/${q.cityCode}/${content.runId}/${q.unitKey}`;
  const issueDate = calendarDateAt(config, now.getTime());
  const number = await allocateDocumentNumber(pool, {
    authorityCode: q.cityCode,
    kind: 'self_check_notice',
    year: Number(issueDate.slice(0, 4)),
    key,
    subjectRef: null,
  });
  const meta = await renderDocument(pool, {
    kind: 'self_check_notice',
    key,
    subjectRef: null,
    data: {
      documentNumber: number.number,
      authorityName: `${cityName(q.cityCode)}住房和城乡建设局`,
      unitName: content.unitName,
      unitCode: content.unitCode ?? '',
      staff: content.staff.map((text) => ({ text })),
      corrections: SEED_CORRECTIONS.map((text) => ({ text })),
      selfCheckDeadline: deadline.rows[0]?.d ?? config.calendar.selfCheck.deadline,
      contact: `${cityName(q.cityCode)}住房和城乡建设局`,
      issueDate,
    },
  });
  const doc = await generatedDocument(pool, meta.id);
  return { documentId: meta.id, number: number.number, content: doc!.content };
}
