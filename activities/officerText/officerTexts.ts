/**
 * Officers' free text in PostgreSQL (table officer_text): the API stores it before sending a
 * command (services/officerTexts.ts) and puts only the row's id in the update; activities read it
 * back here where they write the read model. Rows are never changed, so a reference means the same text in every replay.
 */
import type { Pool, PoolClient } from 'pg';
import { CaseDecisionMessage, isTextRef, type CaseDecisionMessageInput, type OfficerTextField } from '../../domain/officerText';
import type { CaseDecisionInput } from '../../domain/outcomes';
import { failure } from '../domainFailure';

type Db = Pool | PoolClient;

/** The text behind a field: read by id, or (a recorded history's field) the text itself. */
export async function textOf(db: Db, field: OfficerTextField): Promise<string> {
  if (!isTextRef(field)) return field;
  const { rows } = await db.query<{ text: string }>('SELECT text FROM officer_text WHERE id = $1', [field.textId]);
  // Permanent: a retry cannot find a row that was never stored. The id is not personal data.
  if (!rows[0]) throw failure('InvalidActivityInput', `officer text ${field.textId} does not exist`);
  return rows[0].text;
}

export async function optionalTextOf(db: Db, field: OfficerTextField | undefined): Promise<string | undefined> {
  return field === undefined ? undefined : textOf(db, field);
}

/** A decision as it came through Temporal, with its texts read back: the decision the officer made. */
export async function decisionWithTexts(db: Db, raw: CaseDecisionMessageInput): Promise<CaseDecisionInput> {
  const d = CaseDecisionMessage.parse(raw);
  const note = await optionalTextOf(db, d.note);
  const withNote = <T extends object>(o: T) => (note === undefined ? o : { ...o, note });
  switch (d.outcome) {
    case 'COMPLIANT':
      return withNote({ outcome: d.outcome, ground: d.ground, justification: await textOf(db, d.justification) });
    case 'RECTIFIED':
      return withNote({ outcome: d.outcome, rectifiedOn: d.rectifiedOn, how: d.how });
    case 'DEREGISTERED':
      return withNote({ outcome: d.outcome, deregisteredOn: d.deregisteredOn });
    case 'VIOLATION':
      return withNote({
        outcome: d.outcome,
        actualEmployer: { name: await textOf(db, d.actualEmployer.name), code: d.actualEmployer.code },
        evidence: await textOf(db, d.evidence),
      });
    case 'TRANSFERRED':
      return withNote({
        outcome: d.outcome,
        receivingAuthority: await textOf(db, d.receivingAuthority),
        ...(d.transferTo ? { transferTo: d.transferTo } : {}),
      });
  }
}
