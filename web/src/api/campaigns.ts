/** Campaign resources as the console reads them (api/routes/campaignRoutes.ts). */
import { z } from 'zod';
import { CampaignClock, type CampaignConfigInput } from '../../../domain/campaignConfig';
import { getJson, sendJson } from './http';

const Calendar = z.object({
  selfCheck: z.object({ start: z.string(), deadline: z.string() }),
  progressNotice: z.object({ date: z.string() }),
  investigation: z.object({ start: z.string(), deadline: z.string() }),
  provincialVerification: z.object({ start: z.string(), deadline: z.string() }),
});
export type Calendar = z.infer<typeof Calendar>;

export const CampaignSummary = z.object({
  id: z.string(),
  name: z.string(),
  phase: z.string(),
  status: z.string(),
  launchedAt: z.string().nullable(),
  calendar: Calendar,
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

const n = z.number().nullable().optional();

export const CityProgress = z.object({
  cityCode: z.string(),
  phase: z.string(),
  status: z.string(),
  personsScreened: n,
  personsFlagged: n,
  casesOpened: n,
  casesClosed: n,
  casesCarriedOver: n,
});
export type CityProgress = z.infer<typeof CityProgress>;

export const Deadline = z.object({
  key: z.string(),
  phase: z.string(),
  cityCode: z.string().nullable().optional(),
  dueDate: z.string(),
  dueAt: z.string().nullable(),
  metAt: z.string().nullable().optional(),
});
export type Deadline = z.infer<typeof Deadline>;

export const CampaignDetail = CampaignSummary.extend({
  /** The campaign's clock, when the API includes it (a demo compresses days into minutes). */
  clock: CampaignClock.optional(),
  cities: z.array(z.string()),
  cityProgress: z.array(CityProgress),
  deadlines: z.array(Deadline),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const Submission = z.object({
  kind: z.string(),
  version: z.number(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable().optional(),
  late: z.boolean(),
  status: z.string(),
  comments: z.string().nullable().optional(),
  reviewedAt: z.string().nullable().optional(),
  summary: z.string().nullable().optional(),
  cityCode: z.string().optional(),
});
export type Submission = z.infer<typeof Submission>;

export const CityDetail = z.object({
  campaignId: z.string(),
  cityCode: z.string(),
  phase: z.string(),
  status: z.string(),
  personsFlagged: n,
  deadlines: z.array(Deadline.omit({ cityCode: true })),
  submissions: z.array(Submission),
  cases: z.record(z.string(), z.number()),
  casesOverdue: z.number(),
});
export type CityDetail = z.infer<typeof CityDetail>;

export function listCampaigns(): Promise<CampaignSummary[]> {
  return getJson('/campaigns', z.object({ items: z.array(CampaignSummary) })).then((r) => r.items);
}

export function getCampaign(id: string): Promise<CampaignDetail> {
  return getJson(`/campaigns/${encodeURIComponent(id)}`, CampaignDetail);
}

export function getCity(campaignId: string, cityCode: string): Promise<CityDetail> {
  return getJson(`/campaigns/${encodeURIComponent(campaignId)}/cities/${cityCode}`, CityDetail);
}

export function launchCampaign(config: CampaignConfigInput, idempotencyKey: string): Promise<{ campaignId: string }> {
  return sendJson('/campaigns', z.object({ campaignId: z.string() }), { body: config, idempotencyKey });
}
