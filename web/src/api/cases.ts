/** Cases as the console reads and decides them (the worklist, one case, decisions). */
import type { CaseDecision } from '../../../domain/outcomes';
import { answer, api, type JsonAnswer } from './http';
import type { paths } from './schema';

type WorklistPath = '/campaigns/{campaignId}/cities/{cityCode}/cases';
export type Worklist = JsonAnswer<WorklistPath, 'get'>;
export type WorklistItem = Worklist['items'][number];
export type CaseDetail = JsonAnswer<'/cases/{caseId}', 'get'>;
export type CaseDecided = JsonAnswer<'/cases/{caseId}/decision', 'post'>;
export type BulkResult = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/decisions', 'post'>;
/** The worklist's filters as the API takes them. */
export type WorklistQuery = NonNullable<NonNullable<paths[WorklistPath]['get']['parameters']>['query']>;
export type WorklistSort = NonNullable<WorklistQuery['sort']>;
export type CaseStatus = WorklistItem['status'];

/** One page of a city's worklist; the query names the page and its size (50 unless given). */
export function getWorklist(campaignId: string, cityCode: string, query: WorklistQuery): Promise<Worklist> {
  return answer(api.GET('/campaigns/{campaignId}/cities/{cityCode}/cases', { params: { path: { campaignId, cityCode }, query: { pageSize: 50, ...query } } }));
}

export function getCase(caseId: string): Promise<CaseDetail> {
  return answer(api.GET('/cases/{caseId}', { params: { path: { caseId } } }));
}

export function decideCase(caseId: string, decision: CaseDecision, idempotencyKey: string): Promise<CaseDecided> {
  return answer(api.POST('/cases/{caseId}/decision', { params: { path: { caseId }, header: { 'idempotency-key': idempotencyKey } }, body: decision }));
}

export function decideMany(campaignId: string, cityCode: string, caseIds: string[], decision: CaseDecision, idempotencyKey: string): Promise<BulkResult> {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/decisions', {
      params: { path: { campaignId, cityCode }, header: { 'idempotency-key': idempotencyKey } },
      body: { items: caseIds.map((caseId) => ({ caseId, decision })) },
    }),
  );
}

/** How many cases match (one row fetched; the total is what counts). */
export async function countCases(campaignId: string, cityCode: string, query: WorklistQuery): Promise<number> {
  const list = await answer(
    api.GET('/campaigns/{campaignId}/cities/{cityCode}/cases', { params: { path: { campaignId, cityCode }, query: { ...query, pageSize: 1 } } }),
  );
  return list.total;
}

export type DecisionPreview = JsonAnswer<'/cases/{caseId}/decision/preview', 'post'>;
export type BulkPreview = JsonAnswer<'/campaigns/{campaignId}/cities/{cityCode}/decisions/preview', 'post'>;
export type CaseCarriedOver = JsonAnswer<'/cases/{caseId}/carry-over', 'post'>;

/** What recording the decision would impose (liability, each penalty, the ban); records nothing. */
export function previewDecision(caseId: string, decision: CaseDecision): Promise<DecisionPreview> {
  return answer(api.POST('/cases/{caseId}/decision/preview', { params: { path: { caseId } }, body: decision }));
}

/** The preview of one decision on many cases: per case, and the totals by penalty kind. */
export function previewMany(campaignId: string, cityCode: string, caseIds: string[], decision: CaseDecision): Promise<BulkPreview> {
  return answer(
    api.POST('/campaigns/{campaignId}/cities/{cityCode}/decisions/preview', {
      params: { path: { campaignId, cityCode } },
      body: { items: caseIds.map((caseId) => ({ caseId, decision })) },
    }),
  );
}

/** Carries an open case over (结转办理) with the officer's reason. */
export function carryOver(caseId: string, reason: string, idempotencyKey: string): Promise<CaseCarriedOver> {
  return answer(api.POST('/cases/{caseId}/carry-over', { params: { path: { caseId }, header: { 'idempotency-key': idempotencyKey } }, body: { reason } }));
}
