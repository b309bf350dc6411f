/** A case's evidence files (issue 20): list, upload, download. */
import { saveDownload } from './download';
import { answer, answerOf, api, type JsonAnswer } from './http';

export type CaseAttachments = JsonAnswer<'/cases/{caseId}/attachments', 'get'>;
export type UploadedCaseAttachment = JsonAnswer<'/cases/{caseId}/attachments', 'post', 201>;

export const caseAttachmentsKey = (caseId: string) => ['case-attachments', caseId] as const;

export function getCaseAttachments(caseId: string): Promise<CaseAttachments> {
  return answer(api.GET('/cases/{caseId}/attachments', { params: { path: { caseId } } }));
}

/** The file as the request body: the server reads its type from the bytes, never from the name or the browser's guess. */
export function uploadCaseAttachment(caseId: string, file: File): Promise<UploadedCaseAttachment> {
  return answer(
    api.POST('/cases/{caseId}/attachments', {
      params: { path: { caseId }, query: { fileName: file.name } },
      body: file as never,
      bodySerializer: (b: unknown) => b as Blob,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  );
}

export async function downloadCaseAttachment(caseId: string, attachmentId: string, fileName: string): Promise<void> {
  const outcome = await api.GET('/cases/{caseId}/attachments/{attachmentId}', { params: { path: { caseId, attachmentId } }, parseAs: 'blob' });
  saveDownload(answerOf(outcome), outcome.response, fileName);
}
