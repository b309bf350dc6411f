/**
 * What the penalty procedure's workflow and its message handlers share (workflows/penaltyProcedure.ts):
 * the state, the basis and calendar in memory, the activities with their timeouts and retries, and
 * the helpers every step uses: one step at a time (a lock), a step recorded in the read model,
 * documents numbered and rendered, refusals typed by code. Deterministic workflow code.
 */
import { ApplicationFailure, condition, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ProcedureStepInput } from '../../activities/procedure/recordProcedureStep';
import type { DeliverAlertInput } from '../../activities/notifications/deliverAlert';
import { calendarDateAt, type Clocked } from '../../domain/campaignClock';
import type { DocumentKind } from '../../domain/documents';
import type { ErrorCode } from '../../domain/errors';
import type { LegalBasis } from '../../domain/legalBasis';
import type { Officer } from '../../domain/officer';
import { isTextRef, type OfficerTextField } from '../../domain/officerText';
import type { ProcedureMeasure, ProcedureSettings } from '../../domain/penaltyProcedure';
import type { ProcedureState } from '../../domain/procedureState';
import type { WorkingCalendar } from '../../domain/workingDays';
import type { PenaltyProcedureInput } from '../messages/penaltyProcedure';
import { refuse } from '../refuse';

type ProcedureActivityNames = 'openProcedure' | 'recordProcedureStep' | 'applyProcedurePenalties' | 'withdrawProcedurePenalties';
type DocumentActivityNames =
  'loadWorkingCalendar' | 'legalBasisInForce' | 'legalBasisVersion' | 'intermediaryBasisVersion' | 'allocateDocumentNumber' | 'renderDocument';

/** Refusals an activity answers for good: a retry finds the same. */
const PERMANENT: ErrorCode[] = ['NotFound', 'KeyReused', 'InvalidActivityInput', 'CalendarYearUnknown', 'TemplateRefused', 'CaseNotFound', 'CaseNotDecided'];

// Database writes: short, a database outage waited out (capped backoff, no attempt limit).
export const procedureActivities = proxyActivities<Pick<Activities, ProcedureActivityNames>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: PERMANENT },
});

// Numbers, bases and the calendar are short reads and writes; filling a template takes longer.
export const documentActivities = proxyActivities<Pick<Activities, DocumentActivityNames>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: PERMANENT },
});

export const alertActivities = proxyLocalActivities<Pick<Activities, 'raiseAlert'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Sending an alert may wait on a slow webhook: started and not awaited.
export const { deliverAlert } = proxyActivities<{ deliverAlert(input: DeliverAlertInput): Promise<unknown> }>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 10 },
});

/** The parsed input (defaults applied). */
export type ProcedureInput = Required<Pick<PenaltyProcedureInput, 'caseId' | 'campaignId' | 'cityCode' | 'level' | 'openedOn'>> &
  Pick<PenaltyProcedureInput, 'party'> &
  Clocked;

/** What the steps read of a basis: a case's legal_basis_version, or an intermediary's basis in the same shape. */
export type ProcedureBasis = Pick<LegalBasis, 'id' | 'measures' | 'hearing'>;

export interface StepRecord {
  action: string;
  officer?: Officer;
  payload?: Record<string, unknown>;
  texts?: ProcedureStepInput['texts'];
  measuresRevised?: boolean;
  decisionApproved?: boolean;
}

export interface ProcedureContext {
  input: ProcedureInput;
  procedureId: string;
  authorityCode: string;
  state: ProcedureState;
  /** The basis version in force when the procedure found it (its measures and hearing right). */
  basis: ProcedureBasis | undefined;
  calendar: WorkingCalendar;
  settings: ProcedureSettings;
  /** Bumped by recheckBasis: the search for a basis looks again at once. */
  basisRechecks: number;
  /** The measures the notice told of (art. 45: a revision after it is never heavier); set at the proposal's approval. */
  notified: ProcedureMeasure[] | undefined;
  /** Runs that conducted this procedure (a reopened case decided liable again opens it anew: 2, 3, …). */
  runs: number;
  /**
   * A key of this run's documents and own events: `<procedureId>/<suffix>`, and from the second run on
   * `<procedureId>/<run>/<suffix>`, so a new run takes new numbers and writes new events.
   */
  key(suffix: string): string;
  today(): string;
  now(): string;
  snapshot(): ProcedureState;
  /** One step at a time: a handler's activities never interleave with another's or the main flow's. */
  locked<T>(work: () => Promise<T>): Promise<T>;
  record(eventId: string, r: StepRecord): Promise<void>;
  /** Numbers (then records the step with them) and renders documents; answers their ids and numbers. */
  issue(eventId: string, r: StepRecord, docs: { kind: DocumentKind; key: string }[]): Promise<{ kind: DocumentKind; documentId: string; number: string }[]>;
  /** A working-day deadline; a year the calendar does not know is loaded again once, then refused. */
  workingDeadline(compute: (cal: WorkingCalendar) => string): Promise<string>;
}

export function createContext(
  input: ProcedureInput,
  procedureId: string,
  authorityCode: string,
  state: ProcedureState,
  settings: ProcedureSettings,
): ProcedureContext {
  let busy = false;
  const ctx: ProcedureContext = {
    input,
    procedureId,
    authorityCode,
    state,
    basis: undefined,
    calendar: { years: [], days: {} },
    settings,
    basisRechecks: 0,
    notified: undefined,
    runs: 1,
    key: (suffix) => (ctx.runs > 1 ? `${procedureId}/${ctx.runs}/${suffix}` : `${procedureId}/${suffix}`),
    today: () => calendarDateAt(input, Date.now()),
    now: () => new Date().toISOString(),
    snapshot: () => JSON.parse(JSON.stringify(state)) as ProcedureState,
    async locked(work) {
      await condition(() => !busy);
      busy = true;
      try {
        return await work();
      } finally {
        busy = false;
      }
    },
    async record(eventId, r) {
      await procedureActivities.recordProcedureStep({
        procedureId,
        eventId,
        action: r.action,
        ...(r.officer ? { officer: r.officer } : {}),
        happenedOn: ctx.today(),
        at: ctx.now(),
        payload: r.payload ?? {},
        state: ctx.snapshot(),
        texts: r.texts ?? {},
        measuresRevised: r.measuresRevised ?? false,
        decisionApproved: r.decisionApproved ?? false,
      });
    },
    async issue(eventId, r, docs) {
      const year = Number(ctx.today().slice(0, 4));
      const numbers: string[] = [];
      for (const d of docs) {
        const n = await documentActivities.allocateDocumentNumber({ authorityCode, kind: d.kind, year, key: d.key, subjectRef: input.caseId });
        numbers.push(n.number);
      }
      // The step first: the documents' loader reads the measures, texts and issue date it recorded.
      await ctx.record(eventId, { ...r, payload: { ...r.payload, documentNumbers: numbers } });
      const made: { kind: DocumentKind; documentId: string; number: string }[] = [];
      for (const [i, d] of docs.entries()) {
        const m = await documentActivities.renderDocument({ kind: d.kind, key: d.key, subjectRef: input.caseId, documentNumber: numbers[i] });
        made.push({ kind: d.kind, documentId: m.id, number: numbers[i] });
      }
      return made;
    },
    async workingDeadline(compute) {
      try {
        return compute(ctx.calendar);
      } catch (err) {
        if (!isCalendarYearUnknown(err)) throw err;
      }
      ctx.calendar = await documentActivities.loadWorkingCalendar();
      try {
        return compute(ctx.calendar);
      } catch (err) {
        if (!isCalendarYearUnknown(err)) throw err;
        return refuse(
          `工作日历尚未录入${(err as { year?: number }).year ?? ''}年的节假日和调休安排，请先录入后再办理 (${(err as Error).message})`,
          'CalendarYearUnknown',
        );
      }
    },
  };
  return ctx;
}

/** A working-day date computed in a check: a year the calendar does not know is a refusal, never a failed task. */
export function checkedWorkingDay(ctx: ProcedureContext, compute: (cal: WorkingCalendar) => string): string {
  try {
    return compute(ctx.calendar);
  } catch (err) {
    if (!isCalendarYearUnknown(err)) throw err;
    return refuse(`工作日历尚未录入相应年度的节假日和调休安排，请先录入后再办理 (${(err as Error).message})`, 'CalendarYearUnknown');
  }
}

const isCalendarYearUnknown = (err: unknown): boolean => err instanceof Error && err.name === 'CalendarYearUnknown';

/** The basis version recorded at the proposal, read back (a case's legal_basis_version, an intermediary's intermediary_basis_version). */
export function citedBasis(ctx: ProcedureContext, id: number): Promise<ProcedureBasis> {
  return ctx.input.party ? documentActivities.intermediaryBasisVersion({ id }) : documentActivities.legalBasisVersion({ id });
}

/** Whether an activity failed for good with this code. */
export function failedWith(err: unknown, code: ErrorCode): boolean {
  for (let cause: unknown = err; cause instanceof Error; cause = (cause as Error & { cause?: unknown }).cause) {
    if (cause instanceof ApplicationFailure && cause.type === code) return true;
  }
  return false;
}

/** Free text crosses Temporal only as an officer_text reference. */
export function requireTextRefs(fields: Record<string, OfficerTextField | undefined>): void {
  for (const [name, f] of Object.entries(fields)) {
    if (f !== undefined && !isTextRef(f)) refuse(`「${name}」须先保存为文字记录，以其编号提交 (free text must be an officer_text reference)`);
  }
}

/** The text id of a reference field (validated as a reference). */
export const textId = (f: OfficerTextField | undefined): string | undefined => (f !== undefined && isTextRef(f) ? f.textId : undefined);
