/**
 * An owner's evidence files (issue 20 item 5: a case's 证据材料, a complaint's files): upload (PDF,
 * images, Word, Excel, typed by the server from the content), list and download; each row shows its
 * size, SHA-256, who added it and when. A refused file shows the server's reason, which names the file
 * (too big: the limit; wrong type: what was found). The owner's API calls come in as `files`.
 */
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { formatInstant } from '../../format';
import { tr } from '../../labels';
import { ErrorAlert } from '../ErrorAlert';
import { errorText } from '../problems';
import { emptyTable } from '../city/CityScope';

/** One stored file as every owner's list answers it. */
interface StoredFile {
  attachmentId: string;
  fileName: string;
  size: number;
  addedBy: string;
  addedAt: string;
  sha256: string;
}

/** How one owner's files are read, added and fetched, and what else shows them. */
interface OwnerFiles {
  queryKey: QueryKey;
  list: () => Promise<{ items: StoredFile[]; limitBytes: number }>;
  upload: (file: File) => Promise<{ fileName: string; created: boolean }>;
  download: (file: StoredFile) => Promise<void>;
  /** Other queries that show these files (a complaint's detail lists them too). */
  alsoShownBy?: QueryKey[];
  testId: string;
  emptyText: string;
  uploadLabel: string;
}

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${Number((bytes / 1024 / 1024).toFixed(1))} MB`);

export function AttachmentsPanel({ files }: { files: OwnerFiles }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [refused, setRefused] = useState<string[]>([]);
  const query = useQuery({ queryKey: files.queryKey, queryFn: files.list });
  const upload = useMutation({
    mutationFn: files.upload,
    onSuccess: (stored) => {
      void message.success(
        stored.created
          ? tr(`已上传「${stored.fileName}」`, `Uploaded ${stored.fileName}`)
          : tr(`「${stored.fileName}」此前已上传`, `${stored.fileName} was already attached`),
      );
      setRefused([]);
      for (const queryKey of [files.queryKey, ...(files.alsoShownBy ?? [])]) void queryClient.invalidateQueries({ queryKey });
    },
    onError: (err) => setRefused((r) => [...r, errorText(err)]),
  });
  const limit = query.data ? size(query.data.limitBytes) : '';

  return (
    <Flex vertical gap={8} data-testid={files.testId}>
      <Flex gap={8} align="center" wrap>
        <Upload
          showUploadList={false}
          multiple
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
          beforeUpload={(file) => {
            upload.mutate(file);
            return false;
          }}
        >
          <Button loading={upload.isPending}>{files.uploadLabel}</Button>
        </Upload>
        <Typography.Text type="secondary">
          {tr(
            `PDF、图片（PNG、JPEG）、Word、Excel，按文件内容识别${limit ? `，每个不超过 ${limit}` : ''}`,
            `PDF, PNG, JPEG, DOCX, XLSX, recognised by content${limit ? `, up to ${limit} each` : ''}`,
          )}
        </Typography.Text>
      </Flex>
      {refused.length > 0 && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          closable
          onClose={() => setRefused([])}
          title={tr('未能上传', 'Not uploaded')}
          description={refused.join('；')}
        />
      )}
      {query.error ? (
        <ErrorAlert error={query.error} />
      ) : (
        <Table<StoredFile>
          size="small"
          rowKey="attachmentId"
          loading={query.isPending}
          pagination={false}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: emptyTable(files.emptyText) }}
          columns={[
            {
              title: tr('文件', 'File'),
              dataIndex: 'fileName',
              render: (_: unknown, a) => (
                <Button type="link" className="inline-link" onClick={() => void files.download(a)}>
                  {a.fileName}
                </Button>
              ),
            },
            { title: tr('大小', 'Size'), dataIndex: 'size', render: (_: unknown, a) => size(a.size) },
            { title: tr('上传人', 'Added by'), dataIndex: 'addedBy' },
            { title: tr('上传时间', 'Added at'), dataIndex: 'addedAt', render: (_: unknown, a) => formatInstant(a.addedAt) },
            {
              title: tr('校验码（SHA-256）', 'Checksum (SHA-256)'),
              dataIndex: 'sha256',
              render: (_: unknown, a) => (
                <Typography.Text code copyable={{ text: a.sha256 }} title={a.sha256}>
                  {a.sha256.slice(0, 12)}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
