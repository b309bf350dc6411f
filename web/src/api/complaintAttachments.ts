/** A complaint's files (issue 20 item 5): list, upload, download, for the handling city's officers. */
import { saveDownload } from './download';
import { answer, answerOf, api, type JsonAnswer } from './http';

export type ComplaintAttachments = JsonAnswer<'/cities/{cityCode}/complaint-cases/{complaintNo}/attachments', 'get'>;
export type UploadedComplaintAttachment = JsonAnswer<'/cities/{cityCode}/complaint-cases/{complaintNo}/attachments', 'post', 201>;

export const complaintAttachmentsKey = (cityCode: string, complaintNo: string) => ['complaint-attachments', cityCode, complaintNo] as const;

export function getComplaintAttachments(cityCode: string, complaintNo: string): Promise<ComplaintAttachments> {
  return answer(api.GET('/cities/{cityCode}/complaint-cases/{complaintNo}/attachments', { params: { path: { cityCode, complaintNo } } }));
}

/** The file as the request body: the server reads its type from the bytes, never from the name or the browser's guess. */
export function uploadComplaintAttachment(cityCode: string, complaintNo: string, file: File): Promise<UploadedComplaintAttachment> {
  return answer(
    api.POST('/cities/{cityCode}/complaint-cases/{complaintNo}/attachments', {
      params: { path: { cityCode, complaintNo }, query: { fileName: file.name } },
      body: file as never,
      bodySerializer: (b: unknown) => b as Blob,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  );
}

export async function downloadComplaintAttachment(cityCode: string, complaintNo: string, attachmentId: string, fileName: string): Promise<void> {
  const outcome = await api.GET('/cities/{cityCode}/complaint-cases/{complaintNo}/attachments/{attachmentId}', {
    params: { path: { cityCode, complaintNo, attachmentId } },
    parseAs: 'blob',
  });
  saveDownload(answerOf(outcome), outcome.response, fileName);
}
