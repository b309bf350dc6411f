/**
 * The due-process procedure of an escalated intermediary order (docs/intermediaries.md), in full as the
 * console's procedure card shows it: the same detail as a case's (readModel/procedureDetail.ts) with
 * the intermediary as its party and the basis chosen at the escalation, whose measures the proposal
 * takes. Read only through the order's path: the order must be the intermediary's, in the campaign and
 * city named.
 */
import type { Pool } from 'pg';
import { procedureBasisOf } from './intermediaryBasis';
import { detailsOfRows, type DetailOptions, type ProcedureDetail } from './procedureDetail';
import { PROCEDURE_COLUMNS, PROCEDURE_FROM, ProcedureRow } from './procedureRow';
import { parseRows } from './sqlTypes';

export interface OrderKey {
  campaignId: string;
  cityCode: string;
  intermediaryId: number;
  orderId: number;
}

/** The order's procedure, or undefined (no such order here, or not escalated, or its procedure not yet started). */
export async function orderProcedureDetail(pool: Pool, k: OrderKey, opts: DetailOptions = {}): Promise<ProcedureDetail | undefined> {
  const { rows } = await pool.query(
    `SELECT ${PROCEDURE_COLUMNS} FROM ${PROCEDURE_FROM}
      WHERE p.intermediary_order_id = $1 AND im.id = $2 AND im.campaign_id = $3 AND im.city_code = $4`,
    [k.orderId, k.intermediaryId, k.campaignId, k.cityCode],
  );
  const [detail] = await detailsOfRows(pool, parseRows(ProcedureRow, rows), opts);
  if (!detail?.intermediary) return undefined;
  const basisId = rows[0] ? ProcedureRow.parse(rows[0]).intermediary_basis_id : null;
  return { ...detail, intermediary: { ...detail.intermediary, basis: basisId === null ? null : await procedureBasisOf(pool, basisId) } };
}

/** The order's procedure id (the order the intermediary's, in the campaign and city named), or undefined. */
export async function orderProcedureId(pool: Pool, k: OrderKey): Promise<string | undefined> {
  const { rows } = await pool.query<{ procedure_id: string }>(
    `SELECT p.procedure_id FROM penalty_procedure p JOIN intermediary_order io ON io.id = p.intermediary_order_id JOIN intermediary im ON im.id = io.intermediary_id
      WHERE io.id = $1 AND im.id = $2 AND im.campaign_id = $3 AND im.city_code = $4`,
    [k.orderId, k.intermediaryId, k.campaignId, k.cityCode],
  );
  return rows[0]?.procedure_id;
}
