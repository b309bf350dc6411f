/**
 * Checks a .docx template before it is stored: docxtemplater compiles it (a malformed tag is refused,
 * named), every tag must be one of its kind's (domain/documents.ts allowedTags), and the tags of the
 * elements the law requires of that document must all be there. Messages are Chinese and name the tag.
 */
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { z } from 'zod';
import { allowedTags, DOCUMENT_DATA, DOCUMENT_KIND_LABELS, REQUIRED_TAGS, type DocumentKind } from '../domain/documents';
import { DomainError } from '../domain/errors';

/** The options every template is compiled and rendered with. */
export const TEMPLATE_OPTIONS = { paragraphLoop: true, linebreaks: true, errorLogging: false } as const;

/** The field errors of a refused template are about the uploaded file. */
const FILE_FIELD = 'file';

export class TemplateRefusedError extends DomainError {
  constructor(messages: string[]) {
    super(
      'TemplateRefused',
      `the template was refused: ${messages.length} problem(s)`,
      messages.map((message) => ({ path: FILE_FIELD, message })),
    );
  }
}

interface Part {
  type: string;
  value?: string;
  module?: string;
  subparsed?: Part[];
}

interface TemplateError {
  properties?: { id?: string; xtag?: string; context?: string; errors?: TemplateError[] };
}

function describeTemplateError(e: TemplateError): string {
  const p = e.properties ?? {};
  const tag = p.xtag || p.context || '';
  switch (p.id) {
    case 'unclosed_tag':
      return `「模板文件」中的标签「{${tag}」没有结束的“}”`;
    case 'unopened_tag':
      return `「模板文件」中的标签「${tag}}」没有开始的“{”`;
    case 'duplicate_open_tag':
      return `「模板文件」中的标签「${tag}」有重复的“{”`;
    case 'duplicate_close_tag':
      return `「模板文件」中的标签「${p.context ?? tag}」有重复的“}”`;
    case 'unclosed_loop':
      return `「模板文件」中的段落标签「{#${tag}}」没有对应的结束标签「{/${tag}}」`;
    case 'unopened_loop':
      return `「模板文件」中的结束标签「{/${tag}}」没有对应的开始标签「{#${tag}}」`;
    case 'closing_tag_does_not_match_opening_tag':
      return `「模板文件」中的结束标签与开始标签不一致（${tag}）`;
    default:
      return `「模板文件」中的标签「${tag}」格式不正确（${p.id ?? '未知错误'}）`;
  }
}

/** Compiles the template; a file that is not a .docx or has malformed tags is refused. */
export function compileTemplate(content: Buffer): Docxtemplater {
  let zip: PizZip;
  try {
    zip = new PizZip(content);
  } catch {
    throw new TemplateRefusedError(['「模板文件」不是有效的 Word（.docx）文件']);
  }
  if (!zip.file('word/document.xml')) throw new TemplateRefusedError(['「模板文件」不是有效的 Word（.docx）文件：缺少正文（word/document.xml）']);
  try {
    return new Docxtemplater(zip, TEMPLATE_OPTIONS);
  } catch (err) {
    const e = err as TemplateError;
    const errors = e.properties?.errors ?? [e];
    throw new TemplateRefusedError(errors.map(describeTemplateError));
  }
}

/** The placeholders of every templated part of the document (body, headers, footers). */
function partsOf(doc: Docxtemplater): Part[] {
  const compiled = (doc as unknown as { compiled: Record<string, { postparsed: Part[] }> }).compiled;
  return Object.values(compiled).flatMap((c) => c.postparsed);
}

/** The Chinese name of a kind's field, for "missing element" messages. */
function fieldTitle(kind: DocumentKind, name: string): string {
  let s = (DOCUMENT_DATA[kind].shape as Record<string, z.ZodType>)[name];
  while (s) {
    const title = z.globalRegistry.get(s)?.title;
    if (typeof title === 'string') return title;
    const inner = (s as unknown as { unwrap?: () => z.ZodType }).unwrap;
    s = typeof inner === 'function' ? inner.call(s) : (undefined as unknown as z.ZodType);
  }
  return name;
}

/** Refuses a template whose tags do not fit its kind; returns the tags it uses. */
export function checkTemplate(kind: DocumentKind, content: Buffer): string[] {
  const doc = compileTemplate(content);
  const { fields, lists, flags } = allowedTags(kind);
  const label = DOCUMENT_KIND_LABELS[kind];
  const problems: string[] = [];
  const used = new Set<string>();
  const visit = (parts: Part[], inList: string | undefined): void => {
    for (const part of parts) {
      if (part.type !== 'placeholder' || part.value === undefined) continue;
      const name = part.value.trim();
      if (part.module === 'loop') {
        used.add(name);
        if (inList !== undefined) problems.push(`「模板文件」中的段落标签「{#${name}}」不能放在「{#${inList}}」之内`);
        else if (lists[name]) visit(part.subparsed ?? [], name);
        else if (flags.includes(name)) visit(part.subparsed ?? [], undefined);
        else
          problems.push(
            `「模板文件」中的段落标签「{#${name}}」不是「${label}」可用的列表或条件：可用的有 ${[...Object.keys(lists), ...flags].map((t) => `{#${t}}`).join('、')}`,
          );
        continue;
      }
      if (part.module !== undefined) {
        problems.push(`「模板文件」中的标签「${part.value}」不受支持：只能使用 {字段}、{#列表}…{/列表}`);
        continue;
      }
      if (inList !== undefined) {
        if (!lists[inList].includes(name))
          problems.push(`「模板文件」中「{#${inList}}」之内的标签「{${name}}」不可用：可用的有 ${lists[inList].map((t) => `{${t}}`).join('、')}`);
        continue;
      }
      used.add(name);
      if (!fields.includes(name))
        problems.push(`「模板文件」中的标签「{${name}}」不是「${label}」可用的标签：可用的有 ${fields.map((t) => `{${t}}`).join('、')}`);
    }
  };
  visit(partsOf(doc), undefined);
  for (const required of REQUIRED_TAGS[kind]) {
    if (!used.has(required)) {
      const tag = lists[required] || flags.includes(required) ? `{#${required}}…{/${required}}` : `{${required}}`;
      problems.push(`「模板文件」缺少「${label}」必备的内容「${fieldTitle(kind, required)}」（标签 ${tag}）`);
    }
  }
  if (problems.length > 0) throw new TemplateRefusedError(problems);
  return [...used];
}
