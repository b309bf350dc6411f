/**
 * The due-process foundations (issue 19) as activities, for the penalty-procedure workflow to come.
 * Not registered yet: activities/index.ts registers only what some workflow calls
 * (test/unit/workflows/activitiesCalled.test.ts), so the workflow that first calls these adds
 * `...createDocumentActivities(deps)` there. Each is idempotent (a number or a document per key) and
 * carries no personal data in its result; the workflow sets their timeouts.
 *
 * - loadWorkingCalendar: the calendar domain/workingDays.ts computes deadlines with, in the workflow.
 * - legalBasisInForce / legalBasisVersion: the basis a decision cites, by category and violation on a
 *   date, or the exact version id a case recorded; intermediaryBasisVersion: an intermediary's, by id.
 * - allocateDocumentNumber: the next number of an authority, kind and year; the same key, the same number.
 * - renderDocument: fills the kind's template in use; the data (with the party's name and address)
 *   must be assembled here from the database, never passed through the workflow, so the wrapper takes
 *   a loader that reads it by reference.
 */
import type { Pool } from 'pg';
import type { CertCategory } from '../../domain/certCategories';
import type { DocumentKind } from '../../domain/documents';
import { DomainError } from '../../domain/errors';
import { domainFailure } from '../domainFailure';
import type { LegalBasis, Violation } from '../../domain/legalBasis';

/** What the procedure's steps read of a basis (workflows/procedure/context.ts ProcedureBasis). */
type ProcedureBasis = Pick<LegalBasis, 'id' | 'measures' | 'hearing'>;
import type { WorkingCalendar } from '../../domain/workingDays';
import { allocateDocumentNumber, type AllocatedNumber, type AllocateNumberInput } from '../../documents/documentNumbers';
import { generatedDocumentByKey, renderDocument, type GeneratedDocumentMeta } from '../../documents/renderDocument';
import { unitPartyKindOf } from '../../domain/intermediaryDocuments';
import { isIntermediarySubject } from '../../domain/procedureId';
import { intermediaryBasisVersion } from '../../readModel/intermediaryBasis';
import { legalBasesInForce, legalBasisById } from '../../readModel/legalBases';
import { loadWorkingCalendar } from '../../readModel/workingCalendar';

export interface DocumentActivityDeps {
  pool: Pool;
  /** Reads a document's data by reference (a case id and the kind), so personal data never crosses Temporal. */
  documentData: (pool: Pool, ref: { kind: DocumentKind; subjectRef: string; documentNumber: string }) => Promise<unknown>;
}

/**
 * A refusal (a DomainError: no basis, a key reused, data a template refuses) crosses Temporal as a
 * permanent failure typed by its code, so the workflow matches the code and no retry repeats it.
 */
async function refusalsTyped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw err instanceof DomainError ? domainFailure(err) : err;
  }
}

export function createDocumentActivities(deps: DocumentActivityDeps) {
  const activities = {
    loadWorkingCalendar: (): Promise<WorkingCalendar> => loadWorkingCalendar(deps.pool),
    legalBasisInForce: async (i: { certCategory: CertCategory; violation: Violation; asOf: string }): Promise<LegalBasis> => {
      const [basis] = await legalBasesInForce(deps.pool, i);
      if (!basis) throw new DomainError('NotFound', `no legal basis for ${i.certCategory}/${i.violation} in force on ${i.asOf}`);
      return basis;
    },
    legalBasisVersion: async (i: { id: number }): Promise<LegalBasis> => {
      const basis = await legalBasisById(deps.pool, i.id);
      if (!basis) throw new DomainError('NotFound', `no legal basis version ${i.id}`);
      return basis;
    },
    /** An intermediary's basis (its procedure, docs/intermediaries.md) in the steps' shape. */
    intermediaryBasisVersion: async (i: { id: number }): Promise<ProcedureBasis> => {
      const basis = await intermediaryBasisVersion(deps.pool, i.id);
      if (!basis) throw new DomainError('NotFound', `no intermediary basis version ${i.id}`);
      return { id: basis.id, measures: basis.measures, hearing: basis.hearing };
    },
    allocateDocumentNumber: (i: AllocateNumberInput): Promise<AllocatedNumber> => allocateDocumentNumber(deps.pool, i),
    /**
     * The workflow names the person's kind; an intermediary's procedure (its subject an order's reference) is rendered as the
     * unit's kind (domain/intermediaryDocuments.ts), so its documents read for a unit with no workflow change. A document made
     * under the person's kind before the unit's existed is returned as it is (the same key).
     */
    renderDocument: async (i: { kind: DocumentKind; key: string; subjectRef: string; documentNumber: string }): Promise<GeneratedDocumentMeta> => {
      const kind = unitPartyKindOf(i.kind, isIntermediarySubject(i.subjectRef));
      const made = await generatedDocumentByKey(deps.pool, i.key);
      if (made && (made.kind === kind || made.kind === i.kind)) return made;
      if (made) throw new DomainError('KeyReused', `key ${i.key} already made a document of another kind`);
      const data = await deps.documentData(deps.pool, { ...i, kind });
      const { created: _created, ...meta } = await renderDocument(deps.pool, { kind, key: i.key, subjectRef: i.subjectRef, data });
      return meta;
    },
  };
  type Name = keyof typeof activities;
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [name, (...args: never[]) => refusalsTyped(() => (fn as (...a: never[]) => Promise<unknown>)(...args))]),
  ) as { [K in Name]: (typeof activities)[K] };
}
