/**
 * A campaign's progress notice (通报): once produced, its figures (each city's self-check line,
 * which cities lag and why) and the latest .docx rendered of it, whose reportId GET
 * /reports/{reportId}/download serves. Before its date there is none: `produced` is false.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { listReports, ReportMeta } from './reports';
import { DateText, Instant } from './sqlTypes';

const NoticeCity = z.object({
  cityCode: z.string(),
  cityName: z.string(),
  submitted: z.boolean().describe('the self-check summary was submitted by the notice'),
  submittedAt: Instant.nullable(),
  late: z.boolean(),
  declarations: z.number().int(),
  deregistrationRequests: z.number().int(),
  deregistrationsProcessed: z.number().int(),
  registeredPersons: z.number().int(),
  ratePerThousand: z.number().describe('self-check acts per thousand registered persons'),
  lagging: z.boolean().describe('进展不力: listed for on-site supervision'),
  lagReasons: z.array(z.string()).describe('why, in Chinese'),
});

const NoticeContent = z.object({
  title: z.string(),
  producedAt: Instant,
  provinceRatePerThousand: z.number(),
  cities: z.array(NoticeCity),
  lagging: z.array(z.string()).describe('the lagging cities’ codes'),
});

export const ProgressNoticeState = z.object({
  campaignId: z.string(),
  noticeDate: DateText.describe("the calendar's notice date; the notice is produced at 09:00 that day"),
  produced: z.boolean(),
  notice: NoticeContent.nullable().describe('null until produced'),
  report: ReportMeta.extend({ downloadUrl: z.string().describe('GET it for the .docx') })
    .nullable()
    .describe('the latest .docx of the notice; null until rendered (moments after the notice)'),
});
export type ProgressNoticeState = z.infer<typeof ProgressNoticeState>;

/** Undefined when there is no such campaign. */
export async function progressNotice(pool: Pool, campaignId: string): Promise<ProgressNoticeState | undefined> {
  const c = await pool.query(`SELECT calendar->'progressNotice'->>'date' AS notice_date FROM campaign WHERE id = $1`, [campaignId]);
  if (!c.rows[0]) return undefined;
  const [notice, reports] = await Promise.all([
    pool.query('SELECT content FROM progress_notice WHERE campaign_id = $1', [campaignId]),
    listReports(pool, { campaignId, kind: 'progress_notice', limit: 1 }),
  ]);
  const content = notice.rows[0] ? NoticeContent.parse(notice.rows[0].content) : null;
  const report = reports[0] ? { ...reports[0], downloadUrl: `/reports/${reports[0].reportId}/download` } : null;
  return { campaignId, noticeDate: DateText.parse(c.rows[0].notice_date), produced: content !== null || report !== null, notice: content, report };
}
