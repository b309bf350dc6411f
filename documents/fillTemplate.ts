/** Fills a .docx template with a kind's data: validated by its zod schema, dates written in Chinese (2026年3月2日). */
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { chineseDate, DOCUMENT_DATA, type DocumentKind } from '../domain/documents';
import { DomainError } from '../domain/errors';
import { fieldIssues, zhErrorMap } from '../domain/fieldMessages';
import { TEMPLATE_OPTIONS } from './templateCheck';

// deadline: the rectification order's 整改期限 (intermediary_order_notice).
const DATE_FIELDS = ['statementDeadline', 'hearingDeadline', 'issueDate', 'decisionDate', 'selfCheckDeadline', 'deadline'];

/** The data as the template sees it: parsed, dates as Chinese text, a missing value as empty text. */
export function templateValues(kind: DocumentKind, data: unknown): Record<string, unknown> {
  const r = DOCUMENT_DATA[kind].safeParse(data, { error: zhErrorMap });
  // Field messages name the field only, never its value (the data holds personal data).
  if (!r.success) throw new DomainError('InvalidActivityInput', `the ${kind} data does not fit its template`, fieldIssues(r.error));
  const parsed = r.data as Record<string, unknown>;
  const values: Record<string, unknown> = { ...parsed };
  for (const f of DATE_FIELDS) if (typeof values[f] === 'string') values[f] = chineseDate(values[f]);
  return values;
}

export function fillTemplate(template: Buffer, kind: DocumentKind, data: unknown): Buffer {
  const doc = new Docxtemplater(new PizZip(template), { ...TEMPLATE_OPTIONS, nullGetter: () => '' });
  doc.render(templateValues(kind, data));
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
