/**
 * The party of an intermediary's procedure as its documents print it (docs/intermediaries.md): the
 * intermediary of the escalated order — its name, 统一社会信用代码, 人力资源服务许可证编号 and address —
 * and the intermediary basis it cites. Read inside the rendering activity (documentData.ts), so the
 * name never crosses Temporal.
 *
 * The documents are a unit's own kinds (domain/intermediaryDocuments.ts: templates/intermediary_*.docx),
 * which the rendering activity swaps in for the workflow's person kinds. The person's fields are kept
 * (the name followed by the credit code, the ID line not applicable) for a person's template rendered
 * for an intermediary before the unit's existed.
 */
import type { Pool } from 'pg';
import { DomainError } from '../../domain/errors';
import { citationsText } from '../../domain/intermediaryDocuments';
import { intermediaryBasisVersion } from '../../readModel/intermediaryBasis';

/** What a unit's document says where the registry has no value (the official completes it by hand). */
export const NOT_REGISTERED = '（名录未登记）';

export interface IntermediaryParty {
  partyName: string;
  partyIdNumber: string;
  partyAddress: string;
  /** The citations of the basis chosen at the escalation. */
  basisText: string;
  /** The unit's own fields (a unit's template). */
  unit: { partyName: string; partyCreditCode: string; partyLicenceNumber: string; partyAddress: string };
  /** The citations with the articles' wording, as a unit's notice and decision print the basis. */
  basisQuoted: string;
}

/** partyName is a line of at most 80 characters (domain/documents.ts): the credit code follows the name when it fits. */
const NAME_MAX = 80;
export async function intermediaryPartyOf(pool: Pool, procedureId: string): Promise<IntermediaryParty> {
  const { rows } = await pool.query<{ name: string; uscc: string | null; address: string | null; licence_number: string | null; basis_id: string | null }>(
    `SELECT i.name, i.uscc, i.address, i.licence_number, p.intermediary_basis_id::text AS basis_id
     FROM penalty_procedure p JOIN intermediary_order o ON o.id = p.intermediary_order_id JOIN intermediary i ON i.id = o.intermediary_id
     WHERE p.procedure_id = $1`,
    [procedureId],
  );
  const r = rows[0];
  if (!r) throw new DomainError('NotFound', `procedure ${procedureId} is no intermediary's`);
  const withCode = r.uscc ? `${r.name}（统一社会信用代码：${r.uscc}）` : r.name;
  const basis = r.basis_id ? await intermediaryBasisVersion(pool, Number(r.basis_id)) : undefined;
  const noBasis = '（中介机构处罚依据见名录）';
  return {
    partyName: withCode.length <= NAME_MAX ? withCode : r.name.slice(0, NAME_MAX),
    partyIdNumber: '（单位，不适用）',
    partyAddress: r.address ?? '（地址见名录）',
    basisText: basis ? citationsText(basis.citations, false) : noBasis,
    unit: {
      partyName: r.name,
      partyCreditCode: r.uscc ?? NOT_REGISTERED,
      partyLicenceNumber: r.licence_number ?? NOT_REGISTERED,
      partyAddress: r.address ?? NOT_REGISTERED,
    },
    basisQuoted: basis ? citationsText(basis.citations, true) : noBasis,
  };
}
