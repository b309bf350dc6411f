/**
 * Complaints as cases of their own (issue 20 items 1–2; docs/complaints.md).
 *
 * Public (no log-in, rate-limited per address as the public search): the cities' published hotlines
 * and mailboxes, a proof-of-work challenge, an online complaint (with size-limited attachments typed by
 * their content) answered with its number and a secret query code, and the status asked with both
 * (status and reply only). City officers: the city's complaints (status and due filters), one complaint
 * (the complainant's contact for the handling city's officers only), registering one received by phone,
 * letter or visit, the steps (accept or not, investigate, conclude, reply), the attachments, the unit
 * inquiry's work. The province coordinator: the published channels and the time limits.
 * Complaints are a city's, not a campaign's: the intake outlives the campaign.
 */
import { z } from 'zod';
import { attachmentTypeOf, ATTACHMENT_TYPES_TEXT } from '../../domain/attachmentContent';
import { CityCode } from '../../domain/cityCode';
import { JILIN_CITIES } from '../../domain/cities';
import { ComplaintChannel } from '../../domain/complaintChannel';
import { ComplaintNo, ComplaintStatus, ComplaintStep } from '../../domain/complaintCase';
import { maskIdNumber } from '../../domain/idNumber';
import { freeText, nameText, plainText } from '../../domain/text';
import { onField } from '../../domain/fieldMessages';
import { USCC_MESSAGE } from '../../domain/uscc';
import {
  complaintCaseDetail,
  ComplaintCaseDetail,
  ComplaintCaseSummary,
  complaintChannels,
  ComplaintChannelView,
  ComplaintListQuery,
  listComplaintCases,
  publicComplaintStatus,
  PublicComplaintStatus,
} from '../../readModel/complaintCases';
import { complaintForCode, workUnitInquiry, type ComplaintFile, type ComplaintSubject } from '../../services/complaintCases';
import { officerOf } from '../auth/principal';
import { OFFICER, READ_ALL } from '../authz/access';
import { complaintChallenges } from '../http/complaintChallenge';
import { idempotencyKeyOf } from '../http/idempotency';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { IdNumberInput } from './schemas';

const tags = { complaints: ['complaints'], public: ['public complaints'] };
const cityScope = { kind: 'param', param: 'cityCode' } as const;
const CityOnly = z.object({ cityCode: CityCode.meta({ title: '市（州）代码' }) });
const ComplaintParams = CityOnly.extend({ complaintNo: ComplaintNo.meta({ title: '投诉举报编号' }) });

/** The public form's files: at most 3, each at most this size (the officers' own limit is GZ_ATTACHMENT_LIMIT_MB). */
export const PUBLIC_ATTACHMENTS_MAX = 3;
export const PUBLIC_ATTACHMENT_LIMIT_MB = 5;

export const PUBLIC_COMPLAINT_ROUTE = '/public/complaints';
export const PUBLIC_COMPLAINT_STATUS_ROUTE = '/public/complaints/status';
export const PUBLIC_CHALLENGE_ROUTE = '/public/complaints/challenge';

const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { error: onField(USCC_MESSAGE) });

const Contact = z
  .object({
    name: nameText({ max: 60 }).optional().meta({ title: '投诉人姓名' }),
    phone: plainText({ max: 30, trim: true }).optional().meta({ title: '联系电话' }),
    email: plainText({ max: 120, trim: true }).optional().meta({ title: '电子邮箱' }),
    address: freeText({ max: 300 }).optional().meta({ title: '通讯地址' }),
  })
  .meta({ title: '投诉人联系方式' });

const Subject = {
  subjectKind: z.enum(['person', 'unit']).meta({ title: '被投诉举报对象' }),
  subjectIdNumber: IdNumberInput.optional().meta({ title: '被举报人身份证号' }),
  subjectUscc: Uscc.optional().meta({ title: '被举报单位统一社会信用代码' }),
  subjectUnitName: nameText({ max: 200 }).optional().meta({ title: '被举报单位名称' }),
  content: freeText({ min: 10, max: 10_000 }).meta({ title: '投诉举报内容' }),
};

type SubjectBody = {
  subjectKind: 'person' | 'unit';
  subjectIdNumber?: string | undefined;
  subjectUscc?: string | undefined;
  subjectUnitName?: string | undefined;
};
function subjectOf(b: SubjectBody): ComplaintSubject {
  if (b.subjectKind === 'person') {
    if (!b.subjectIdNumber) {
      throw new Problem('validation_failed', 'subjectIdNumber required', { errors: [{ path: 'body.subjectIdNumber', message: '请填写「被举报人身份证号」' }] });
    }
    return { kind: 'person', idNumber: b.subjectIdNumber };
  }
  if (!b.subjectUscc && !b.subjectUnitName) {
    const message = '请填写「被举报单位统一社会信用代码」或「被举报单位名称」';
    throw new Problem('validation_failed', 'subjectUscc or subjectUnitName required', { errors: [{ path: 'body.subjectUscc', message }] });
  }
  return { kind: 'unit', ...(b.subjectUscc ? { uscc: b.subjectUscc } : {}), ...(b.subjectUnitName ? { unitName: b.subjectUnitName } : {}) };
}

const Registered = z.object({
  complaintNo: z.string(),
  queryCode: z.string().describe('the complainant’s secret query code: shown once'),
  acceptDueAt: z.iso.datetime({ offset: true }),
});

const StateAnswer = z.object({
  complaintNo: z.string(),
  status: ComplaintStatus,
  acceptDueAt: z.string(),
  handleDueAt: z.string().optional(),
  reminders: z.number().int(),
  overdue: z.boolean(),
});

/** Decodes and checks the public form's files: size first (413), then the type the bytes show (415). */
function publicFiles(raw: { fileName: string; contentBase64: string }[] | undefined): ComplaintFile[] {
  const limit = PUBLIC_ATTACHMENT_LIMIT_MB * 1024 * 1024;
  return (raw ?? []).map((f, i) => {
    const bytes = Buffer.from(f.contentBase64, 'base64');
    if (bytes.length > limit) {
      throw new Problem('payload_too_large', `附件不得超过 ${PUBLIC_ATTACHMENT_LIMIT_MB} MB`, {
        errors: [{ path: `body.attachments.${i}`, message: `「附件」不得超过 ${PUBLIC_ATTACHMENT_LIMIT_MB} MB` }],
      });
    }
    if (bytes.length === 0 || !attachmentTypeOf(bytes)) {
      throw new Problem('unsupported_media_type', `附件类型不受支持：只接受${ATTACHMENT_TYPES_TEXT}（按文件内容判断）`, {
        errors: [{ path: `body.attachments.${i}`, message: `「附件」类型不受支持：只接受${ATTACHMENT_TYPES_TEXT}（按文件内容判断，不看文件名）` }],
      });
    }
    return { fileName: f.fileName, bytes };
  });
}

export function registerComplaintRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;
  const challenges = complaintChallenges(ctx.settings.GZ_JWT_SECRET);
  // base64 grows a file by a third; the rest of the form is small.
  const publicBodyLimit = Math.ceil(PUBLIC_ATTACHMENTS_MAX * PUBLIC_ATTACHMENT_LIMIT_MB * 1024 * 1024 * 1.4) + 64 * 1024;

  app.get(
    '/public/complaint-channels',
    {
      config: { action: 'public.complaint_channels', access: { public: true } },
      schema: {
        summary: "Each city's published complaint hotline and mailbox (no log-in)",
        tags: tags.public,
        response: { 200: z.object({ items: z.array(ComplaintChannelView) }), ...problemResponses(429) },
      },
    },
    async () => ({ items: await complaintChannels(pool) }),
  );

  app.get(
    PUBLIC_CHALLENGE_ROUTE,
    {
      config: { action: 'public.complaint_challenge', access: { public: true } },
      schema: {
        summary: 'A proof-of-work challenge (ALTCHA v2) for the online complaint form; expires after 10 minutes',
        tags: tags.public,
        response: { 200: z.looseObject({ parameters: z.record(z.string(), z.unknown()), signature: z.string().optional() }), ...problemResponses(429) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return (await challenges.create()) as unknown as { parameters: Record<string, unknown>; signature?: string };
    },
  );

  app.post(
    PUBLIC_COMPLAINT_ROUTE,
    {
      bodyLimit: publicBodyLimit,
      config: { action: 'public.complaint_submit', access: { public: true } },
      schema: {
        summary: 'Submit a complaint online (no log-in): a solved challenge, the city, whom it is about, what happened, optional contact and files',
        description: `At most ${PUBLIC_ATTACHMENTS_MAX} files of at most ${PUBLIC_ATTACHMENT_LIMIT_MB} MB each (413), typed by their content: ${ATTACHMENT_TYPES_TEXT} (415). The answer's query code is shown once.`,
        tags: tags.public,
        body: z.object({
          altcha: plainText({ min: 10, max: 8_000, trim: true }).meta({ title: '人机验证' }),
          cityCode: CityCode.meta({ title: '受理市（州）' }),
          ...Subject,
          contact: Contact.optional(),
          attachments: z
            .array(
              z.object({
                fileName: plainText({ min: 1, max: 200, trim: true }).meta({ title: '附件文件名' }),
                contentBase64: z
                  .string()
                  .max(Math.ceil(PUBLIC_ATTACHMENT_LIMIT_MB * 1024 * 1024 * 1.4))
                  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: onField('应为 base64 编码的文件内容') })
                  .meta({ title: '附件内容' }),
              }),
            )
            .max(PUBLIC_ATTACHMENTS_MAX, { error: onField(`最多${PUBLIC_ATTACHMENTS_MAX}个`) })
            .optional()
            .meta({ title: '附件' }),
        }),
        response: { 201: Registered, ...problemResponses(400, 403, 404, 413, 415, 422, 429) },
      },
    },
    async (req, reply) => {
      const signature = await challenges.verify(req.body.altcha);
      if (!signature) {
        throw new Problem('forbidden', '人机验证未通过或已过期，请重新验证后提交', {
          errors: [{ path: 'body.altcha', message: '「人机验证」未通过或已过期，请重新验证' }],
        });
      }
      if (!JILIN_CITIES.some((c) => c.code === req.body.cityCode)) {
        throw new Problem('validation_failed', 'unknown city', { errors: [{ path: 'body.cityCode', message: '「受理市（州）」不是吉林省的市（州）' }] });
      }
      const attachments = publicFiles(req.body.attachments);
      const r = await ctx.commands.registerComplaintCase({
        requestKey: `public:${signature}`,
        cityCode: req.body.cityCode,
        channel: 'web',
        source: 'public',
        subject: subjectOf(req.body),
        content: req.body.content,
        registeredBy: 'public',
        ...(req.body.contact ? { contact: req.body.contact } : {}),
        attachments,
      });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ complaintNo: r.complaintNo, queryCode: r.queryCode, acceptDueAt: r.acceptDueAt });
    },
  );

  app.post(
    PUBLIC_COMPLAINT_STATUS_ROUTE,
    {
      config: { action: 'public.complaint_status', access: { public: true } },
      schema: {
        summary: "The complainant asks for a complaint's status with its number and query code: the status and the reply, nothing about whom it concerns",
        tags: tags.public,
        body: z.object({
          complaintNo: ComplaintNo.meta({ title: '投诉举报编号' }),
          queryCode: plainText({ min: 6, max: 40, trim: true }).meta({ title: '查询码' }),
        }),
        response: { 200: PublicComplaintStatus, ...problemResponses(400, 404, 429) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      // One answer whether the number is unknown or the code wrong.
      const found = (await complaintForCode(pool, req.body.complaintNo, req.body.queryCode)) && (await publicComplaintStatus(pool, req.body.complaintNo));
      if (!found) throw new Problem('not_found', '编号或查询码不正确');
      return found;
    },
  );

  app.get(
    '/cities/:cityCode/complaint-cases',
    {
      config: { action: 'complaint_case.list', access: { roles: READ_ALL, city: cityScope }, audit: true },
      schema: {
        summary: "A city's complaints as cases: status, the time limit that runs, overdue",
        tags: tags.complaints,
        params: CityOnly,
        querystring: ComplaintListQuery,
        response: { 200: z.object({ items: z.array(ComplaintCaseSummary), total: z.number().int() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => listComplaintCases(pool, req.params.cityCode, req.query),
  );

  app.post(
    '/cities/:cityCode/complaint-cases',
    {
      config: { action: 'complaint_case.register', access: { roles: OFFICER, city: cityScope }, audit: true },
      schema: {
        summary: 'Register a complaint received by phone, mailbox, letter, visit or referral; it gets its number and its own workflow',
        tags: tags.complaints,
        params: CityOnly,
        body: z.object({
          channel: ComplaintChannel.meta({ title: '投诉举报渠道' }),
          receivedAt: z.iso.datetime({ offset: true }).optional().meta({ title: '收到时间' }),
          ...Subject,
          contact: Contact.optional(),
        }),
        response: { 201: Registered, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const key = idempotencyKeyOf(req, false);
      const subject = subjectOf(req.body);
      req.auditDetail = {
        channel: req.body.channel,
        subjectKind: req.body.subjectKind,
        ...(subject.kind === 'person' ? { person: maskIdNumber(subject.idNumber) } : {}),
      };
      const officer = officerOf(req.principal!);
      const r = await ctx.commands.registerComplaintCase({
        requestKey: key ? `officer:${officer.userId}:${key}` : `officer:${officer.userId}:${crypto.randomUUID()}`,
        cityCode: req.params.cityCode,
        channel: req.body.channel,
        source: 'officer',
        subject,
        content: req.body.content,
        ...(req.body.receivedAt ? { receivedAt: req.body.receivedAt } : {}),
        registeredBy: officer.userId,
        ...(req.body.contact ? { contact: req.body.contact } : {}),
      });
      req.auditTarget = `complaint=${r.complaintNo}`;
      return reply.code(201).send({ complaintNo: r.complaintNo, queryCode: r.queryCode, acceptDueAt: r.acceptDueAt });
    },
  );

  app.get(
    '/cities/:cityCode/complaint-cases/:complaintNo',
    {
      config: { action: 'complaint_case.read', access: { roles: READ_ALL, city: cityScope }, audit: true },
      schema: {
        summary: 'One complaint: its steps, time limits, result and reply, attachments, unit inquiry; the contact for the handling city’s officers only',
        tags: tags.complaints,
        params: ComplaintParams,
        response: { 200: ComplaintCaseDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = req.principal!;
      const handling = p.role === 'city_officer' && p.cityCode === req.params.cityCode;
      const found = await complaintCaseDetail(pool, req.params.cityCode, req.params.complaintNo, {
        persons: handling || p.role === 'province_coordinator',
        contact: handling,
      });
      if (!found) throw new Problem('not_found', `本市（州）没有编号为 ${req.params.complaintNo} 的投诉举报`);
      return found;
    },
  );

  app.post(
    '/cities/:cityCode/complaint-cases/:complaintNo/steps',
    {
      config: { action: 'complaint_case.step', access: { roles: OFFICER, city: cityScope }, audit: true },
      schema: {
        summary:
          'A step on the complaint: accept (optionally reopening the person’s closed case with the new facts as reason), not accept (reason), investigate, conclude (result), reply (the reply sent)',
        tags: tags.complaints,
        params: ComplaintParams,
        body: z.object({
          step: ComplaintStep.meta({ title: '办理步骤' }),
          reason: freeText({ max: 2_000 }).optional().meta({ title: '不予受理理由' }),
          reopenReason: freeText({ max: 2_000 }).optional().meta({ title: '重新办理理由' }),
          result: freeText({ max: 10_000 }).optional().meta({ title: '办理结果' }),
          reply: freeText({ max: 10_000 }).optional().meta({ title: '答复内容' }),
        }),
        response: { 200: StateAnswer, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const { step, ...texts } = req.body;
      req.auditDetail = { step };
      req.auditTarget = `complaint=${req.params.complaintNo}`;
      const key = idempotencyKeyOf(req, false);
      return ctx.commands.complaintStep({
        complaintNo: req.params.complaintNo,
        cityCode: req.params.cityCode,
        step,
        texts,
        officer: officerOf(req.principal!),
        ...(key ? { requestId: key } : {}),
      });
    },
  );

  app.put(
    '/cities/:cityCode/unit-inquiries/:inquiryId',
    {
      config: { action: 'unit_inquiry.work', access: { roles: OFFICER, city: cityScope }, audit: true },
      schema: {
        summary: 'Work a unit inquiry opened by a complaint: its owner, findings, and the result that closes it',
        tags: tags.complaints,
        params: CityOnly.extend({ inquiryId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ title: '单位核查编号' }) }),
        body: z.object({
          owner: plainText({ min: 2, max: 63, trim: true }).optional().meta({ title: '承办人' }),
          findings: freeText({ max: 10_000 }).optional().meta({ title: '核查发现' }),
          result: freeText({ max: 4_000 }).optional().meta({ title: '核查结果' }),
        }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await workUnitInquiry(pool, { cityCode: req.params.cityCode, inquiryId: req.params.inquiryId, ...req.body, by: req.principal!.userId });
      return reply.code(204).send(null);
    },
  );
}
