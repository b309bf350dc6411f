/** Saving a file the API answered: downloads need the bearer token, so a plain link will not do. */
import { answerOf, api } from './http';

/** Saves a fetched file under the name the API gave it (Content-Disposition), else `fallbackName`. */
export function saveDownload(blob: Blob, response: Response, fallbackName: string): void {
  const disposition = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = utf8 ? decodeURIComponent(utf8) : (/filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A produced report (a submitted 汇总表, the 通报, a submission's file) under its own name; a masked copy when the role gets one. */
export async function downloadReportFile(reportId: string, fallbackName: string): Promise<void> {
  const outcome = await api.GET('/reports/{reportId}/download', { params: { path: { reportId } }, parseAs: 'blob' });
  saveDownload(answerOf(outcome), outcome.response, fallbackName);
}
