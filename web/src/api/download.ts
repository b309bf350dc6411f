/** Saving a file the API answered: downloads need the bearer token, so a plain link will not do. */
import { answerOf, api } from './http';

/** The file name a response's Content-Disposition gives (RFC 6266: the UTF-8 name first), else the fallback. */
export function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallback;
}

/** Saves a file the browser fetched under `fileName`. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a fetched file under the name the API gave it (Content-Disposition), else `fallbackName`. */
export function saveDownload(blob: Blob, response: Response, fallbackName: string): void {
  saveFile(blob, fileNameOf(response, fallbackName));
}

/** A produced report (a submitted 汇总表, the 通报, a submission's file) under its own name; a masked copy when the role gets one. */
export async function downloadReportFile(reportId: string, fallbackName: string): Promise<void> {
  const outcome = await api.GET('/reports/{reportId}/download', { params: { path: { reportId } }, parseAs: 'blob' });
  saveDownload(answerOf(outcome), outcome.response, fallbackName);
}
