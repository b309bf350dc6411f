/**
 * The rectification order's document, 责令限期整改通知书 (docs/intermediaries.md): made when the order is
 * issued (services/intermediaries.ts issueOrder) and served by GET …/orders/{orderId}/notice. Numbered by
 * the city's 人力资源和社会保障局 (issuing authority hr-<city>, migration 079) per year of the order's issue
 * date, through the document numbers' counter (documents/documentNumbers.ts: gap-free, never reused, also
 * under concurrency). One number and one document per order (the key names the campaign and the order),
 * so a retried issuance or a second download returns the same file.
 *
 * The unit: the registry's name, credit code, licence number, kind and address. The facts and evidence:
 * the order records none of its own, so they are the intermediary's links to the city's cases (the
 * evidence that it paid contributions, the officer's naming with the reason). The basis: the bases in
 * force (intermediary_basis_version) whose measures include 责令改正, with their wording; else the
 * campaign's general sentence (no article is invented).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { allocateDocumentNumber } from '../documents/documentNumbers';
import { generatedDocument, generatedDocumentByKey, renderDocument } from '../documents/renderDocument';
import type { DocumentData } from '../domain/documents';
import { citationsText } from '../domain/intermediaryDocuments';
import { INTERMEDIARY_KIND_LABELS, IntermediaryKind, LINK_BASIS_LABELS, LinkBasis } from '../domain/intermediary';
import { Citation } from '../domain/legalBasis';
import { intermediaryAuthorityCodeOf, intermediaryProcedureSubject } from '../domain/procedureId';
import { intermediaryBases } from '../readModel/intermediaryBasis';
import type { CityRef } from './intermediaryRefs';

const NOT_REGISTERED = '（名录未登记）';
const CONTACT = '请与本机关案件承办机构联系';
/** Said when no basis in force orders a correction (the province adds one as data). */
const GENERAL_BASIS = '根据工程建设领域专业技术人员职业资格“挂证”等违法违规行为专项整治工作的有关规定';
/** A document's list holds at most 50 items (domain/documents.ts). */
const MAX_EVIDENCE = 50;

export const orderNoticeKey = (campaignId: string, orderId: number): string => `intermediary-order-notice/${campaignId}/${orderId}`;

const OrderRow = z.object({
  name: z.string(),
  uscc: z.string().nullable(),
  kind: IntermediaryKind,
  address: z.string().nullable(),
  licence_number: z.string().nullable(),
  intermediary_id: z.string(),
  issued_on: z.string(),
  deadline: z.string(),
  requirements: z.string(),
});

const lines = (text: string): { text: string }[] => {
  const out = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return out.length > 0 ? out.map((t) => ({ text: t })) : [{ text: text.trim() }];
};

/** What the links to cases say: the facts in one paragraph, one evidence item per link. */
async function factsAndEvidence(pool: Pool, intermediaryId: string): Promise<{ facts: string; evidence: { text: string }[] }> {
  const { rows } = await pool.query<{ case_id: string; basis: LinkBasis; reason: string | null }>(
    'SELECT case_id, basis, reason FROM intermediary_case WHERE intermediary_id = $1 ORDER BY linked_at, case_id, basis',
    [intermediaryId],
  );
  const cases = (b: LinkBasis) => new Set(rows.filter((r) => r.basis === b).map((r) => r.case_id)).size;
  const paid = cases('paid_contributions');
  const named = cases('named_by_officer');
  const parts: string[] = [];
  if (paid > 0) parts.push(`你单位为注册人员代缴社会保险费，致其社会保险缴费单位与注册执业单位不一致，涉及本机关“挂证”案件${paid}件`);
  if (named > 0) parts.push(`经本机关认定，你单位安排或者介绍注册人员“挂证”，涉及案件${named}件`);
  const facts = parts.length > 0 ? `经查，${parts.join('；')}。` : '经查，你单位存在违规开展中介服务的行为（详见案卷）。';
  const items = rows.map((r) => ({ text: `案件${r.case_id}：${LINK_BASIS_LABELS[r.basis]}${r.reason ? `，认定理由：${r.reason}` : ''}` }));
  const evidence =
    items.length > MAX_EVIDENCE
      ? [...items.slice(0, MAX_EVIDENCE - 1), { text: `其余${items.length - MAX_EVIDENCE + 1}项见案卷` }]
      : items.length > 0
        ? items
        : [{ text: '见案卷' }];
  return { facts, evidence };
}

/** The bases in force that order a correction (责令改正), with their articles' wording. */
async function orderBasis(pool: Pool): Promise<string> {
  const { items } = await intermediaryBases(pool);
  const citations = items
    .filter((b) => b.measures.some((m) => m.kind === 'ORDER_TO_CORRECT'))
    .flatMap((b) => b.citations.map((c) => Citation.safeParse(c)))
    .flatMap((r) => (r.success ? [r.data] : []));
  return citations.length > 0 ? `依据${citationsText(citations, true)}` : GENERAL_BASIS;
}

/**
 * The order's notice: made the first time (number taken, template in use filled), the same one after.
 * Undefined when the order is not this intermediary's of the city in the campaign.
 */
export async function orderNotice(
  pool: Pool,
  at: CityRef,
  intermediaryId: number,
  orderId: number,
): Promise<{ documentId: string; number: string; content: Buffer } | undefined> {
  const { rows } = await pool.query(
    `SELECT i.name, i.uscc, i.kind, i.address, i.licence_number, i.id::text AS intermediary_id,
            to_char(o.issued_on, 'YYYY-MM-DD') AS issued_on, to_char(o.deadline, 'YYYY-MM-DD') AS deadline, o.requirements
     FROM intermediary_order o JOIN intermediary i ON i.id = o.intermediary_id
     WHERE o.id = $1 AND i.id = $2 AND i.campaign_id = $3 AND i.city_code = $4`,
    [orderId, intermediaryId, at.campaignId, at.cityCode],
  );
  if (!rows[0]) return undefined;
  const o = OrderRow.parse(rows[0]);
  const key = orderNoticeKey(at.campaignId, orderId);
  const made = await generatedDocumentByKey(pool, key);
  const meta =
    made ??
    (await (async () => {
      const authorityCode = intermediaryAuthorityCodeOf(at.cityCode);
      const subjectRef = intermediaryProcedureSubject(at.campaignId, orderId);
      const number = await allocateDocumentNumber(pool, {
        authorityCode,
        kind: 'intermediary_order_notice',
        year: Number(o.issued_on.slice(0, 4)),
        key,
        subjectRef,
      });
      const authority = await pool.query<{ name: string }>('SELECT name FROM issuing_authority WHERE code = $1', [authorityCode]);
      const data: DocumentData<'intermediary_order_notice'> = {
        documentNumber: number.number,
        authorityName: authority.rows[0].name,
        partyName: o.name,
        partyCreditCode: o.uscc ?? NOT_REGISTERED,
        partyLicenceNumber: o.licence_number ?? NOT_REGISTERED,
        partyAddress: o.address ?? NOT_REGISTERED,
        partyKind: INTERMEDIARY_KIND_LABELS[o.kind],
        ...(await factsAndEvidence(pool, o.intermediary_id)),
        requirements: lines(o.requirements),
        deadline: o.deadline,
        basis: await orderBasis(pool),
        contact: CONTACT,
        issueDate: o.issued_on,
      };
      return renderDocument(pool, { kind: 'intermediary_order_notice', key, subjectRef, data });
    })());
  const doc = await generatedDocument(pool, meta.id);
  return { documentId: meta.id, number: meta.number ?? '', content: doc!.content };
}
