/** The summary table's detail rows, streamed from PostgreSQL in sheet order, city by city. */
import type { ClientBase } from 'pg';
import { fetchInBatches } from './cursorRows';
import { cityCaseRowsSql, citySelfCheckRowsSql } from './detailDisplaySql';
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
  /** Told how many rows each city had, after its last one (for a check against the figures). */
  onCityDone?: (cityCode: string, rows: number) => void;
}

/** Batches of detail rows; `client` must be inside a transaction (inReportSnapshot). */
export async function* streamDetailRows(client: ClientBase, q: DetailRowsQuery): AsyncGenerator<DetailRow[]> {
  for (const city of q.cityCodes) {
    const params = [q.campaignId, city, REPORT_LABELS_JSON, q.withCity];
    let rows = 0;
    if (q.rowSet === 'investigation') {
      for await (const batch of fetchInBatches(client, cityCaseRowsSql(), params, 'report_cases')) {
        rows += batch.length;
        yield batch as DetailRow[];
      }
    }
    for await (const batch of fetchInBatches(client, citySelfCheckRowsSql(q.rowSet), params, 'report_self_check')) {
      rows += batch.length;
      yield batch as DetailRow[];
    }
    q.onCityDone?.(city, rows);
  }
}
