/**
 * The procedure up to the hearing: the proposal (拟处理意见) and its approval, the notice
 * (事先告知书) and its service, the statement window (陈述、申辩), the hearing request (art. 64:
 * 5 working days), the waiver, and the hearing (its notice served at least 7 working days before,
 * art. 64 (二) and art. 85; held, recorded). Service records for every document are here too: the
 * decision's service is where the measures take effect (decisionSteps.ts takeEffect).
 */
import { refuse } from '../refuse';
import { checkMeasureChoices, earliestHearingDate, hearingRequestDeadline, measuresOfLevel, revokes, statementDeadline } from '../../domain/penaltyProcedure';
import {
  ApproveArgs,
  approveProposalUpdate,
  RecordHearingArgs,
  recordHearingUpdate,
  RecordServiceArgs,
  recordServiceUpdate,
  RecordStatementArgs,
  recordStatementUpdate,
  RequestHearingArgs,
  requestHearingUpdate,
  ScheduleHearingArgs,
  scheduleHearingUpdate,
  SubmitProposalArgs,
  submitProposalUpdate,
  WaiveRightsArgs,
  waiveRightsUpdate,
} from '../messages/penaltyProcedure';
import { onCommand, requireActor, requireAwaiting, requireDate, requireResponsible } from './commands';
import { checkedWorkingDay, requireTextRefs, textId, type ProcedureContext } from './context';
import { closeProcedure, takeEffect } from './decisionSteps';

export function registerNoticeSteps(ctx: ProcedureContext): void {
  const s = ctx.state;

  onCommand(
    ctx,
    submitProposalUpdate,
    SubmitProposalArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'submit_proposal', 'approve_proposal');
      requireTextRefs({ 违法事实: a.facts, 证据: a.evidence });
      if (a.violation && a.violation !== s.violation) refuse('「违法行为」与处罚依据不一致：请按案件认定的违法行为提出处理意见');
      const checked = checkMeasureChoices(measuresOfLevel(ctx.basis?.measures ?? [], ctx.input.level), a.measures);
      if (!checked.ok) refuse(checked.issues.map((i) => i.message).join('；'));
    },
    async (a, updateId) => {
      const checked = checkMeasureChoices(measuresOfLevel(ctx.basis?.measures ?? [], ctx.input.level), a.measures);
      if (!checked.ok) return;
      s.measures = checked.measures;
      s.awaiting = ['approve_proposal'];
      await ctx.record(updateId, {
        action: 'submitProposal',
        officer: a.officer,
        payload: { measures: a.measures },
        texts: { facts: textId(a.facts), evidence: textId(a.evidence) },
        measuresRevised: true,
      });
    },
  );

  onCommand(
    ctx,
    approveProposalUpdate,
    ApproveArgs,
    (a) => {
      requireResponsible(ctx, a.officer);
      requireAwaiting(ctx, 'approve_proposal');
      requireTextRefs({ 审批意见: a.comments });
    },
    async (a, updateId) => {
      const record = { action: 'approveProposal', officer: a.officer, payload: { approved: a.approved, comments: textId(a.comments) ?? null } };
      if (!a.approved) {
        s.awaiting = ['submit_proposal'];
        await ctx.record(updateId, record);
        return;
      }
      const kind = revokes(s.measures) ? 'revocation_notice' : 'penalty_notice';
      ctx.notified = s.measures.map((m) => ({ ...m }));
      s.step = 'notice';
      s.awaiting = ['serve_notice'];
      const [notice] = await ctx.issue(updateId, record, [
        { kind, key: ctx.key(`${kind}`) },
        { kind: 'service_receipt', key: ctx.key(`service_receipt/${kind}`) },
      ]);
      s.notice = { kind, documentId: notice.documentId, number: notice.number, servedOn: null };
      await ctx.record(`${updateId}/documents`, { action: 'noticeIssued' });
    },
  );

  onCommand(
    ctx,
    recordServiceUpdate,
    RecordServiceArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireTextRefs({ 受送达人: a.receiver });
      if (a.document === 'notice') requireAwaiting(ctx, 'serve_notice');
      if (a.document === 'hearing_notice') requireAwaiting(ctx, 'serve_hearing_notice');
      if (a.document === 'decision') requireAwaiting(ctx, 'serve_decision');
      requireDate(ctx, a.servedOn, '送达日期');
      if (a.document === 'hearing_notice' && s.hearing?.date && s.hearing.date < checkedWorkingDay(ctx, (cal) => earliestHearingDate(cal, a.servedOn))) {
        refuse(
          `听证通知书应当在举行听证的7个工作日前送达（《行政处罚法》第六十四条、第八十五条）：送达日期${a.servedOn}距听证日期${s.hearing.date}不足7个工作日，请重新安排听证日期`,
          'DeadlinePassed',
        );
      }
    },
    async (a, updateId) => {
      const service = {
        document: a.document,
        method: a.method,
        servedOn: a.servedOn,
        receiver: textId(a.receiver),
        proofAttachmentId: a.proofAttachmentId ?? null,
      };
      if (a.document === 'notice' && s.notice) {
        const served = a.servedOn;
        s.notice.servedOn = served;
        s.statementDeadline = await ctx.workingDeadline((cal) => statementDeadline(cal, served, ctx.settings));
        s.hearingRequestDeadline = s.hearingApplies ? await ctx.workingDeadline((cal) => hearingRequestDeadline(cal, served)) : null;
        s.step = 'statement';
        s.awaiting = ['await_statement'];
      } else if (a.document === 'hearing_notice' && s.hearing?.notice) {
        s.hearing.notice.servedOn = a.servedOn;
        s.awaiting = ['record_hearing'];
      } else if (a.document === 'decision' && s.decision?.kind === 'no_penalty_decision') {
        // 不予行政处罚决定书 served (patch no-penalty-decision): nothing takes effect, the procedure ends.
        s.decision.servedOn = a.servedOn;
        closeProcedure(ctx, 'no_penalty');
      } else if (a.document === 'decision' && s.decision) {
        s.decision.servedOn = a.servedOn;
        await takeEffect(ctx, a.servedOn);
      }
      await ctx.record(updateId, { action: 'recordService', officer: a.officer, payload: { service } });
    },
  );

  onCommand(
    ctx,
    recordStatementUpdate,
    RecordStatementArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'await_statement');
      requireTextRefs({ 陈述申辩内容: a.statement });
      requireDate(ctx, a.receivedOn, '收到日期', { date: s.notice?.servedOn ?? null, what: '告知书送达日期' });
      if (s.statementDeadline && a.receivedOn > s.statementDeadline) refuse(`陈述、申辩期限已于${s.statementDeadline}届满`, 'DeadlinePassed');
    },
    async (a, updateId) => {
      s.statements++;
      await ctx.record(updateId, {
        action: 'recordStatement',
        officer: a.officer,
        payload: { receivedOn: a.receivedOn, statement: textId(a.statement), attachmentIds: a.attachmentIds },
      });
    },
  );

  onCommand(
    ctx,
    requestHearingUpdate,
    RequestHearingArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'await_statement');
      if (!s.hearingApplies) refuse('本案处罚依据未规定听证权利，不能申请听证');
      requireDate(ctx, a.requestedOn, '申请听证日期', { date: s.notice?.servedOn ?? null, what: '告知书送达日期' });
      if (s.hearingRequestDeadline && a.requestedOn > s.hearingRequestDeadline) {
        refuse(`听证申请期限（告知书送达后5个工作日，《行政处罚法》第六十四条）已于${s.hearingRequestDeadline}届满`, 'DeadlinePassed');
      }
    },
    async (a, updateId) => {
      s.hearing = { requestedOn: a.requestedOn, date: null, time: null, earliestDate: null, notice: null, heldOn: null };
      s.step = 'hearing';
      s.awaiting = ['schedule_hearing'];
      await ctx.record(updateId, { action: 'requestHearing', officer: a.officer, payload: { requestedOn: a.requestedOn } });
    },
  );

  onCommand(
    ctx,
    waiveRightsUpdate,
    WaiveRightsArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'await_statement');
      requireTextRefs({ 备注: a.note });
      requireDate(ctx, a.waivedOn, '放弃日期', { date: s.notice?.servedOn ?? null, what: '告知书送达日期' });
    },
    async (a, updateId) => {
      s.rightsWaived = true;
      closeStatementWindow(ctx);
      await ctx.record(updateId, { action: 'waiveRights', officer: a.officer, payload: { waivedOn: a.waivedOn, note: textId(a.note) ?? null } });
    },
  );

  onCommand(
    ctx,
    scheduleHearingUpdate,
    ScheduleHearingArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'schedule_hearing', 'serve_hearing_notice');
      requireTextRefs({ 听证地点: a.place, 听证主持人: a.presidingOfficer });
      const earliest = checkedWorkingDay(ctx, (cal) => earliestHearingDate(cal, ctx.today()));
      if (a.hearingDate < earliest) refuse(`「听证日期」（${a.hearingDate}）应在听证通知书送达7个工作日之后，最早为${earliest}`, 'DeadlinePassed');
    },
    async (a, updateId) => {
      const hearing = s.hearing!;
      const n = hearingNotices(ctx) + 1;
      hearing.date = a.hearingDate;
      hearing.time = a.hearingTime;
      hearing.earliestDate = await ctx.workingDeadline((cal) => earliestHearingDate(cal, ctx.today()));
      s.awaiting = ['serve_hearing_notice'];
      const key = ctx.key(`hearing_notice/${n}`);
      const [doc] = await ctx.issue(
        updateId,
        {
          action: 'scheduleHearing',
          officer: a.officer,
          payload: { hearingDate: a.hearingDate, hearingTime: a.hearingTime },
          texts: { hearingPlace: textId(a.place), hearingPresiding: textId(a.presidingOfficer) },
        },
        [{ kind: 'hearing_notice', key }],
      );
      hearing.notice = { kind: 'hearing_notice', documentId: doc.documentId, number: doc.number, servedOn: null };
      noticesIssued.set(ctx, n);
      await ctx.record(`${updateId}/documents`, { action: 'hearingNoticeIssued' });
    },
  );

  onCommand(
    ctx,
    recordHearingUpdate,
    RecordHearingArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'record_hearing');
      requireTextRefs({ 听证笔录: a.record, 参加人员: a.participants });
      requireDate(ctx, a.heldOn, '听证举行日期', { date: s.hearing?.date ?? null, what: '听证日期' });
    },
    async (a, updateId) => {
      s.hearing!.heldOn = a.heldOn;
      s.step = 'review';
      s.awaiting = ['review_statement'];
      await ctx.record(updateId, {
        action: 'recordHearing',
        officer: a.officer,
        payload: { heldOn: a.heldOn, record: textId(a.record), participants: textId(a.participants), attachmentIds: a.attachmentIds },
      });
    },
  );
}

/** How many hearing notices this procedure issued (a rescheduled hearing takes a new one). */
const noticesIssued = new WeakMap<ProcedureContext, number>();
const hearingNotices = (ctx: ProcedureContext): number => noticesIssued.get(ctx) ?? 0;

/** The window ends (its last day passed, or the party waived): a review when the party spoke, else the decision. */
export function closeStatementWindow(ctx: ProcedureContext): void {
  const s = ctx.state;
  if (s.statements > 0) {
    s.step = 'review';
    s.awaiting = ['review_statement'];
  } else {
    s.step = 'decision';
    s.awaiting = ['approve_decision'];
  }
}
