/** Reports (汇总表, 工作报告, 通报) as the console lists and downloads them, and saving a fetched file. */
import type { Role } from '../session';
import { answer, answerOf, api, type JsonAnswer } from './http';

export type Report = JsonAnswer<'/reports', 'get'>['items'][number];

export async function listReports(campaignId: string | undefined): Promise<Report[]> {
  return (await answer(api.GET('/reports', { params: { query: campaignId ? { campaignId } : {} } }))).items;
}

/**
 * Which copy a reader gets (the API decides; this says so beforehand): the full file for the
 * coordinator, and for an officer their own city's reports; anyone else gets the masked copy of a
 * report that shows ID numbers, whose name ends -脱敏.
 */
export function copyFor(user: { role: Role; cityCode: string | null }, report: Report): { masked: boolean; fileName: string } {
  const full = user.role === 'province_coordinator' || (user.role === 'city_officer' && report.cityCode !== null && report.cityCode === user.cityCode);
  if (full || !report.hasIdNumbers) return { masked: false, fileName: report.fileName };
  return { masked: true, fileName: report.fileName.replace(/(\.[a-z]+)$/i, '-脱敏$1') };
}

/** The file name a response's Content-Disposition gives (RFC 6266: the UTF-8 name first), else the fallback. */
export function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallback;
}

/** Saves a file the browser fetched (downloads need the bearer token, so a plain link will not do). */
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

/** Downloads the copy the reader may see, under the name the API gives it; answers that name. */
export async function downloadReport(report: Report): Promise<string> {
  const outcome = await api.GET('/reports/{reportId}/download', { params: { path: { reportId: report.reportId } }, parseAs: 'blob' });
  const blob = answerOf(outcome);
  const name = fileNameOf(outcome.response, report.fileName);
  saveFile(blob, name);
  return name;
}
