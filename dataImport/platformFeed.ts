/**
 * The outbound adapter to the 吉林省建筑市场监管公共服务平台: the published records (bad-conduct
 * records and registration bars) and their withdrawals as the platform reads them, JSON and CSV
 * (fields in docs/publication.md). It mirrors the inbound providers' contract (docs/providers.md):
 * pages of records with English snake_case keys and a `next_cursor`, so the platform pulls it the way
 * our importer pulls a provider. Pure formatting: the rows come from the read model.
 */
import { z } from 'zod';
import { CERT_CATEGORY_LABELS, CertCategory } from '../domain/certCategories';
import { JILIN_CITIES } from '../domain/cities';
import { PUBLISHED_RECORD_KIND_LABELS, PublishedRecordKind, WITHDRAWAL_REASON_LABELS, WithdrawalReason, type PublishedRecord } from '../domain/publication';
import { csvLine } from '../domain/spreadsheetText';

/** What a publication row gives the feed. */
export type FeedSource = PublishedRecord;

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const INSTANT = z.iso.datetime({ offset: true });

/** One record of the feed; the field list of docs/publication.md is this schema. */
export const FeedRecord = z.object({
  record_id: z.number().int().describe('the publication; a withdrawal repeats it with status withdrawn'),
  status: z.enum(['published', 'withdrawn']),
  record_kind: PublishedRecordKind,
  record_kind_label: z.string(),
  person_name: z.string().nullable().describe('persons only'),
  id_number_masked: z.string().nullable().describe('persons only: first 6 and last 4 characters'),
  cert_numbers: z.array(z.string()).describe("the person's valid registration certificates"),
  cert_categories: z.array(z.string()),
  cert_category_labels: z.array(z.string()),
  unit_name: z.string().nullable().describe('units only'),
  unit_code: z.string().nullable().describe('units only: 统一社会信用代码'),
  city_code: z.string(),
  city_name: z.string().nullable(),
  imposed_by: z.enum(['city', 'province']),
  authority_name: z.string().nullable(),
  decision_no: z.string().nullable().describe('the 决定书 number, when the procedure numbered one'),
  basis: z.string().nullable().describe("the first citation of the decision's legal basis"),
  imposed_on: DATE.describe('the date the measure took effect (the decision served)'),
  published_from: DATE,
  published_until: DATE.describe('inclusive; the platform stops showing the record after it'),
  published_at: INSTANT,
  withdrawn_at: INSTANT.nullable(),
  withdrawn_reason: WithdrawalReason.nullable(),
  withdrawn_reason_label: z.string().nullable(),
  withdrawn_by: z.string().nullable().describe('the user (or the system) that withdrew it'),
  changed_at: INSTANT.describe('when this state was reached: the order of the feed'),
});
export type FeedRecord = z.infer<typeof FeedRecord>;

export const FeedPage = z.object({
  records: z.array(FeedRecord),
  next_cursor: z.string().nullable().describe('null: no more changes now; ask again later with the last cursor you received or a `since`'),
});
export type FeedPage = z.infer<typeof FeedPage>;

const cityName = (code: string): string | null => JILIN_CITIES.find((c) => c.code === code)?.name ?? null;
const categoryLabel = (c: string): string => (CertCategory.safeParse(c).success ? CERT_CATEGORY_LABELS[c as CertCategory] : c);

export function toFeedRecord(p: FeedSource): FeedRecord {
  return {
    record_id: p.publicationId,
    status: p.withdrawnAt === null ? 'published' : 'withdrawn',
    record_kind: p.recordKind,
    record_kind_label: PUBLISHED_RECORD_KIND_LABELS[p.recordKind],
    person_name: p.personName,
    id_number_masked: p.idNumberMasked,
    cert_numbers: p.certNumbers,
    cert_categories: p.certCategories,
    cert_category_labels: p.certCategories.map(categoryLabel),
    unit_name: p.unitName,
    unit_code: p.unitCode,
    city_code: p.cityCode,
    city_name: cityName(p.cityCode),
    imposed_by: p.level,
    authority_name: p.authorityName,
    decision_no: p.decisionNo,
    basis: p.basis,
    imposed_on: p.imposedOn,
    published_from: p.publishedFrom,
    published_until: p.publishedUntil,
    published_at: p.publishedAt.toISOString(),
    withdrawn_at: p.withdrawnAt?.toISOString() ?? null,
    withdrawn_reason: p.withdrawnReason,
    withdrawn_reason_label: p.withdrawnReason === null ? null : WITHDRAWAL_REASON_LABELS[p.withdrawnReason],
    withdrawn_by: p.withdrawnBy,
    changed_at: p.changedAt.toISOString(),
  };
}

/** The CSV columns, in order: the JSON keys (lists joined with `;`). */
export const FEED_CSV_COLUMNS = Object.keys(FeedRecord.shape) as (keyof FeedRecord)[];

const cell = (v: FeedRecord[keyof FeedRecord]): string | number | null => (Array.isArray(v) ? v.join(';') : v);

/** The feed as UTF-8 CSV with a byte-order mark (spreadsheets read it as UTF-8), cells neutralised against formulas. */
export function feedCsv(records: readonly FeedRecord[]): string {
  return '\uFEFF' + csvLine(FEED_CSV_COLUMNS) + records.map((r) => csvLine(FEED_CSV_COLUMNS.map((k) => cell(r[k])))).join('');
}
