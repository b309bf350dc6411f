/**
 * What a penalty procedure's workflow answers (every update and the query) and what its activity
 * writes to the read model: ids, codes, dates and document numbers, never personal data. Part of
 * the contract of workflows/messages/penaltyProcedure.ts (re-exported there); in domain/ so the
 * activities can read it too.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';
import { CertCategory } from './certCategories';
import { DocumentKind } from './documents';
import { ProcedureViolation } from './legalBasis';
import { ProcedureAction, ProcedureLevel, ProcedureMeasure, ProcedureStep, RedressKind, RedressResult } from './penaltyProcedure';

export const ProcedureDocumentState = z.object({
  kind: DocumentKind,
  /** generated_document.id: the API downloads it by this id. */
  documentId: z.string(),
  number: z.string(),
  servedOn: IsoDate.nullable(),
});
export type ProcedureDocumentState = z.infer<typeof ProcedureDocumentState>;

/**
 * Who the procedure is conducted against when it is not a case's person: an intermediary, on its
 * rectification order escalated when 情节严重 (docs/intermediaries.md), on an intermediary basis.
 * Ids only: the name and credit code are read by the documents' loader.
 */
export const ProcedureParty = z.object({
  kind: z.literal('intermediary'),
  intermediaryId: z.number().int().min(1),
  orderId: z.number().int().min(1),
  /** intermediary_basis_version.id chosen at the escalation. */
  basisId: z.number().int().min(1),
});
export type ProcedureParty = z.infer<typeof ProcedureParty>;

export const ProcedureState = z.object({
  procedureId: z.string(),
  /** The case; for an intermediary's procedure its order's reference (domain/procedureId.ts intermediaryProcedureSubject). */
  caseId: z.string(),
  /** Null: the case's person. Absent in the states of procedures begun before intermediaries had one. */
  party: ProcedureParty.nullable().default(null),
  campaignId: z.string(),
  cityCode: z.string(),
  level: ProcedureLevel,
  /** Document numbers' authority: the city's code or '22'. */
  authorityCode: z.string(),
  step: ProcedureStep,
  /** What is due next (empty when closed). */
  awaiting: z.array(ProcedureAction),
  violation: ProcedureViolation,
  certCategory: CertCategory.nullable(),
  /** legal_basis_version.id in force when the proposal was made (an intermediary's: intermediary_basis_version.id); null while none is published. */
  legalBasisId: z.number().int().nullable(),
  hearingApplies: z.boolean(),
  measures: z.array(ProcedureMeasure),
  openedOn: IsoDate,
  /** art. 60: 90 days from 立案, or as extended by the responsible person. */
  timeLimitOn: IsoDate,
  timeLimitExtended: z.boolean(),
  overdue: z.boolean(),
  notice: ProcedureDocumentState.nullable(),
  statementDeadline: IsoDate.nullable(),
  /** Null when the basis tells of no hearing right. */
  hearingRequestDeadline: IsoDate.nullable(),
  statements: z.number().int(),
  rightsWaived: z.boolean(),
  hearing: z
    .object({
      requestedOn: IsoDate,
      date: IsoDate.nullable(),
      // HH:MM on that date.
      time: z.string().nullable(),
      earliestDate: IsoDate.nullable(),
      notice: ProcedureDocumentState.nullable(),
      heldOn: IsoDate.nullable(),
    })
    .nullable(),
  review: z.object({ adopted: z.boolean(), reviewedOn: IsoDate, noPenalty: z.boolean() }).nullable(),
  decision: ProcedureDocumentState.nullable(),
  ministry: z
    .object({
      proposal: ProcedureDocumentState,
      answer: z.object({ revoked: z.boolean(), answeredOn: IsoDate, effectiveOn: IsoDate, ministryDocumentNumber: z.string() }).nullable(),
    })
    .nullable(),
  /** The day the measures took effect (the decision's service, or the ministry's revocation). */
  effectiveOn: IsoDate.nullable(),
  penaltyIds: z.array(z.string()),
  redress: z
    .object({
      kind: RedressKind,
      filedOn: IsoDate,
      result: RedressResult.nullable(),
      decidedOn: IsoDate.nullable(),
    })
    .nullable(),
  /** When the remedy periods run out after the decision's service. */
  redressPeriodEndsOn: IsoDate.nullable(),
  closedOn: IsoDate.nullable(),
  /** Why it closed: done, no_penalty (review dropped all), no_measures (none at this level), ministry_declined, withdrawn (the case was reopened or overridden). */
  closedBecause: z.enum(['done', 'no_penalty', 'no_measures', 'ministry_declined', 'withdrawn']).nullable(),
});
export type ProcedureState = z.infer<typeof ProcedureState>;

/** Who and where a procedure is, and when it was opened: what its opening state is made from. */
export type ProcedureOpening = Pick<
  ProcedureState,
  'procedureId' | 'caseId' | 'campaignId' | 'cityCode' | 'level' | 'authorityCode' | 'violation' | 'openedOn' | 'timeLimitOn'
> & { party?: ProcedureParty };

/** A procedure as it opens: at the proposal, nothing awaited until its basis is found, no step taken. */
export function openingProcedureState(o: ProcedureOpening): ProcedureState {
  return {
    ...o,
    party: o.party ?? null,
    step: 'proposal',
    awaiting: [],
    certCategory: null,
    legalBasisId: null,
    hearingApplies: false,
    measures: [],
    timeLimitExtended: false,
    overdue: false,
    notice: null,
    statementDeadline: null,
    hearingRequestDeadline: null,
    statements: 0,
    rightsWaived: false,
    hearing: null,
    review: null,
    decision: null,
    ministry: null,
    effectiveOn: null,
    penaltyIds: [],
    redress: null,
    redressPeriodEndsOn: null,
    closedOn: null,
    closedBecause: null,
  };
}
