/** Cases as the console reads them (api/routes/caseRoutes.ts, decisionRoutes.ts). */
import { z } from 'zod';
import type { CaseDecision } from '../../../domain/outcomes';
import { getJson, sendJson } from './http';

const str = z.string().nullable().optional();

export const WorklistItem = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  status: z.string(),
  outcome: str,
  reasons: z.array(z.string()),
  riskScore: z.number(),
  dueAt: str,
  /** False while the case's workflow is still being started: a decision would be refused. */
  ready: z.boolean().optional(),
  idNumberMasked: z.string(),
  name: str,
  regUnitNames: z.array(z.string()).default([]),
  ssUnitName: str,
  fundUnitName: str,
});
export type WorklistItem = z.infer<typeof WorklistItem>;

const Worklist = z.object({ items: z.array(WorklistItem), page: z.number(), pageSize: z.number(), total: z.number() });
export type Worklist = z.infer<typeof Worklist>;

export interface WorklistFilters {
  status?: string;
  flag?: string;
  unit?: string;
  riskMin?: string;
  sort?: string;
  page?: string;
}

export function getWorklist(campaignId: string, cityCode: string, f: WorklistFilters): Promise<Worklist> {
  const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined && v !== '') as [string, string][]);
  q.set('pageSize', '50');
  return getJson(`/campaigns/${encodeURIComponent(campaignId)}/cities/${cityCode}/cases?${q}`, Worklist);
}

export const Penalty = z.object({
  penaltyId: z.string(),
  kind: z.string(),
  level: z.string(),
  imposedOn: z.string(),
  target: z.string(),
  unitName: str,
  unitCode: str,
  published: z.boolean().optional(),
});

export const CaseDetail = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  campaignId: z.string(),
  cityCode: z.string(),
  status: z.string(),
  origin: z.string(),
  reasons: z.array(z.string()),
  riskScore: z.number(),
  outcome: str,
  decidedOn: str,
  decidedBy: str,
  liability: str,
  exemptionBasis: str,
  dueAt: str,
  person: z.object({ idNumber: z.string().optional(), idNumberMasked: z.string().optional(), name: str }),
  decision: z.record(z.string(), z.unknown()).nullable().optional(),
  evidence: z.array(z.object({ kind: z.string(), gatheredAt: str, payload: z.unknown().optional() })),
  penalties: z.array(Penalty),
  ban: z.object({ start: z.string(), end: z.string() }).nullable(),
  complaints: z.array(z.object({ complaintId: z.string(), receivedAt: str, channel: z.string(), content: str })).default([]),
  timeline: z.array(z.object({ at: str, kind: z.string(), detail: z.record(z.string(), z.unknown()).optional() })).default([]),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export function getCase(caseId: string): Promise<CaseDetail> {
  return getJson(`/cases/${encodeURIComponent(caseId)}`, CaseDetail);
}

export function decideCase(caseId: string, decision: CaseDecision, idempotencyKey: string): Promise<Record<string, unknown>> {
  return sendJson(`/cases/${encodeURIComponent(caseId)}/decision`, z.record(z.string(), z.unknown()), { body: decision, idempotencyKey });
}

const BulkResult = z.object({
  results: z.array(z.object({ caseId: z.string(), status: z.number(), problem: z.object({ title_zh: z.string().optional(), title: z.string(), detail: z.string().optional() }).optional() })),
  succeeded: z.number(),
  failed: z.number(),
});
export type BulkResult = z.infer<typeof BulkResult>;

export function decideMany(campaignId: string, cityCode: string, caseIds: string[], decision: CaseDecision, idempotencyKey: string): Promise<BulkResult> {
  return sendJson(`/campaigns/${encodeURIComponent(campaignId)}/cities/${cityCode}/decisions`, BulkResult, {
    body: { items: caseIds.map((caseId) => ({ caseId, decision })) },
    idempotencyKey,
  });
}

/** How many cases match (one row fetched; the total is what counts). */
export function countCases(campaignId: string, cityCode: string, f: Record<string, string>): Promise<number> {
  const q = new URLSearchParams({ ...f, pageSize: '1' });
  return getJson(`/campaigns/${encodeURIComponent(campaignId)}/cities/${cityCode}/cases?${q}`, Worklist).then((r) => r.total);
}
