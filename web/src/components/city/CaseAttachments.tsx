/**
 * The case page's evidence files (证据材料, issue 20): the officers of the case's city and the
 * province coordinator upload, list and download them (components/attachments/AttachmentsPanel.tsx).
 */
import { caseAttachmentsKey, downloadCaseAttachment, getCaseAttachments, uploadCaseAttachment } from '../../api/caseAttachments';
import { tr } from '../../labels';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';

export function CaseAttachments({ caseId }: { caseId: string }) {
  return (
    <AttachmentsPanel
      files={{
        queryKey: caseAttachmentsKey(caseId),
        list: () => getCaseAttachments(caseId),
        upload: (file) => uploadCaseAttachment(caseId, file),
        download: (a) => downloadCaseAttachment(caseId, a.attachmentId, a.fileName),
        testId: 'case-attachments',
        emptyText: tr('尚无证据材料', 'No evidence files yet'),
        uploadLabel: tr('上传证据材料', 'Upload evidence'),
      }}
    />
  );
}
