/**
 * The due-process foundations (issue 19) as activities, for the penalty-procedure workflow to come.
 * Not registered yet: activities/index.ts registers only what some workflow calls
 * (test/unit/workflows/activitiesCalled.test.ts), so the workflow that first calls these adds
 * `...createDocumentActivities(deps)` there. Each is idempotent (a number or a document per key) and
 * carries no personal data in its result; the workflow sets their timeouts.
 *
 * - loadWorkingCalendar: the calendar domain/workingDays.ts computes deadlines with, in the workflow.
 * - legalBasisInForce / legalBasisVersion: the basis a decision cites, by category and violation on a
 *   date, or the exact version id a case recorded.
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
import type { WorkingCalendar } from '../../domain/workingDays';
import { allocateDocumentNumber, type AllocatedNumber, type AllocateNumberInput } from '../../documents/documentNumbers';
import { renderDocument, type GeneratedDocumentMeta } from '../../documents/renderDocument';
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
    allocateDocumentNumber: (i: AllocateNumberInput): Promise<AllocatedNumber> => allocateDocumentNumber(deps.pool, i),
    renderDocument: async (i: { kind: DocumentKind; key: string; subjectRef: string; documentNumber: string }): Promise<GeneratedDocumentMeta> => {
      const data = await deps.documentData(deps.pool, i);
      const { created: _created, ...meta } = await renderDocument(deps.pool, { kind: i.kind, key: i.key, subjectRef: i.subjectRef, data });
      return meta;
    },
  };
  type Name = keyof typeof activities;
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [name, (...args: never[]) => refusalsTyped(() => (fn as (...a: never[]) => Promise<unknown>)(...args))]),
  ) as { [K in Name]: (typeof activities)[K] };
}
