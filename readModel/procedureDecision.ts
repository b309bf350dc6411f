/**
 * The decision a penalty rests on under the due-process procedure (migration 060): the number of its
 * 决定书 (行政处罚决定书 / 撤销注册决定书, generated_document via penalty_procedure.decision_document_id;
 * for a 一级 revocation the ministry's document number) and the first citation of its legal basis
 * (legal_basis_version.citations[0]: instrument and article). Penalties recorded before the procedure
 * existed have neither: both are null.
 */

/**
 * A lateral join giving `decision_no`, `basis` and the procedure's `authority_code` for the procedure
 * id the SQL expression names (e.g. `p.procedure_id`), under the alias given. `isBanSql` says whether
 * the row is a bar: a bar of a 一级 registration rests on the ministry's revocation, so its number is
 * the ministry's document even when the province's procedure also decided other measures.
 */
export function procedureDecisionJoin(procedureIdSql: string, alias: string, isBanSql = 'false'): string {
  return `LEFT JOIN LATERAL (
    SELECT pp.authority_code,
           CASE WHEN (${isBanSql}) AND pp.ministry_revoked THEN pp.ministry_document_number
                ELSE coalesce(d.number, pp.ministry_document_number) END AS decision_no,
           nullif(concat(b.citations -> 0 ->> 'instrument', b.citations -> 0 ->> 'article'), '') AS basis
    FROM penalty_procedure pp
    LEFT JOIN generated_document d ON d.id = pp.decision_document_id
    LEFT JOIN legal_basis_version b ON b.id = pp.legal_basis_id
    WHERE pp.procedure_id = ${procedureIdSql}
  ) ${alias} ON true`;
}
