/**
 * Intermediaries as the API and the console read them (docs/intermediaries.md): a city's registry
 * with each intermediary's linked cases and its latest order, one intermediary with its links,
 * orders and findings, the intermediaries linked to a case, the bases of an escalation, and the
 * figures the reports count (countIntermediaries, read by cityFigures.ts).
 */
import type { ClientBase, Pool } from 'pg';
import { z } from 'zod';
import { CampaignCalendar, shanghaiDate } from '../domain/calendar';
import { calendarDateAt, CampaignClock } from '../domain/campaignClock';
import { IntermediaryKind, IntermediarySource, LinkBasis, OrderStatus } from '../domain/intermediary';
import { evidenceAgency, PENALTY_EVIDENCE_KINDS, type TargetUnit } from '../domain/penaltyPlan';
export { IntermediaryBases, intermediaryBases } from './intermediaryBasis';
import { ORDER_PROCEDURE_COLUMN, OrderProcedure, orderProcedureOf } from './intermediaryOrderProcedure';
import { BigintColumn, DateText, Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

type Db = Pool | ClientBase;

export const IntermediaryOrder = z.object({
  orderId: z.number().int(),
  issuedOn: z.string(),
  deadline: z.string(),
  requirements: z.string(),
  issuedBy: z.string(),
  status: OrderStatus,
  overdue: z.boolean().describe("open and its deadline day has passed on the campaign's clock"),
  resultOn: z.string().nullable(),
  resultNote: z.string().nullable(),
  resultBy: z.string().nullable(),
  escalatedOn: z.string().nullable(),
  escalationReason: z.string().nullable(),
  escalationBasisId: z.number().int().nullable(),
  escalatedBy: z.string().nullable(),
  procedure: OrderProcedure.nullable().describe("the escalated order's due-process procedure (its party the intermediary)"),
  noticeNumber: z
    .string()
    .nullable()
    .describe('the number of its 责令限期整改通知书 (GET …/orders/{orderId}/notice), taken when the order was issued; null until then'),
  findings: z.array(z.object({ findingId: z.number().int(), foundOn: z.string(), finding: z.string(), recordedBy: z.string(), recordedAt: Instant })),
});
export type IntermediaryOrder = z.infer<typeof IntermediaryOrder>;

const Base = z.object({
  intermediaryId: z.number().int(),
  campaignId: z.string(),
  cityCode: z.string(),
  name: z.string(),
  uscc: z.string().nullable(),
  kind: IntermediaryKind,
  address: z.string().nullable(),
  licenceNumber: z.string().nullable(),
  source: IntermediarySource,
  createdBy: z.string(),
  createdAt: Instant,
});

export const IntermediarySummary = Base.extend({
  linkedCases: z.number().int(),
  namedCases: z.number().int().describe('cases an officer named it on (arranged the hanging)'),
  paidCases: z.number().int().describe('cases whose contributions it paid (evidence)'),
  orders: z.number().int(),
  latestOrder: IntermediaryOrder.omit({ findings: true }).nullable(),
});
export type IntermediarySummary = z.infer<typeof IntermediarySummary>;

export const IntermediaryLink = z.object({
  intermediaryId: z.number().int(),
  intermediaryName: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  basis: LinkBasis,
  reason: z.string().nullable(),
  linkedBy: z.string(),
  linkedAt: Instant,
});
export type IntermediaryLink = z.infer<typeof IntermediaryLink>;

export const IntermediaryDetail = Base.extend({ cases: z.array(IntermediaryLink), orders: z.array(IntermediaryOrder) });
export type IntermediaryDetail = z.infer<typeof IntermediaryDetail>;

export const IntermediaryList = z.object({ items: z.array(IntermediarySummary) });

const Row = z.object({
  id: BigintColumn,
  campaign_id: z.string(),
  city_code: z.string(),
  name: z.string(),
  uscc: z.string().nullable(),
  kind: IntermediaryKind,
  address: z.string().nullable(),
  licence_number: z.string().nullable(),
  source: IntermediarySource,
  created_by: z.string(),
  created_at: TimestampColumn,
});
const COLUMNS = 'i.id, i.campaign_id, i.city_code::text, i.name, i.uscc::text, i.kind, i.address, i.licence_number, i.source, i.created_by, i.created_at';

const base = (r: z.infer<typeof Row>): z.infer<typeof Base> => ({
  intermediaryId: r.id,
  campaignId: r.campaign_id,
  cityCode: r.city_code,
  name: r.name,
  uscc: r.uscc,
  kind: r.kind,
  address: r.address,
  licenceNumber: r.licence_number,
  source: r.source,
  createdBy: r.created_by,
  createdAt: instant(r.created_at),
});

/** The order's notice's number: its subject is the order's reference (services/intermediaryOrderNotice.ts, domain/procedureId.ts). */
const ORDER_NOTICE_NUMBER_COLUMN = `(SELECT n.number FROM document_number n JOIN intermediary ni ON ni.id = o.intermediary_id
  WHERE n.kind = 'intermediary_order_notice' AND n.subject_ref = 'intermediary-order/' || ni.campaign_id || '/' || o.id) AS notice_number`;

const OrderRow = z.object({
  id: BigintColumn,
  intermediary_id: BigintColumn,
  issued_on: DateText,
  deadline: DateText,
  requirements: z.string(),
  issued_by: z.string(),
  status: OrderStatus,
  result_on: DateText.nullable(),
  result_note: z.string().nullable(),
  result_by: z.string().nullable(),
  escalated_on: DateText.nullable(),
  escalation_reason: z.string().nullable(),
  escalation_basis: BigintColumn.nullable(),
  escalated_by: z.string().nullable(),
  procedure: z.unknown(),
  notice_number: z.string().nullable(),
});
const ORDER_COLUMNS = `o.id, o.intermediary_id, to_char(o.issued_on, 'YYYY-MM-DD') AS issued_on, to_char(o.deadline, 'YYYY-MM-DD') AS deadline,
  o.requirements, o.issued_by, o.status,
  to_char(o.result_on, 'YYYY-MM-DD') AS result_on, o.result_note, o.result_by,
  to_char(o.escalated_on, 'YYYY-MM-DD') AS escalated_on, o.escalation_reason, o.escalation_basis, o.escalated_by,
  ${ORDER_PROCEDURE_COLUMN}, ${ORDER_NOTICE_NUMBER_COLUMN}`;

/** The campaign's today (its clock: a compressed demo clock's calendar date), for `overdue`. */
async function campaignToday(db: Db, campaignId: string): Promise<string> {
  const { rows } = await db.query<{ calendar: unknown; clock: unknown }>(`SELECT calendar, config -> 'clock' AS clock FROM campaign WHERE id = $1`, [
    campaignId,
  ]);
  const r = rows[0];
  if (!r) return shanghaiDate(new Date());
  return calendarDateAt({ clock: CampaignClock.parse(r.clock ?? { kind: 'calendar' }), calendar: CampaignCalendar.parse(r.calendar) }, Date.now());
}

const order = (r: z.infer<typeof OrderRow>, today: string): Omit<IntermediaryOrder, 'findings'> => ({
  orderId: r.id,
  issuedOn: r.issued_on,
  deadline: r.deadline,
  requirements: r.requirements,
  issuedBy: r.issued_by,
  status: r.status,
  overdue: r.status === 'open' && r.deadline < today,
  resultOn: r.result_on,
  resultNote: r.result_note,
  resultBy: r.result_by,
  escalatedOn: r.escalated_on,
  escalationReason: r.escalation_reason,
  escalationBasisId: r.escalation_basis,
  escalatedBy: r.escalated_by,
  procedure: orderProcedureOf(r.procedure),
  noticeNumber: r.notice_number,
});

const LinkRow = z.object({
  intermediary_id: BigintColumn,
  name: z.string(),
  case_id: z.string(),
  case_no: z.string(),
  basis: LinkBasis,
  reason: z.string().nullable(),
  linked_by: z.string(),
  linked_at: TimestampColumn,
});
const link = (r: z.infer<typeof LinkRow>): IntermediaryLink => ({
  intermediaryId: r.intermediary_id,
  intermediaryName: r.name,
  caseId: r.case_id,
  caseNo: r.case_no,
  basis: r.basis,
  reason: r.reason,
  linkedBy: r.linked_by,
  linkedAt: instant(r.linked_at),
});
const LINK_SQL = `SELECT l.intermediary_id, i.name, l.case_id, c.case_no, l.basis, l.reason, l.linked_by, l.linked_at
  FROM intermediary_case l JOIN intermediary i ON i.id = l.intermediary_id JOIN case_file c ON c.case_id = l.case_id`;

/** A city's registry, newest first, each with its link counts and latest order. */
export async function listIntermediaries(db: Db, campaignId: string, cityCode: string): Promise<z.infer<typeof IntermediaryList>> {
  const rows = parseRows(
    Row.extend({ linked: z.number().int(), named: z.number().int(), paid: z.number().int(), orders: z.number().int() }),
    (
      await db.query(
        `SELECT ${COLUMNS},
           (SELECT count(DISTINCT case_id)::int FROM intermediary_case l WHERE l.intermediary_id = i.id) AS linked,
           (SELECT count(*)::int FROM intermediary_case l WHERE l.intermediary_id = i.id AND l.basis = 'named_by_officer') AS named,
           (SELECT count(*)::int FROM intermediary_case l WHERE l.intermediary_id = i.id AND l.basis = 'paid_contributions') AS paid,
           (SELECT count(*)::int FROM intermediary_order o WHERE o.intermediary_id = i.id) AS orders
         FROM intermediary i WHERE i.campaign_id = $1 AND i.city_code = $2 ORDER BY i.id DESC`,
        [campaignId, cityCode],
      )
    ).rows,
  );
  const latest = parseRows(
    OrderRow,
    (
      await db.query(
        `SELECT DISTINCT ON (o.intermediary_id) ${ORDER_COLUMNS} FROM intermediary_order o JOIN intermediary i ON i.id = o.intermediary_id
         WHERE i.campaign_id = $1 AND i.city_code = $2 ORDER BY o.intermediary_id, o.id DESC`,
        [campaignId, cityCode],
      )
    ).rows,
  );
  const today = await campaignToday(db, campaignId);
  const byId = new Map(latest.map((o) => [o.intermediary_id, order(o, today)]));
  return {
    items: rows.map((r) => ({
      ...base(r),
      linkedCases: r.linked,
      namedCases: r.named,
      paidCases: r.paid,
      orders: r.orders,
      latestOrder: byId.get(r.id) ?? null,
    })),
  };
}

/** One intermediary of the city, or null when it is not in this campaign's and city's registry. */
export async function intermediaryDetail(db: Db, campaignId: string, cityCode: string, id: number): Promise<IntermediaryDetail | null> {
  const r = parseRows(
    Row,
    (await db.query(`SELECT ${COLUMNS} FROM intermediary i WHERE i.id = $1 AND i.campaign_id = $2 AND i.city_code = $3`, [id, campaignId, cityCode])).rows,
  )[0];
  if (!r) return null;
  const links = parseRows(LinkRow, (await db.query(`${LINK_SQL} WHERE l.intermediary_id = $1 ORDER BY l.linked_at, l.case_id`, [id])).rows);
  const orders = parseRows(
    OrderRow,
    (await db.query(`SELECT ${ORDER_COLUMNS} FROM intermediary_order o WHERE o.intermediary_id = $1 ORDER BY o.id`, [id])).rows,
  );
  const findings = parseRows(
    z.object({ id: BigintColumn, order_id: BigintColumn, found_on: DateText, finding: z.string(), recorded_by: z.string(), recorded_at: TimestampColumn }),
    (
      await db.query(
        `SELECT f.id, f.order_id, to_char(f.found_on, 'YYYY-MM-DD') AS found_on, f.finding, f.recorded_by, f.recorded_at
         FROM intermediary_order_finding f JOIN intermediary_order o ON o.id = f.order_id WHERE o.intermediary_id = $1 ORDER BY f.id`,
        [id],
      )
    ).rows,
  );
  const today = await campaignToday(db, campaignId);
  return {
    ...base(r),
    cases: links.map(link),
    orders: orders.map((o) => ({
      ...order(o, today),
      findings: findings
        .filter((f) => f.order_id === o.id)
        .map((f) => ({ findingId: f.id, foundOn: f.found_on, finding: f.finding, recordedBy: f.recorded_by, recordedAt: instant(f.recorded_at) })),
    })),
  };
}

export const CaseIntermediaries = z.object({ caseId: z.string(), items: z.array(IntermediaryLink) });

/** The intermediaries linked to one case (the case page). */
export async function caseIntermediaries(db: Db, caseId: string): Promise<z.infer<typeof CaseIntermediaries>> {
  const rows = parseRows(LinkRow, (await db.query(`${LINK_SQL} WHERE l.case_id = $1 ORDER BY l.linked_at, l.intermediary_id`, [caseId])).rows);
  return { caseId, items: rows.map(link) };
}

/**
 * The city's cases whose evidence shows an HR agency paying the person's contributions, with the
 * agency (domain/penaltyPlan.ts evidenceAgency, the order to rectify's reading). Only cases flagged
 * SS_VIA_AGENCY or whose screening or unit evidence names a unit of kind hr_agency are read, in one query.
 */
export async function evidenceAgencies(db: Db, campaignId: string, cityCode: string): Promise<{ caseId: string; agency: TargetUnit }[]> {
  const { rows } = await db.query<{ case_id: string; kind: string; payload: unknown }>(
    `SELECT e.case_id, e.kind, e.payload FROM case_evidence e
     WHERE e.kind = ANY ($3::text[]) AND e.case_id IN (
       SELECT c.case_id FROM case_file c
       WHERE c.campaign_id = $1 AND c.city_code = $2
         AND ('SS_VIA_AGENCY' = ANY (c.reasons)
              OR EXISTS (SELECT 1 FROM case_evidence x WHERE x.case_id = c.case_id AND x.kind IN ('screening', 'units') AND strpos(x.payload::text, 'hr_agency') > 0)))
     ORDER BY e.case_id`,
    [campaignId, cityCode, [...PENALTY_EVIDENCE_KINDS]],
  );
  const byCase = new Map<string, Map<string, unknown>>();
  for (const r of rows) {
    const ev = byCase.get(r.case_id) ?? new Map<string, unknown>();
    ev.set(r.kind, r.payload);
    byCase.set(r.case_id, ev);
  }
  return [...byCase].flatMap(([caseId, ev]) => {
    const agency = evidenceAgency(ev);
    return agency ? [{ caseId, agency }] : [];
  });
}

export const IntermediaryCounts = z.object({
  intermediaries: z.number().int().min(0).describe('中介机构（登记）'),
  intermediaryCases: z.number().int().min(0).describe('涉中介机构案件'),
  intermediaryOrders: z.number().int().min(0).describe('责令限期整改（份）'),
  intermediariesRectified: z.number().int().min(0).describe('已整改'),
  intermediariesNotRectified: z.number().int().min(0).describe('逾期未整改'),
  intermediariesEscalated: z.number().int().min(0).describe('移送行政处罚'),
});
export type IntermediaryCounts = z.infer<typeof IntermediaryCounts>;

export const emptyIntermediaryCounts = (): IntermediaryCounts => ({
  intermediaries: 0,
  intermediaryCases: 0,
  intermediaryOrders: 0,
  intermediariesRectified: 0,
  intermediariesNotRectified: 0,
  intermediariesEscalated: 0,
});

/** Per city: the registry, the cases linked, the orders and their results (one query at a time: `db` may be a report's client). */
export async function countIntermediaries(db: Db, campaignId: string, cities: string[]): Promise<Map<string, IntermediaryCounts>> {
  const { rows } = await db.query(
    `SELECT i.city_code::text AS city_code,
       count(DISTINCT i.id)::int AS intermediaries,
       (SELECT count(DISTINCT l.case_id)::int FROM intermediary_case l JOIN intermediary j ON j.id = l.intermediary_id
         WHERE j.campaign_id = $1 AND j.city_code = i.city_code) AS intermediary_cases,
       count(o.id)::int AS intermediary_orders,
       count(o.id) FILTER (WHERE o.status = 'rectified')::int AS rectified,
       count(o.id) FILTER (WHERE o.status = 'not_rectified')::int AS not_rectified,
       count(o.id) FILTER (WHERE o.status = 'escalated')::int AS escalated
     FROM intermediary i LEFT JOIN intermediary_order o ON o.intermediary_id = i.id
     WHERE i.campaign_id = $1 AND i.city_code = ANY ($2::bpchar[]) GROUP BY i.city_code`,
    [campaignId, cities],
  );
  const parsed = parseRows(
    z.object({
      city_code: z.string(),
      intermediaries: z.number().int(),
      intermediary_cases: z.number().int(),
      intermediary_orders: z.number().int(),
      rectified: z.number().int(),
      not_rectified: z.number().int(),
      escalated: z.number().int(),
    }),
    rows,
  );
  const out = new Map<string, IntermediaryCounts>();
  for (const code of cities) {
    const r = parsed.find((x) => x.city_code === code);
    out.set(
      code,
      r
        ? {
            intermediaries: r.intermediaries,
            intermediaryCases: r.intermediary_cases,
            intermediaryOrders: r.intermediary_orders,
            intermediariesRectified: r.rectified,
            intermediariesNotRectified: r.not_rectified,
            intermediariesEscalated: r.escalated,
          }
        : emptyIntermediaryCounts(),
    );
  }
  return out;
}
