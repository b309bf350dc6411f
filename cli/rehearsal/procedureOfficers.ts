/**
 * The simulated officers of the penalty procedures (docs/procedure.md): on each day the rehearsal
 * gives them, every open procedure gets the action it awaits, as a city's or the province's officer
 * would take it — through services/penaltyProcedure.ts, never by writing tables. Each procedure has
 * a part to play, fixed by its place in the list: most parties stay silent, some make a statement
 * (reviewed, the fine lowered; one convinces the review: 不予行政处罚), some waive their rights, one
 * asks for a hearing; one decision is sent back by the responsible person and revised; one is
 * challenged by 行政复议 and revoked, one by 行政诉讼 and upheld; the ministry answers the
 * province's 处理建议 for the 一级 categories.
 */
import type { Pool } from 'pg';
import { DomainError } from '../../domain/errors';
import type { Officer } from '../../domain/officer';
import type { OfficerTextKind } from '../../domain/officerText';
import { earliestHearingDate, measuresOfLevel, type MeasureChoiceInput, type ProcedureLevel } from '../../domain/penaltyProcedure';
import type { ProcedureState } from '../../domain/procedureState';
import { legalBasisById } from '../../readModel/legalBases';
import { loadWorkingCalendar } from '../../readModel/workingCalendar';
import { postgresAttachmentStore } from '../../services/attachments/attachmentStore';
import { storeOfficerText } from '../../services/officerTexts';
import * as procedure from '../../services/penaltyProcedure';
import { inParallel } from './parallel';
import type { RehearsalStack } from './stack';

export type PartyPart = 'silent' | 'statement' | 'waive' | 'hearing';
export type RedressPart = 'none' | 'review_revoked' | 'lawsuit_upheld';
/** What the review decides (a statement's): the fine lowered, or no penalty at all (不予行政处罚决定书). */
export type ReviewPart = 'lowered' | 'no_penalty';
/** What the responsible person does with the decision first: approve it, or send it back once to be revised. */
export type ApprovalPart = 'approve' | 'send_back';

export interface ProcedureRow {
  caseId: string;
  cityCode: string;
  level: ProcedureLevel;
  party: PartyPart;
  redress: RedressPart;
  review: ReviewPart;
  approval: ApprovalPart;
  /** What the read model says the procedure awaits (the workflow's state decides). */
  awaiting: string[];
}

const officerOf = (p: ProcedureRow, responsible = false): Officer =>
  p.level === 'city'
    ? {
        userId: `rehearsal-${responsible ? 'head' : 'officer'}-${p.cityCode}`,
        role: 'city_officer',
        cityCode: p.cityCode,
        ...(responsible ? { responsible } : {}),
      }
    : { userId: responsible ? 'rehearsal-province-head' : 'rehearsal-coordinator', role: 'province_coordinator', ...(responsible ? { responsible } : {}) };

/** The procedures of the campaign still open, each with its part (read model; ordered, so parts are stable). */
export async function openProcedures(pool: Pool, campaignId: string): Promise<ProcedureRow[]> {
  const { rows } = await pool.query<{ case_id: string; city_code: string; level: ProcedureLevel; n: number; awaiting: string[] }>(
    `SELECT case_id, city_code, level, n, awaiting FROM (
       SELECT case_id, city_code::text, level, closed_on, awaiting, (row_number() OVER (PARTITION BY level ORDER BY case_id))::int n
         FROM penalty_procedure WHERE campaign_id = $1) p
      WHERE closed_on IS NULL ORDER BY level, case_id`,
    [campaignId],
  );
  return rows.map((r): ProcedureRow => {
    // The fourth city procedure's party convinces the review: no penalty. The fifth's decision is sent back once.
    const noPenalty = r.level === 'city' && r.n === 4;
    const party: PartyPart =
      r.level === 'province'
        ? r.n % 4 === 1
          ? 'statement'
          : 'waive'
        : r.n === 2
          ? 'hearing'
          : noPenalty
            ? 'statement'
            : (['silent', 'statement', 'waive', 'silent', 'silent'] as const)[r.n % 5];
    const redress: RedressPart = r.level === 'city' && r.n === 1 ? 'review_revoked' : r.level === 'city' && r.n === 3 ? 'lawsuit_upheld' : 'none';
    const review: ReviewPart = noPenalty ? 'no_penalty' : 'lowered';
    const approval: ApprovalPart = r.level === 'city' && r.n === 5 ? 'send_back' : 'approve';
    return { caseId: r.case_id, cityCode: r.city_code, level: r.level, party, redress, review, approval, awaiting: r.awaiting };
  });
}

/** The measures of this level from the basis the procedure found, a fine at half its cap. */
async function proposedMeasures(pool: Pool, s: ProcedureState): Promise<MeasureChoiceInput[]> {
  const basis = s.legalBasisId === null ? undefined : await legalBasisById(pool, s.legalBasisId);
  if (!basis) return [];
  return measuresOfLevel(basis.measures, s.level).map((m): MeasureChoiceInput => {
    if (m.kind === 'FINE') return { kind: 'FINE', amountYuan: Math.max(1, Math.floor(m.maxYuanWithoutGains / 2)) };
    return { kind: m.kind };
  });
}

/** Art. 45: after a statement the fine may only go down; here it is halved, the rest kept. */
function lowered(s: ProcedureState): MeasureChoiceInput[] {
  return s.measures
    .filter((m) => m.status === 'proposed' || m.status === 'decided')
    .map((m): MeasureChoiceInput => (m.kind === 'FINE' ? { kind: 'FINE', amountYuan: Math.max(1, Math.floor((m.amountYuan ?? 2) / 2)) } : { kind: m.kind }));
}

export interface ProcedureDay {
  /** The calendar date the officers act on (YYYY-MM-DD). */
  today: string;
  /** Days after a redress was filed when its result comes. */
  redressResultAfterDays: number;
}

type Step = () => Promise<ProcedureState>;

/** A step a procedure's workflow refused (its DomainError code): the rehearsal goes on, the summary lists it. */
export interface Refusal {
  caseId: string;
  level: ProcedureLevel;
  on: string;
  code: string;
  message: string;
}

/**
 * Every open procedure's due steps on this day, where its part calls for them; answers how many
 * steps were taken. A refused step leaves that procedure for the day and is added to `refusals`.
 */
export async function actOnProcedures(stack: RehearsalStack, campaignId: string, day: ProcedureDay, refusals: Refusal[]): Promise<number> {
  let steps = 0;
  // Waiting out the remedy periods with no redress to file, or for a basis to be published: nothing to do today.
  const idle = (p: ProcedureRow) => p.awaiting.every((a) => a === 'publish_basis' || (a === 'await_redress' && p.redress === 'none'));
  const open = (await openProcedures(stack.pool, campaignId)).filter((p) => !idle(p));
  await inParallel(open, 8, async (p) => {
    let s = await procedure.procedureState({ client: stack.client }, { caseId: p.caseId, level: p.level });
    // Within a day an officer takes every step that is due (an approval, then the notice's service ...).
    for (let taken = 0; taken < 8; taken++) {
      const step = nextStep(stack, p, s, day);
      if (!step) break;
      try {
        s = await step();
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        refusals.push({ caseId: p.caseId, level: p.level, on: day.today, code: err.code, message: err.message });
        break;
      }
      steps++;
    }
  });
  return steps;
}

/** The step the procedure's state and its part call for today, if any. */
function nextStep(stack: RehearsalStack, p: ProcedureRow, s: ProcedureState, day: ProcedureDay): Step | undefined {
  const deps = { client: stack.client };
  const at = { caseId: p.caseId, level: p.level };
  const rid = (what: string) => `rehearsal/${p.level}/${p.caseId}/${what}`;
  const officer = officerOf(p);
  const head = officerOf(p, true);
  const text = (kind: OfficerTextKind, t: string) => storeOfficerText(stack.pool, { kind, text: t, createdBy: officer.userId });
  // An uploaded file, as the console stores one (the party's written statement, a signed 送达回证): a
  // scan's PDF (the store accepts only what the bytes show to be PDF, an image or an Office file).
  const attach = async (fileName: string, content: string) =>
    (
      await procedure.storeProcedureAttachment(stack.pool, postgresAttachmentStore(stack.pool), {
        ...at,
        fileName,
        bytes: Buffer.from(`%PDF-1.4\n% ${content}\n%%EOF\n`, 'utf8'),
        uploadedBy: officer.userId,
      })
    ).attachmentId;
  const serve =
    (document: 'notice' | 'hearing_notice' | 'decision'): Step =>
    async () =>
      procedure.recordService(deps, {
        ...at,
        requestId: rid(`serve-${document}`),
        args: {
          officer,
          document,
          method: document === 'decision' ? 'post' : 'direct',
          servedOn: day.today,
          receiver: await text('procedure.receiver', '当事人本人'),
          ...(document === 'decision' ? { proofAttachmentId: await attach('送达回证（签收）.pdf', `邮寄送达签收记录 ${day.today}`) } : {}),
        },
      });
  for (const action of s.awaiting) {
    switch (action) {
      case 'submit_proposal':
        if (s.legalBasisId === null) continue;
        return async () =>
          procedure.submitProposal(deps, {
            ...at,
            requestId: rid('proposal'),
            args: {
              officer,
              measures: await proposedMeasures(stack.pool, s),
              facts: await text('procedure.facts', '当事人注册单位与社会保险缴纳单位不一致，实际在其他单位工作，存在注册单位与实际工作单位不符的挂证行为'),
              evidence: await text('procedure.evidence', '社会保险缴费记录；注册信息；核查笔录'),
            },
          });
      case 'approve_proposal':
        return () => procedure.approveProposal(deps, { ...at, requestId: rid('approve-proposal'), args: { officer: head, approved: true } });
      case 'serve_notice':
        return serve('notice');
      case 'await_statement':
        if (p.party === 'statement' && s.statements === 0) {
          return async () =>
            procedure.recordStatement(deps, {
              ...at,
              requestId: rid('statement'),
              args: {
                officer,
                receivedOn: day.today,
                statement: await text('procedure.statement', '当事人称已与注册单位补签劳动合同，请求从轻处罚'),
                attachmentIds: [await attach('陈述申辩书.pdf', '陈述申辩书：已与注册单位补签劳动合同，请求从轻处罚。')],
              },
            });
        }
        if (p.party === 'waive' && !s.rightsWaived)
          return () => procedure.waiveRights(deps, { ...at, requestId: rid('waive'), args: { officer, waivedOn: day.today } });
        if (p.party === 'hearing' && s.hearingRequestDeadline !== null && !s.hearing) {
          return async () => {
            await procedure.requestHearing(deps, { ...at, requestId: rid('hearing-request'), args: { officer, requestedOn: day.today } });
            // The hearing takes time: the responsible person extends the case's time limit by a month (art. 60).
            return procedure.extendTimeLimit(deps, {
              ...at,
              requestId: rid('extend-time-limit'),
              args: {
                officer: head,
                timeLimitOn: new Date(Date.parse(`${s.timeLimitOn}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10),
                reason: await text('procedure.extensionReason', '当事人申请听证，经负责人批准延长办案期限'),
              },
            });
          };
        }
        continue;
      case 'schedule_hearing':
        return async () =>
          procedure.scheduleHearing(deps, {
            ...at,
            requestId: rid('hearing-schedule'),
            args: {
              officer,
              // 7 working days after the hearing notice, which is served today.
              hearingDate: earliestHearingDate(await loadWorkingCalendar(stack.pool), day.today),
              hearingTime: '09:30',
              place: await text('procedure.hearingPlace', '市住房和城乡建设局第三会议室'),
              presidingOfficer: await text('procedure.presidingOfficer', '法制科负责人'),
            },
          });
      case 'serve_hearing_notice':
        return serve('hearing_notice');
      case 'record_hearing': {
        const date = s.hearing?.date;
        if (!date || date > day.today) continue;
        return async () =>
          procedure.recordHearing(deps, {
            ...at,
            requestId: rid('hearing-record'),
            args: {
              officer,
              heldOn: date,
              record: await text('procedure.hearingRecord', '听证笔录：当事人陈述、申辩，承办人出示证据，双方质证'),
              participants: await text('procedure.participants', '当事人及其委托代理人、案件承办人、听证主持人、记录员'),
            },
          });
      }
      case 'review_statement':
        return async () =>
          procedure.reviewStatement(deps, {
            ...at,
            requestId: rid('review'),
            args:
              p.review === 'no_penalty'
                ? {
                    officer,
                    adopted: true,
                    noPenalty: true,
                    reasons: await text('procedure.reviewReasons', '当事人提交了在注册单位实际工作的证据，违法事实不能成立，依法不予行政处罚'),
                  }
                : {
                    officer,
                    adopted: p.party !== 'hearing',
                    reasons: await text('procedure.reviewReasons', '当事人已补签劳动合同，部分采纳其陈述，依法从轻处罚'),
                    measures: lowered(s),
                  },
          });
      case 'approve_decision':
        return async () => {
          // Sent back once (the responsible person asks for a lighter fine), approved after the revision.
          const revised = await stack.pool.query('SELECT 1 FROM procedure_event WHERE procedure_id = $1 AND action = $2', [s.procedureId, 'reviseDecision']);
          const sendBack = p.approval === 'send_back' && revised.rowCount === 0;
          return procedure.approveDecision(deps, {
            ...at,
            requestId: rid(sendBack ? 'send-back-decision' : 'approve-decision'),
            args: { officer: head, approved: !sendBack },
          });
        };
      case 'revise_decision':
        return async () =>
          procedure.reviseDecision(deps, {
            ...at,
            requestId: rid('revise-decision'),
            args: { officer, measures: lowered(s), reasons: await text('procedure.revisionReasons', '按负责人审批意见，减轻罚款数额') },
          });
      case 'serve_decision':
        return serve('decision');
      case 'ministry_answer':
        return () =>
          procedure.recordMinistryAnswer(deps, {
            ...at,
            requestId: rid('ministry-answer'),
            args: { officer, revoked: true, answeredOn: day.today, ministryDocumentNumber: `建市罚〔${day.today.slice(0, 4)}〕${p.caseId.slice(-4)}号` },
          });
      case 'await_redress':
        if (p.redress === 'none' || s.redress) continue;
        return () =>
          procedure.recordRedress(deps, {
            ...at,
            requestId: rid('redress'),
            args: { officer, kind: p.redress === 'review_revoked' ? 'administrative_review' : 'lawsuit', filedOn: day.today },
          });
      case 'redress_result': {
        const filed = s.redress?.filedOn;
        if (!filed || daysBetween(filed, day.today) < day.redressResultAfterDays) continue;
        return () =>
          procedure.recordRedressResult(deps, {
            ...at,
            requestId: rid('redress-result'),
            args: { officer, result: p.redress === 'review_revoked' ? 'revoked' : 'upheld', decidedOn: day.today },
          });
      }
      default:
        continue;
    }
  }
  return undefined;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
