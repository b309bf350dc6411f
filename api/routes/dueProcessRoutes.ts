/**
 * The foundations of penalties by due process (issue 19): legal bases as versioned data, the
 * working-day calendar's overrides, issuing authorities (document-number abbreviations) and the
 * document templates officials replace. Reading is open to every role; changing is the province
 * coordinator's, audited.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { IsoDate, shanghaiDate } from '../../domain/calendar';
import { CertCategory } from '../../domain/certCategories';
import { DOCUMENT_KIND_LABELS, DocumentKind } from '../../domain/documents';
import { LegalBasis, LegalBasisInput, Violation } from '../../domain/legalBasis';
import { nameText, plainText } from '../../domain/text';
import { WorkingDayOverridesInput } from '../../domain/workingDays';
import { IssuingAuthority, listIssuingAuthorities, updateIssuingAuthority } from '../../documents/documentNumbers';
import { listTemplateVersions, storeTemplate, TemplateMeta, templateVersion } from '../../documents/templateStore';
import { legalBasesInForce, legalBasisById } from '../../readModel/legalBases';
import { OverrideYear, packageCalendar, workingDayOverrides } from '../../readModel/workingCalendar';
import { publishLegalBasis } from '../../services/legalBases';
import { replaceWorkingDayOverrides } from '../../services/workingDayOverrides';
import { COORDINATOR, READ_ALL } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { receiveUpload } from './upload';

const none = { kind: 'none' } as const;
const tags = { bases: ['legal bases'], calendar: ['calendar'], documents: ['documents'] };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TEMPLATE_UPLOAD_TYPES = [DOCX, 'application/octet-stream', 'multipart/form-data'];
const TEMPLATE_LIMIT_BYTES = 5 * 1024 * 1024;

const KindParam = DocumentKind.meta({ title: '文书种类' });
const DocxFile = z.custom<Buffer>((v) => Buffer.isBuffer(v), 'a .docx file').meta({ type: 'string', format: 'binary' });

const CalendarAnswer = z.object({
  /** The years the chinese-days package knows (its public holidays and adjusted working days). */
  packageYears: z.array(z.number().int()),
  /** The province's overrides, by year; a year listed here is known even if the package is not. */
  years: z.array(OverrideYear),
});

async function calendarAnswer(ctx: RouteContext): Promise<z.infer<typeof CalendarAnswer>> {
  return { packageYears: packageCalendar().years, years: await workingDayOverrides(ctx.pool) };
}

export async function registerDueProcessRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  // ---- legal bases ----
  app.get(
    '/legal-bases',
    {
      config: { action: 'legal_basis.list', access: { roles: READ_ALL, city: none } },
      schema: {
        summary: 'The legal bases in force on a date (default today): per certificate category and violation, the version then in force',
        tags: tags.bases,
        querystring: z.object({
          asOf: IsoDate.meta({ title: '适用日期' }).optional(),
          certCategory: CertCategory.meta({ title: '注册类别' }).optional(),
          violation: Violation.meta({ title: '违法行为' }).optional(),
        }),
        response: { 200: z.object({ asOf: IsoDate, items: z.array(LegalBasis) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const asOf = req.query.asOf ?? shanghaiDate(new Date());
      return { asOf, items: await legalBasesInForce(ctx.pool, { asOf, certCategory: req.query.certCategory, violation: req.query.violation }) };
    },
  );

  app.get(
    '/legal-bases/:id',
    {
      config: { action: 'legal_basis.read', access: { roles: READ_ALL, city: none } },
      schema: {
        summary: 'One version of a legal basis, by the id a case records (superseded versions stay readable)',
        tags: tags.bases,
        params: z.object({ id: z.coerce.number().int().positive().meta({ title: '法律依据版本编号' }) }),
        response: { 200: LegalBasis, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const basis = await legalBasisById(ctx.pool, req.params.id);
      if (!basis) throw new Problem('not_found', `no legal basis version ${req.params.id}`);
      return basis;
    },
  );

  app.post(
    '/legal-bases',
    {
      config: { action: 'legal_basis.publish', access: { roles: COORDINATOR, city: none }, audit: true },
      schema: {
        summary: 'Publish a new version of a legal basis (a certificate category and violation); earlier versions are kept',
        description:
          'The new version applies from effectiveFrom; decisions already taken keep the version id they recorded. Each citation says whether its wording was verified against a published text.',
        tags: tags.bases,
        body: LegalBasisInput,
        response: { 201: LegalBasis, ...problemResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const basis = await publishLegalBasis(ctx.pool, req.body, req.principal!.userId);
      req.auditTarget = `legal_basis=${basis.id}`;
      req.auditDetail = { certCategory: basis.certCategory, violation: basis.violation, version: basis.version, verified: basis.verified };
      return reply.code(201).send(basis);
    },
  );

  // ---- the working-day calendar ----
  app.get(
    '/calendar/working-day-overrides',
    {
      config: { action: 'calendar.read', access: { roles: READ_ALL, city: none } },
      schema: {
        summary: "The years the working-day calendar knows from the chinese-days package, and the province's overrides",
        tags: tags.calendar,
        response: { 200: CalendarAnswer, ...problemResponses(401, 403) },
      },
    },
    async () => calendarAnswer(ctx),
  );

  app.put(
    '/calendar/working-day-overrides',
    {
      config: { action: 'calendar.override', access: { roles: COORDINATOR, city: none }, audit: true },
      schema: {
        summary: "Replace one year's overrides (public holidays, adjusted working days); the year becomes known to the calendar",
        description:
          'For a year the package covers, list only the days that differ from it (a late change). For a year it does not cover yet, list every public holiday (working=false) and every adjusted working day (working=true) of the State Council notice.',
        tags: tags.calendar,
        body: WorkingDayOverridesInput,
        response: { 200: CalendarAnswer, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => {
      await replaceWorkingDayOverrides(ctx.pool, req.body, req.principal!.userId);
      req.auditTarget = `year=${req.body.year}`;
      req.auditDetail = { days: req.body.days.length };
      return calendarAnswer(ctx);
    },
  );

  // ---- issuing authorities ----
  app.get(
    '/issuing-authorities',
    {
      config: { action: 'issuing_authority.list', access: { roles: READ_ALL, city: none } },
      schema: {
        summary: 'The authorities that issue documents, with the abbreviation their document numbers start with (长建罚告〔2026〕第0001号)',
        tags: tags.documents,
        response: { 200: z.object({ items: z.array(IssuingAuthority) }), ...problemResponses(401, 403) },
      },
    },
    async () => ({ items: await listIssuingAuthorities(ctx.pool) }),
  );

  app.put(
    '/issuing-authorities/:code',
    {
      config: { action: 'issuing_authority.update', access: { roles: COORDINATOR, city: none }, audit: true },
      schema: {
        summary: "Change an authority's name or abbreviation; numbers already taken keep their text",
        tags: tags.documents,
        params: z.object({ code: plainText({ max: 20 }).meta({ title: '机关代码' }) }),
        body: z.object({
          name: nameText({ max: 80 }).meta({ title: '机关名称' }),
          abbreviation: nameText({ max: 10 }).meta({ title: '文号机关代字' }),
        }),
        response: { 200: IssuingAuthority, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => updateIssuingAuthority(ctx.pool, req.params.code, req.body, req.principal!.userId),
  );

  // ---- document templates ----
  app.get(
    '/document-templates',
    {
      config: { action: 'document_template.list', access: { roles: READ_ALL, city: none } },
      schema: {
        summary: 'The template in use for each document kind',
        tags: tags.documents,
        response: { 200: z.object({ items: z.array(TemplateMeta.extend({ label: z.string() })) }), ...problemResponses(401, 403) },
      },
    },
    async () => {
      const items = [];
      for (const kind of DocumentKind.options) items.push({ ...(await listTemplateVersions(ctx.pool, kind))[0], label: DOCUMENT_KIND_LABELS[kind] });
      return { items };
    },
  );

  app.get(
    '/document-templates/:kind',
    {
      config: { action: 'document_template.versions', access: { roles: READ_ALL, city: none } },
      schema: {
        summary: "Every version of a kind's template, newest (the one in use) first",
        tags: tags.documents,
        params: z.object({ kind: KindParam }),
        response: { 200: z.object({ items: z.array(TemplateMeta) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listTemplateVersions(ctx.pool, req.params.kind) }),
  );

  app.get(
    '/document-templates/:kind/:version/download',
    {
      config: { action: 'document_template.download', access: { roles: READ_ALL, city: none } },
      schema: {
        summary: 'Download one version of a template (.docx)',
        tags: tags.documents,
        params: z.object({ kind: KindParam, version: z.coerce.number().int().positive() }),
        response: { 200: { description: 'The .docx file', content: { [DOCX]: { schema: DocxFile } } }, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const found = await templateVersion(ctx.pool, req.params.kind, req.params.version);
      if (!found) throw new Problem('not_found', `no version ${req.params.version} of the ${req.params.kind} template`);
      const name = `${DOCUMENT_KIND_LABELS[req.params.kind]}-第${found.meta.version}版.docx`;
      return reply
        .type(DOCX)
        .header('content-disposition', `attachment; filename="${req.params.kind}-v${found.meta.version}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(found.content);
    },
  );

  await app.register(async (scope: ZodApp) => {
    scope.addContentTypeParser(TEMPLATE_UPLOAD_TYPES, (_req, payload, done) => done(null, payload));
    scope.post(
      '/document-templates/:kind',
      {
        bodyLimit: TEMPLATE_LIMIT_BYTES,
        config: { action: 'document_template.upload', access: { roles: COORDINATOR, city: none }, audit: true },
        schema: {
          summary: "Replace a kind's template: the uploaded .docx becomes its next version and is used for the next document",
          description:
            'Send the .docx as the body (Content-Type ' +
            DOCX +
            ' or application/octet-stream) or as multipart/form-data with the file in field "file". It is compiled with docxtemplater: a malformed tag, a tag the kind does not have, or a missing element the law requires is refused (400) with a Chinese message naming the tag (docs/documents.md lists each kind\'s tags).',
          tags: tags.documents,
          params: z.object({ kind: KindParam }),
          querystring: z.object({ fileName: nameText({ max: 200 }).optional() }),
          consumes: TEMPLATE_UPLOAD_TYPES,
          response: { 201: TemplateMeta, ...problemResponses(400, 401, 403, 413, 415) },
        },
      },
      async (req, reply) => {
        const upload = await receiveUpload(req.body as Readable, String(req.headers['content-type'] ?? ''), {
          fileName: req.query.fileName ?? `${req.params.kind}.docx`,
          limitBytes: TEMPLATE_LIMIT_BYTES,
        });
        try {
          const stored = await storeTemplate(ctx.pool, {
            kind: req.params.kind,
            content: await readFile(upload.filePath),
            fileName: upload.fileName,
            uploadedBy: req.principal!.userId,
          });
          req.auditTarget = `template=${stored.kind}/${stored.version}`;
          req.auditDetail = { sha256: stored.sha256, bytes: stored.bytes };
          return reply.code(201).send(stored);
        } finally {
          await upload.discard();
        }
      },
    );
  });
}
