/**
 * Transfers (issue 20 item 6): a case's transfer as both sides see it, the outside authorities the
 * province keeps, and a referral's letter (移送函), service and answer. The decision itself stays the
 * decision route's (a TRANSFERRED outcome with `transferTo`); the receiving city's case is opened by
 * the deciding case's workflow.
 */
import { z } from 'zod';
import { shanghaiDate } from '../../domain/calendar';
import { generatedDocument } from '../../documents/renderDocument';
import { ReferralAnswerInput, ReferralServiceInput, AuthorityCode } from '../../domain/transfer';
import { nameText } from '../../domain/text';
import { CaseTransfers, caseTransfers } from '../../readModel/caseTransfer';
import { listOutsideAuthorities, OutsideAuthority, recordReferralAnswer, recordReferralService, saveOutsideAuthority } from '../../services/referrals';
import type { Principal } from '../auth/principal';
import { COORDINATOR, OFFICER, READ_ALL } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import { generateReferralLetter } from '../referralLetter';
import type { RouteContext, ZodApp } from './context';
import { CaseParams } from './schemas';

const tags = { transfers: ['transfers and referrals'] };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FileBody = z.custom<Buffer>((v) => Buffer.isBuffer(v), 'a file').meta({ type: 'string', format: 'binary' });
const seesPersons = (p: Principal) => p.role === 'city_officer' || p.role === 'province_coordinator';
const caseScope = { kind: 'case', param: 'caseId' } as const;
const none = { kind: 'none' } as const;
const today = () => shanghaiDate(new Date());

const LetterRequest = z.object({ contact: nameText({ max: 200 }).meta({ title: '联系人及电话' }).optional() });
const LetterAnswer = z.object({ documentId: z.string(), number: z.string() });

export function registerTransferRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;

  app.get(
    '/cases/:caseId/transfer',
    {
      config: { action: 'case.transfer_read', access: { roles: READ_ALL, city: caseScope } },
      schema: {
        summary:
          "A case's transfer both ways: the case it opened at a receiving city (with that case's progress) or its referral to an outside authority (letter, service, answer), and the transfer that opened it",
        tags: tags.transfers,
        params: CaseParams,
        response: { 200: CaseTransfers, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => caseTransfers(pool, req.params.caseId, seesPersons(req.principal!)),
  );

  app.get(
    '/outside-authorities',
    {
      config: { action: 'outside_authority.list', access: { roles: READ_ALL, city: none } },
      schema: {
        summary: 'The outside authorities a case may be referred to (人社, 公安, 市场监管, another province...): the province keeps the list',
        tags: tags.transfers,
        response: { 200: z.object({ items: z.array(OutsideAuthority) }), ...problemResponses(401, 403) },
      },
    },
    async () => ({ items: await listOutsideAuthorities(pool) }),
  );

  app.put(
    '/outside-authorities/:code',
    {
      config: { action: 'outside_authority.save', access: { roles: COORDINATOR, city: none }, audit: true },
      schema: {
        summary: 'Add an outside authority or change one (its name, whether it is offered); referrals already made keep their name',
        tags: tags.transfers,
        params: z.object({ code: AuthorityCode.meta({ title: '部门代码' }) }),
        body: z.object({
          name: nameText({ max: 200 }).meta({ title: '部门名称' }),
          active: z.boolean().default(true).meta({ title: '是否可选' }),
        }),
        response: { 200: OutsideAuthority, ...problemResponses(400, 401, 403) },
      },
    },
    async (req) => saveOutsideAuthority(pool, { code: req.params.code, ...req.body }, req.principal!.userId),
  );

  app.post(
    '/cases/:caseId/referral/letter',
    {
      config: { action: 'referral.letter', access: { roles: OFFICER, city: caseScope }, audit: true },
      schema: {
        summary:
          'Generate the referral letter (移送函, .docx) of a case referred to an outside authority: numbered per authority and year; a second call returns the same letter',
        tags: tags.transfers,
        params: CaseParams,
        body: LetterRequest,
        response: { 200: LetterAnswer, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req) => generateReferralLetter(pool, req.params.caseId, today(), req.body.contact),
  );

  app.get(
    '/cases/:caseId/referral/letter',
    {
      config: { action: 'referral.letter_download', access: { roles: READ_ALL, city: caseScope }, audit: true },
      schema: {
        summary: 'Download the referral letter (.docx) as generated',
        tags: tags.transfers,
        params: CaseParams,
        response: { 200: { description: 'The .docx file', content: { [DOCX]: { schema: FileBody } } }, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const t = await caseTransfers(pool, req.params.caseId, false);
      const letter = t.outgoing?.referral?.letter;
      const found = letter ? await generatedDocument(pool, letter.documentId) : undefined;
      if (!letter || !found) throw new Problem('not_found', `案件 ${req.params.caseId} 尚未生成移送函`);
      const name = `${letter.number ?? '移送函'}.docx`;
      return reply
        .type(DOCX)
        .header('content-disposition', `attachment; filename="referral-letter.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(found.content);
    },
  );

  app.post(
    '/cases/:caseId/referral/service',
    {
      config: { action: 'referral.service', access: { roles: OFFICER, city: caseScope }, audit: true },
      schema: {
        summary: "Record the referral letter's service (date and method), once",
        tags: tags.transfers,
        params: CaseParams,
        body: ReferralServiceInput,
        response: { 200: CaseTransfers, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await recordReferralService(pool, req.params.caseId, req.body, req.principal!.userId, today());
      return caseTransfers(pool, req.params.caseId, true);
    },
  );

  app.post(
    '/cases/:caseId/referral/answer',
    {
      config: { action: 'referral.answer', access: { roles: OFFICER, city: caseScope }, audit: true },
      schema: {
        summary: "Record the outside authority's answer (date and content), once, after the service",
        tags: tags.transfers,
        params: CaseParams,
        body: ReferralAnswerInput,
        response: { 200: CaseTransfers, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await recordReferralAnswer(pool, req.params.caseId, req.body, req.principal!.userId, today());
      return caseTransfers(pool, req.params.caseId, true);
    },
  );
}
