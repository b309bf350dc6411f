/**
 * The province's complaint settings (issue 20 item 2): each city's published hotline and mailbox,
 * which the public complaint page shows, and the time limits a complaint workflow reads when it starts.
 */
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { plainText } from '../../domain/text';
import { complaintChannels, ComplaintChannelView, complaintPeriods, ComplaintPeriodsView } from '../../readModel/complaintCases';
import { setComplaintChannels, setComplaintPeriods } from '../../services/complaintCases';
import { COORDINATOR, READ_ALL } from '../authz/access';
import { problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';

const tags = { complaints: ['complaints'] };
const CityOnly = z.object({ cityCode: CityCode.meta({ title: '市（州）代码' }) });

export function registerComplaintSettingsRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.get(
    '/complaint-settings',
    {
      config: { action: 'complaint_settings.read', access: { roles: READ_ALL, city: { kind: 'none' } } },
      schema: {
        summary: "The province's complaint settings: each city's published hotline and mailbox, the time limits",
        tags: tags.complaints,
        response: { 200: z.object({ channels: z.array(ComplaintChannelView), periods: ComplaintPeriodsView }), ...problemResponses(401, 403) },
      },
    },
    async () => ({ channels: await complaintChannels(pool), periods: await complaintPeriods(pool) }),
  );

  app.put(
    '/complaint-settings/channels/:cityCode',
    {
      config: { action: 'complaint_settings.channels', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: "Publish a city's complaint hotline and mailbox (the public page shows them)",
        tags: tags.complaints,
        params: CityOnly,
        body: z.object({
          hotline: plainText({ max: 60, trim: true }).optional().meta({ title: '投诉举报电话' }),
          mailbox: plainText({ max: 200, trim: true }).optional().meta({ title: '投诉举报信箱' }),
        }),
        response: { 200: z.object({ channels: z.array(ComplaintChannelView) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      req.auditTarget = `complaint_channels=${req.params.cityCode}`;
      await setComplaintChannels(pool, { cityCode: req.params.cityCode, ...req.body, by: req.principal!.userId });
      return { channels: await complaintChannels(pool) };
    },
  );

  app.put(
    '/complaint-settings/periods',
    {
      config: { action: 'complaint_settings.periods', access: { roles: COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary: 'The time limits in calendar days: to decide acceptance, to handle and reply after acceptance, the reminder before each',
        tags: tags.complaints,
        body: z.object({
          acceptDays: z.number().int().min(1).max(365).meta({ title: '受理期限（日）' }),
          handleDays: z.number().int().min(1).max(365).meta({ title: '办理期限（日）' }),
          remindDaysBefore: z.number().int().min(0).max(60).meta({ title: '提前提醒（日）' }),
        }),
        response: { 200: ComplaintPeriodsView, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      await setComplaintPeriods(pool, { ...req.body, by: req.principal!.userId });
      return complaintPeriods(pool);
    },
  );
}
