/**
 * Officers' free text as it travels through Temporal: as the id of its row in PostgreSQL
 * (table officer_text), never as text. Histories recorded before issue 17 carry the text itself,
 * so every message field takes either; everything the API and CLI send is a reference.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';
import { ActualEmployer, CompliantGround, RectifyHow } from './outcomes';
import { freeText } from './text';
import { TransferTarget } from './transfer';

export const OfficerTextRef = z.object({ textId: z.uuid() });
export type OfficerTextRef = z.infer<typeof OfficerTextRef>;

/** A free-text field of a message: the reference, or (recorded histories only) the text. */
export const OfficerTextField = z.union([OfficerTextRef, freeText({ max: 5_000 }).min(1)]);
export type OfficerTextField = z.infer<typeof OfficerTextField>;

export const isTextRef = (f: OfficerTextField | undefined): f is OfficerTextRef => typeof f === 'object' && f !== null;

/** What an officer's text is about (officer_text.kind): read back by activities, shown in audits. */
export const OfficerTextKind = z.enum([
  'decision.justification',
  'decision.note',
  'decision.evidence',
  'decision.actualEmployer',
  'decision.receivingAuthority',
  'carryOver.reason',
  'provincialPenalty.note',
  'submission.summary',
  'review.comments',
  'deadline.reason',
  'reopen.reason',
  'override.reason',
  'procedure.facts',
  'procedure.evidence',
  'procedure.comments',
  'procedure.receiver',
  'procedure.statement',
  'procedure.note',
  'procedure.hearingPlace',
  'procedure.presidingOfficer',
  'procedure.hearingRecord',
  'procedure.participants',
  'procedure.reviewReasons',
  'procedure.revisionReasons',
  'procedure.extensionReason',
]);
export type OfficerTextKind = z.infer<typeof OfficerTextKind>;

const note = OfficerTextField.optional();

/** domain/outcomes.ts's CaseDecision with each free-text field a reference. */
export const CaseDecisionMessage = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('COMPLIANT'), ground: CompliantGround, justification: OfficerTextField, note }),
  z.object({ outcome: z.literal('RECTIFIED'), rectifiedOn: IsoDate, how: RectifyHow, note }),
  z.object({ outcome: z.literal('DEREGISTERED'), deregisteredOn: IsoDate, note }),
  z.object({
    outcome: z.literal('VIOLATION'),
    actualEmployer: z.object({ name: OfficerTextField, code: ActualEmployer.shape.code }),
    evidence: OfficerTextField,
    note,
  }),
  z.object({ outcome: z.literal('TRANSFERRED'), receivingAuthority: OfficerTextField, transferTo: TransferTarget.optional(), note }),
]);
export type CaseDecisionMessage = z.infer<typeof CaseDecisionMessage>;
export type CaseDecisionMessageInput = z.input<typeof CaseDecisionMessage>;
