/**
 * Intermediaries (中介服务机构, issue 21 item 2): HR service agencies, brokers and training firms that
 * place certificates. The seed: 对违规的中介服务机构依法严肃查处，责令限期整改，情节严重的，依法给予行政处罚.
 * The vocabulary, the requests' schemas and the order's reminder dates (pure; safe in workflows).
 * docs/intermediaries.md.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';
import { onField } from './fieldMessages';
import { freeText, nameText, plainText } from './text';
import type { Role } from './roles';
import { isValidUscc, normaliseUscc, USCC_MESSAGE } from './uscc';

/**
 * Who handles intermediaries, the ONE place that says so: `act` registers, links, orders and
 * escalates; `read` sees the registry. The API's routes (api/routes/intermediaryRoutes.ts) and the
 * console's page (web/src/app/pageAccess.ts) both read it. The seed gives intermediaries to 人社
 * (对违规的中介服务机构依法严肃查处): the city's 人社局 acts beside the 住建局 it investigates with; both
 * provincial departments read.
 */
export const INTERMEDIARY_HANDLERS: { act: readonly Role[]; read: readonly Role[] } = {
  act: ['city_officer', 'city_hr_officer'],
  read: ['city_officer', 'city_hr_officer', 'province_coordinator', 'province_hr_coordinator'],
};

export const IntermediaryKind = z.enum(['hr_agency', 'broker', 'training', 'other']);
export type IntermediaryKind = z.infer<typeof IntermediaryKind>;
export const INTERMEDIARY_KIND_LABELS: Record<IntermediaryKind, string> = {
  hr_agency: '人力资源服务机构',
  broker: '中介（掮客）',
  training: '培训机构',
  other: '其他中介服务机构',
};

/** How the registry learned of it. */
export const IntermediarySource = z.enum(['officer', 'evidence']);
export type IntermediarySource = z.infer<typeof IntermediarySource>;
export const INTERMEDIARY_SOURCE_LABELS: Record<IntermediarySource, string> = { officer: '经办人登记', evidence: '证据识别（代缴社保）' };

/** Why an intermediary is linked to a case. */
export const LinkBasis = z.enum(['paid_contributions', 'named_by_officer']);
export type LinkBasis = z.infer<typeof LinkBasis>;
export const LINK_BASIS_LABELS: Record<LinkBasis, string> = {
  paid_contributions: '代缴社会保险（证据）',
  named_by_officer: '经办人认定其安排挂证',
};

export const OrderStatus = z.enum(['open', 'rectified', 'not_rectified', 'escalated']);
export type OrderStatus = z.infer<typeof OrderStatus>;
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  open: '整改中',
  rectified: '已整改',
  not_rectified: '逾期未整改',
  escalated: '已移送行政处罚',
};

export const OrderResult = z.enum(['rectified', 'not_rectified']);
export type OrderResult = z.infer<typeof OrderResult>;

/** A credit code typed in: normalised (upper case, no spaces), checked, or absent. */
const UsccInput = plainText({ min: 0, max: 40 })
  .transform((s) => normaliseUscc(s) || null)
  .refine((c) => c === null || isValidUscc(c), { error: onField(USCC_MESSAGE) });

export const IntermediaryInput = z.object({
  name: nameText({ max: 200 }).meta({ title: '机构名称' }),
  uscc: UsccInput.nullish(),
  kind: IntermediaryKind.meta({ title: '机构类型' }),
  address: nameText({ max: 300 }).nullish(),
  licenceNumber: nameText({ max: 100 }).nullish(),
});
export type IntermediaryInput = z.infer<typeof IntermediaryInput>;

export const NameOnCaseInput = z.object({
  caseId: plainText({ max: 120 }),
  reason: freeText({ max: 2000 }).meta({ title: '认定理由' }),
});

export const OrderInput = z
  .object({
    issuedOn: IsoDate,
    deadline: IsoDate.meta({ title: '整改期限' }),
    requirements: freeText({ max: 2000 }),
  })
  .refine((o) => o.deadline >= o.issuedOn, { path: ['deadline'], error: onField('不得早于下达日期') });
export type OrderInput = z.infer<typeof OrderInput>;

export const FindingInput = z.object({ foundOn: IsoDate, finding: freeText({ max: 2000 }) });
export const ResultInput = z.object({
  result: OrderResult.meta({ title: '整改结果' }),
  resultOn: IsoDate,
  note: freeText({ max: 2000 }).nullish(),
});
export const EscalationInput = z.object({
  escalatedOn: IsoDate,
  reason: freeText({ max: 2000 }).meta({ title: '情节严重的理由' }),
  basisId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

/** The workflow that watches an order's deadline: one per order. No name in it, only the order's number. */
/** The order's watch: its campaign and its serial id (the id alone restarts with every database on one namespace; see complaintWorkflowId). */
export const orderWatchId = (campaignId: string, orderId: number): string => `intermediary-order/${campaignId}/${orderId}`;
export const orderAlertKey = (campaignId: string, orderId: number, what: 'due' | 'overdue'): string =>
  `campaign/${campaignId}/intermediary-order/${orderId}/${what}`;
export const orderAlertPrefix = (campaignId: string, orderId: number): string => `campaign/${campaignId}/intermediary-order/${orderId}/`;

/** May an order in this status take a finding, a result, an escalation? */
export function orderAccepts(status: OrderStatus, what: 'finding' | 'result' | 'escalation'): boolean {
  if (what === 'escalation') return status === 'open' || status === 'not_rectified';
  return status === 'open';
}
