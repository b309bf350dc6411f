/**
 * An intermediary's order's 责令限期整改通知书 (.docx). Its procedure's documents are listed and served at
 * GET …/orders/{orderId}/procedure/documents[/{documentId}] (api/routes/intermediaryDocumentRoutes.ts).
 */
import { saveDownload } from './download';
import { answerOf, api } from './http';

const ORDER = '/campaigns/{campaignId}/cities/{cityCode}/intermediaries/{intermediaryId}/orders/{orderId}' as const;

export interface OrderRef {
  campaignId: string;
  cityCode: string;
  intermediaryId: number;
  orderId: number;
}

/** The order's notice under the name the API gives it (its document number, 长人社责改〔2026〕第0001号). */
export async function downloadOrderNotice(k: OrderRef): Promise<void> {
  const outcome = await api.GET(`${ORDER}/notice`, { params: { path: k }, parseAs: 'blob' });
  saveDownload(answerOf(outcome), outcome.response, 'order-notice.docx');
}
