/**
 * Penalty procedures as the console reads and drives them (issue 19): the steps due, a case's
 * procedures, an escalated intermediary order's (issue 21), the commands, files. Where a procedure's
 * commands and files go is its target (procedureTarget): a case's routes or the order's.
 */
import { saveDownload } from './download';
import { answer, answerOf, api, type JsonAnswer, type JsonBody } from './http';
import type { paths } from './schema';

export type ProceduresDue = JsonAnswer<'/procedures', 'get'>;
export type ProcedureDueItem = ProceduresDue['items'][number];
export type ProceduresDueQuery = NonNullable<NonNullable<paths['/procedures']['get']['parameters']>['query']>;
export type ProcedureDetail = JsonAnswer<'/cases/{caseId}/procedures/{level}', 'get'>;
export type ProcedureLevel = ProcedureDetail['level'];
export type ProcedureAction = ProcedureDetail['awaiting'][number]['action'];
export type ProcedureState = JsonAnswer<'/cases/{caseId}/procedures/{level}/proposal', 'post'>;

export function getProceduresDue(query: ProceduresDueQuery): Promise<ProceduresDue> {
  return answer(api.GET('/procedures', { params: { query } }));
}

export async function getCaseProcedures(caseId: string): Promise<ProcedureDetail[]> {
  return (await answer(api.GET('/cases/{caseId}/procedures', { params: { path: { caseId } } }))).items;
}

const ORDER_PROCEDURE = '/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/orders/{orderId}/procedure' as const;

/** An escalated intermediary order, whose procedure has the intermediary as its party. */
export interface OrderProcedureKey {
  campaignId: string;
  cityCode: string;
  intermediaryId: number;
  orderId: number;
}

export const orderProcedureQueryKey = (k: OrderProcedureKey) => ['orderProcedure', k.campaignId, k.cityCode, k.intermediaryId, k.orderId] as const;

export function getOrderProcedure(k: OrderProcedureKey): Promise<ProcedureDetail> {
  return answer(api.GET(ORDER_PROCEDURE, { params: { path: k } }));
}

/** The order a procedure is of, for its routes (undefined: a case's). */
export function orderKeyOf(p: {
  campaignId: string;
  cityCode: string;
  intermediary: { intermediaryId: number; orderId: number } | null;
}): OrderProcedureKey | undefined {
  return p.intermediary
    ? { campaignId: p.campaignId, cityCode: p.cityCode, intermediaryId: p.intermediary.intermediaryId, orderId: p.intermediary.orderId }
    : undefined;
}

/** Each command's path and body, as the generated types say. */
export interface ProcedureBodies {
  proposal: JsonBody<'/cases/{caseId}/procedures/{level}/proposal', 'post'>;
  'proposal/approval': JsonBody<'/cases/{caseId}/procedures/{level}/proposal/approval', 'post'>;
  services: JsonBody<'/cases/{caseId}/procedures/{level}/services', 'post'>;
  statements: JsonBody<'/cases/{caseId}/procedures/{level}/statements', 'post'>;
  'hearing-request': JsonBody<'/cases/{caseId}/procedures/{level}/hearing-request', 'post'>;
  waiver: JsonBody<'/cases/{caseId}/procedures/{level}/waiver', 'post'>;
  hearing: JsonBody<'/cases/{caseId}/procedures/{level}/hearing', 'post'>;
  'hearing/record': JsonBody<'/cases/{caseId}/procedures/{level}/hearing/record', 'post'>;
  review: JsonBody<'/cases/{caseId}/procedures/{level}/review', 'post'>;
  'decision/approval': JsonBody<'/cases/{caseId}/procedures/{level}/decision/approval', 'post'>;
  'decision/revision': JsonBody<'/cases/{caseId}/procedures/{level}/decision/revision', 'post'>;
  'ministry-answer': JsonBody<'/cases/{caseId}/procedures/{level}/ministry-answer', 'post'>;
  redress: JsonBody<'/cases/{caseId}/procedures/{level}/redress', 'post'>;
  'redress/result': JsonBody<'/cases/{caseId}/procedures/{level}/redress/result', 'post'>;
  'time-limit': JsonBody<'/cases/{caseId}/procedures/{level}/time-limit', 'post'>;
  'basis-recheck': JsonBody<'/cases/{caseId}/procedures/{level}/basis-recheck', 'post'>;
}
export type ProcedureCommandPath = keyof ProcedureBodies;

/** Sends one command to a case's procedure; the Idempotency-Key makes a retry of the same submission apply once. */
export function sendProcedureCommand<P extends ProcedureCommandPath>(
  caseId: string,
  level: ProcedureLevel,
  command: P,
  body: ProcedureBodies[P],
  idempotencyKey: string,
): Promise<ProcedureState> {
  const path = `/cases/{caseId}/procedures/{level}/${command}` as '/cases/{caseId}/procedures/{level}/proposal';
  return answer(
    api.POST(path, {
      params: { path: { caseId, level }, header: { 'idempotency-key': idempotencyKey } },
      body: body as ProcedureBodies['proposal'],
    }),
  );
}

/** Sends one command to an intermediary order's procedure (the same bodies and answers as a case's). */
export function sendOrderProcedureCommand<P extends ProcedureCommandPath>(
  k: OrderProcedureKey,
  command: P,
  body: ProcedureBodies[P],
  idempotencyKey: string,
): Promise<ProcedureState> {
  const path = `${ORDER_PROCEDURE}/${command}` as `${typeof ORDER_PROCEDURE}/proposal`;
  return answer(api.POST(path, { params: { path: k, header: { 'idempotency-key': idempotencyKey } }, body: body as ProcedureBodies['proposal'] }));
}

export type UploadedAttachment = JsonAnswer<'/cases/{caseId}/procedures/{level}/attachments', 'post', 201>;

/** The types the API keeps as sent; anything else goes as application/octet-stream. */
const KEPT_TYPES = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'text/plain',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

/** Uploads one file as the request body; answers its id for a command. */
export async function uploadAttachment(caseId: string, level: ProcedureLevel, file: File): Promise<UploadedAttachment> {
  const type = KEPT_TYPES.has(file.type) ? file.type : 'application/octet-stream';
  return answer(
    api.POST('/cases/{caseId}/procedures/{level}/attachments', {
      params: { path: { caseId, level }, query: { fileName: file.name } },
      body: file as never,
      bodySerializer: (b: unknown) => b as Blob,
      headers: { 'content-type': type },
    }),
  );
}

export async function downloadProcedureDocument(caseId: string, level: ProcedureLevel, documentId: string, fallbackName: string): Promise<void> {
  const outcome = await api.GET('/cases/{caseId}/procedures/{level}/documents/{documentId}', {
    params: { path: { caseId, level, documentId } },
    parseAs: 'blob',
  });
  saveDownload(answerOf(outcome), outcome.response, fallbackName);
}

export async function downloadOrderProcedureDocument(k: OrderProcedureKey, documentId: string, fallbackName: string): Promise<void> {
  const outcome = await api.GET(`${ORDER_PROCEDURE}/documents/{documentId}`, { params: { path: { ...k, documentId } }, parseAs: 'blob' });
  saveDownload(answerOf(outcome), outcome.response, fallbackName);
}

export async function downloadProcedureAttachment(caseId: string, level: ProcedureLevel, attachmentId: string, fallbackName: string): Promise<void> {
  const outcome = await api.GET('/cases/{caseId}/procedures/{level}/attachments/{attachmentId}', {
    params: { path: { caseId, level, attachmentId } },
    parseAs: 'blob',
  });
  saveDownload(answerOf(outcome), outcome.response, fallbackName);
}

export type LegalBasis = JsonAnswer<'/legal-bases', 'get'>['items'][number];

/** The legal bases in force today for a certificate category and violation (the proposal's measures come from one). */
export async function getLegalBasesInForce(certCategory: LegalBasis['certCategory'], violation: LegalBasis['violation']): Promise<LegalBasis[]> {
  return (await answer(api.GET('/legal-bases', { params: { query: { certCategory, violation } } }))).items;
}

/**
 * Where a procedure's commands and files go, and which queries show it: a case's routes
 * (/cases/{caseId}/procedures/{level}/…), or an escalated intermediary order's
 * (…/orders/{orderId}/procedure/…), which takes no attachment, no ministry's answer and no basis recheck.
 */
export interface ProcedureTarget {
  send<P extends ProcedureCommandPath>(command: P, body: ProcedureBodies[P], idempotencyKey: string): Promise<ProcedureState>;
  downloadDocument(documentId: string, fallbackName: string): Promise<void>;
  /** Absent where the API takes no attachment for the procedure. */
  attachments?: {
    upload(file: File): Promise<UploadedAttachment>;
    download(attachmentId: string, fallbackName: string): Promise<void>;
  };
  /** The commands the procedure does not take. */
  omits: readonly ProcedureCommandPath[];
  /** The queries read again after a command (besides the steps due): the procedure's and what shows it. */
  queryKeys: readonly (readonly unknown[])[];
}

export function procedureTarget(p: ProcedureDetail): ProcedureTarget {
  const order = orderKeyOf(p);
  if (order) {
    return {
      send: (command, body, key) => sendOrderProcedureCommand(order, command, body, key),
      downloadDocument: (documentId, fallbackName) => downloadOrderProcedureDocument(order, documentId, fallbackName),
      omits: ['ministry-answer', 'basis-recheck'],
      queryKeys: [orderProcedureQueryKey(order), ['intermediary']],
    };
  }
  // A case's procedure always has its case (only an order's has none).
  const caseId = p.caseId ?? '';
  return {
    send: (command, body, key) => sendProcedureCommand(caseId, p.level, command, body, key),
    downloadDocument: (documentId, fallbackName) => downloadProcedureDocument(caseId, p.level, documentId, fallbackName),
    attachments: {
      upload: (file) => uploadAttachment(caseId, p.level, file),
      download: (attachmentId, fallbackName) => downloadProcedureAttachment(caseId, p.level, attachmentId, fallbackName),
    },
    omits: [],
    queryKeys: [
      ['procedures', caseId],
      ['case', caseId],
    ],
  };
}
