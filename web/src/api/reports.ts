/** Reports (汇总表, 工作报告, 通报) as the console lists and downloads them. */
import type { Role } from '../session';
import { fileNameOf, saveFile } from './download';
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
  const full =
    user.role === 'province_coordinator' ||
    user.role === 'province_hr_coordinator' ||
    ((user.role === 'city_officer' || user.role === 'city_hr_officer') && report.cityCode !== null && report.cityCode === user.cityCode);
  if (full || !report.hasIdNumbers) return { masked: false, fileName: report.fileName };
  return { masked: true, fileName: report.fileName.replace(/(\.[a-z]+)$/i, '-脱敏$1') };
}

/** Downloads the copy the reader may see, under the name the API gives it; answers that name. */
export async function downloadReport(report: Report): Promise<string> {
  const outcome = await api.GET('/reports/{reportId}/download', { params: { path: { reportId: report.reportId } }, parseAs: 'blob' });
  const blob = answerOf(outcome);
  const name = fileNameOf(outcome.response, report.fileName);
  saveFile(blob, name);
  return name;
}
