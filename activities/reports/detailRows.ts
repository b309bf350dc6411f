/** The summary table's detail rows, streamed from PostgreSQL in sheet order. */
import type { ClientBase } from 'pg';
import { fetchInBatches } from './cursorRows';
import { detailRowsSql } from './detailSql';
import { REPORT_LABELS_JSON } from './reportLabels';
import type { RowSet } from './reportKinds';

/** One detail row: the 15 text columns after 序号 (summaryLayout DETAIL_COLUMNS order). */
export type DetailRow = string[];

export interface DetailRowsQuery {
  campaignId: string;
  cityCodes: string[];
  rowSet: RowSet;
  /** Prefix 备注 with the city's name (the province-wide table). */
  withCity: boolean;
}

/** Batches of detail rows; `client` must be inside a transaction (inReportSnapshot). */
export function streamDetailRows(client: ClientBase, q: DetailRowsQuery): AsyncGenerator<DetailRow[]> {
  return fetchInBatches(client, detailRowsSql(q.rowSet), [q.campaignId, q.cityCodes, REPORT_LABELS_JSON, q.withCity], 'report_detail') as
    AsyncGenerator<DetailRow[]>;
}
