/**
 * A complaint's files in its drawer (issue 20 item 5): the public form's and the officers' own
 * evidence added after registration; the handling city's officers upload, list and download them
 * (components/attachments/AttachmentsPanel.tsx). The complaint's detail lists them too.
 */
import { complaintAttachmentsKey, downloadComplaintAttachment, getComplaintAttachments, uploadComplaintAttachment } from '../../api/complaintAttachments';
import { tr } from '../../labels';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';

export function ComplaintAttachments({ cityCode, complaintNo }: { cityCode: string; complaintNo: string }) {
  return (
    <AttachmentsPanel
      files={{
        queryKey: complaintAttachmentsKey(cityCode, complaintNo),
        list: () => getComplaintAttachments(cityCode, complaintNo),
        upload: (file) => uploadComplaintAttachment(cityCode, complaintNo, file),
        download: (a) => downloadComplaintAttachment(cityCode, complaintNo, a.attachmentId, a.fileName),
        alsoShownBy: [['complaint-cases', cityCode, complaintNo]],
        testId: 'complaint-attachments',
        emptyText: tr('尚无附件', 'No files yet'),
        uploadLabel: tr('上传证据材料', 'Upload evidence'),
      }}
    />
  );
}
