/**
 * Penalty procedures (issue 19), commands: one route per command of the procedure workflow
 * (workflows/messages/penaltyProcedure.ts), POST /cases/{caseId}/procedures/{level}/<command>,
 * each with an Idempotency-Key (the update id: a retry is answered once). The officer is the
 * caller; free text is stored as officer_text first (the command port); attachments are named by
 * the ids their upload answered, and must be this procedure's. A city officer acts on their city's
 * procedure, the province coordinator on the province's; the approvals (拟处理意见, 决定) and an
 * extension of the time limit are the responsible person's (负责人). The answer is the procedure's
 * state after the command; GET /cases/{caseId}/procedures/{level} reads it in full.
 */
import { z } from 'zod';
import { procedureIdOf } from '../../domain/penaltyProcedure';
import { freeText } from '../../domain/text';
import {
  ApproveArgs,
  ExtendTimeLimitArgs,
  ProcedureState,
  RecheckBasisArgs,
  RecordHearingArgs,
  RecordMinistryAnswerArgs,
  RecordRedressArgs,
  RecordRedressResultArgs,
  RecordServiceArgs,
  RecordStatementArgs,
  RequestHearingArgs,
  ReviewStatementArgs,
  ReviseDecisionArgs,
  ScheduleHearingArgs,
  SubmitProposalArgs,
  WaiveRightsArgs,
} from '../../workflows/messages/penaltyProcedure';
import { officerOf } from '../auth/principal';
import { OFFICER_OR_COORDINATOR } from '../authz/access';
import type { ProcedureCommandName } from '../commands/procedureCommands';
import { commandIdOf, idempotencyKeyOf, runIdempotent } from '../http/idempotency';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { assertActsAtLevel } from './procedureLevel';
import { ProcedureParams, procedureTags } from './procedureRoutes';
import { plainText } from '../../domain/text';

/** An officer's free text as the API takes it (no ID numbers: name the person by the case number). */
const text = (title: string) => freeText({ max: 5000 }).min(1).meta({ title });
const optionalText = (title: string) => text(title).optional();

export const BODIES = {
  submitProposal: SubmitProposalArgs.omit({ officer: true }).extend({ facts: text('违法事实'), evidence: text('证据') }),
  approveProposal: ApproveArgs.omit({ officer: true }).extend({ comments: optionalText('审批意见') }),
  recordService: RecordServiceArgs.omit({ officer: true }).extend({ receiver: text('受送达人') }),
  recordStatement: RecordStatementArgs.omit({ officer: true }).extend({ statement: text('陈述申辩内容') }),
  requestHearing: RequestHearingArgs.omit({ officer: true }),
  waiveRights: WaiveRightsArgs.omit({ officer: true }).extend({ note: optionalText('备注') }),
  scheduleHearing: ScheduleHearingArgs.omit({ officer: true }).extend({ place: text('听证地点'), presidingOfficer: text('听证主持人') }),
  recordHearing: RecordHearingArgs.omit({ officer: true }).extend({ record: text('听证笔录'), participants: text('参加人员') }),
  reviewStatement: ReviewStatementArgs.omit({ officer: true }).extend({ reasons: text('复核理由') }),
  approveDecision: ApproveArgs.omit({ officer: true }).extend({ comments: optionalText('审批意见') }),
  reviseDecision: ReviseDecisionArgs.omit({ officer: true }).extend({ reasons: text('修改理由') }),
  recordMinistryAnswer: RecordMinistryAnswerArgs.omit({ officer: true }),
  recordRedress: RecordRedressArgs.omit({ officer: true }).extend({ note: optionalText('备注') }),
  recordRedressResult: RecordRedressResultArgs.omit({ officer: true }).extend({ note: optionalText('备注') }),
  extendTimeLimit: ExtendTimeLimitArgs.omit({ officer: true }).extend({ reason: text('延长理由') }),
  recheckBasis: RecheckBasisArgs.omit({ officer: true }),
} satisfies Record<ProcedureCommandName, z.ZodType>;

interface CommandRoute {
  path: string;
  action: string;
  summary: string;
  /** The responsible person's (负责人) alone. */
  responsible?: true;
}

export const COMMANDS: Record<ProcedureCommandName, CommandRoute> = {
  submitProposal: {
    path: 'proposal',
    action: 'procedure.propose',
    summary: '拟处理意见: the measures from the legal basis of this level (a fine within its cap), facts and evidence',
  },
  approveProposal: {
    path: 'proposal/approval',
    action: 'procedure.approve_proposal',
    summary: 'The responsible person approves the proposal (the notice is numbered and generated) or sends it back',
    responsible: true,
  },
  recordService: {
    path: 'services',
    action: 'procedure.record_service',
    summary: '送达: a document served (method, date, receiver, proof); its clocks start on that date',
  },
  recordStatement: { path: 'statements', action: 'procedure.record_statement', summary: '陈述、申辩 received (text, attachments)' },
  requestHearing: {
    path: 'hearing-request',
    action: 'procedure.request_hearing',
    summary: '听证 requested by the party (within 5 working days of the notice’s service)',
  },
  waiveRights: { path: 'waiver', action: 'procedure.waive_rights', summary: 'The party waives statement and hearing: the window ends early' },
  scheduleHearing: {
    path: 'hearing',
    action: 'procedure.schedule_hearing',
    summary: '听证 scheduled (at least 7 working days after its notice is served); 听证通知书 generated',
  },
  recordHearing: { path: 'hearing/record', action: 'procedure.record_hearing', summary: '听证 held: record, participants, attachments' },
  reviewStatement: {
    path: 'review',
    action: 'procedure.review',
    summary: '复核: the statement or hearing adopted or not, with reasons; the measures may only be kept, lowered or dropped (art. 45)',
  },
  approveDecision: {
    path: 'decision/approval',
    action: 'procedure.approve_decision',
    summary: 'The responsible person approves the decision (决定书 numbered and generated) or sends it back',
    responsible: true,
  },
  reviseDecision: {
    path: 'decision/revision',
    action: 'procedure.revise_decision',
    summary:
      'The decision sent back by the responsible person, revised: measures from the basis never heavier than those notified (art. 45), or no penalty (art. 57), with the reasons; it returns for approval',
  },
  recordMinistryAnswer: {
    path: 'ministry-answer',
    action: 'procedure.ministry_answer',
    summary: "The ministry's answer to the province's 处理建议 (一级 categories): revoked or not, its date and document number",
  },
  recordRedress: { path: 'redress', action: 'procedure.record_redress', summary: '行政复议 or 行政诉讼 filed against the decision' },
  recordRedressResult: {
    path: 'redress/result',
    action: 'procedure.redress_result',
    summary: 'The result of a 行政复议 or 行政诉讼: upheld, revoked (measures withdrawn) or changed (measures changed); the trail stays',
  },
  extendTimeLimit: {
    path: 'time-limit',
    action: 'procedure.extend_time_limit',
    summary: "The responsible person extends art. 60's time limit, with the reason",
    responsible: true,
  },
  recheckBasis: {
    path: 'basis-recheck',
    action: 'procedure.recheck_basis',
    summary: 'Look for a published legal basis now (after the province published one)',
  },
};

export const idempotencyHeader = z.object({
  'idempotency-key': plainText({ min: 8, max: 128 }).describe('update id: the same key twice applies the command once'),
});

/** The attachment ids a command names: each must be one of this procedure's uploads. */
function attachmentIdsOf(body: Record<string, unknown>): { path: string; id: string }[] {
  const ids: { path: string; id: string }[] = [];
  if (Array.isArray(body.attachmentIds)) body.attachmentIds.forEach((id, i) => ids.push({ path: `body.attachmentIds.${i}`, id: String(id) }));
  if (typeof body.proofAttachmentId === 'string') ids.push({ path: 'body.proofAttachmentId', id: body.proofAttachmentId });
  return ids;
}

export function registerProcedureCommandRoutes(app: ZodApp, ctx: RouteContext): void {
  const { pool } = ctx;
  for (const name of Object.keys(COMMANDS) as ProcedureCommandName[]) {
    const route = COMMANDS[name];
    app.post(
      `/cases/:caseId/procedures/:level/${route.path}`,
      {
        config: {
          action: route.action,
          access: { roles: OFFICER_OR_COORDINATOR, city: { kind: 'case', param: 'caseId' }, ...(route.responsible ? { responsible: true as const } : {}) },
          audit: true,
        },
        schema: {
          summary: route.summary,
          tags: procedureTags,
          params: ProcedureParams,
          headers: idempotencyHeader.partial(),
          body: BODIES[name],
          response: { 200: ProcedureState, ...problemResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const { caseId, level } = req.params;
        assertActsAtLevel(req.principal!, level);
        const key = idempotencyKeyOf(req, true)!;
        const body = req.body as Record<string, unknown>;
        const named = attachmentIdsOf(body);
        if (named.length > 0) {
          const { rows } = await pool.query<{ id: string }>(
            `SELECT id::text AS id FROM attachment WHERE owner_kind = 'procedure' AND owner_id = $1 AND id = ANY($2::uuid[])`,
            [procedureIdOf(caseId, level), named.map((n) => n.id)],
          );
          const known = new Set(rows.map((r) => r.id));
          const unknown = named.filter((n) => !known.has(n.id));
          if (unknown.length > 0) {
            throw new Problem('validation_failed', 'an attachment named is not one of this procedure’s uploads', {
              errors: unknown.map((n) => ({ path: n.path, message: '「附件」不是本处罚程序上传的文件，请先上传' })),
            });
          }
        }
        req.auditTarget = `procedure=${procedureIdOf(caseId, level)}`;
        req.auditDetail = { command: name, idempotencyKey: key };
        const res = await runIdempotent(pool, req, key, async () => ({
          status: 200,
          body: await ctx.commands.procedureCommand({
            name,
            caseId,
            level,
            requestId: commandIdOf(req, key),
            args: body as never,
            officer: officerOf(req.principal!),
          }),
        }));
        if (res.replayed) reply.header('idempotent-replay', 'true');
        return reply.code(200).send(ProcedureState.parse(res.body));
      },
    );
  }
}
