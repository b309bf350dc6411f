/**
 * Data imports: one file per source, uploaded with its progress; the API stores it (202) and the
 * worker imports it, whose progress the page follows (GET /imports/jobs/{id}) until the batch's
 * counts are known. Below, every batch with its status, rejected rows and warnings to download.
 */
import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Progress, Select, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import { SOURCE_NAMES, type SourceName } from '../../../../domain/sourceName';
import { downloadIssues, getImportJob, listBatches, uploadFile, type Batch, type ImportJob } from '../../api/imports';
import { pageOf } from '../../app/pageAccess';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { errorText } from '../../components/problems';
import { formatInstant } from '../../format';
import { currentLang, tr, tv } from '../../labels';
import { DownloadButton } from '../../components/province/DownloadButton';
import { BatchStatus, batchesQueryKey, howRead, num } from '../../components/province/batches';
import { ToneTag } from '../../components/ToneTag';
import '../../components/province/province.css';
import type { Role } from '../../../../domain/roles';
import { useSession } from '../../app/session';
import { ConfirmFundImport } from '../../components/province/ConfirmFundImport';

/** One upload, from the first byte sent to the batch's counts. */
type UploadState =
  | { stage: 'uploading'; fileName: string; fraction: number }
  | { stage: 'importing'; fileName: string; importId: string }
  | { stage: 'done'; fileName: string; job: ImportJob }
  | { stage: 'failed'; fileName: string; reason: string };

function ImportProgress({ importId, fileName, onDone }: { importId: string; fileName: string; onDone: (job: ImportJob) => void }) {
  const job = useQuery({
    queryKey: ['imports', 'job', importId],
    queryFn: () => getImportJob(importId),
    refetchInterval: (q) => (q.state.data?.status === 'completed' || q.state.data?.status === 'failed' ? false : 1000),
  });
  const data = job.data;
  const reported = useRef(false);
  useEffect(() => {
    if (!reported.current && (data?.status === 'completed' || data?.status === 'failed')) {
      reported.current = true;
      onDone(data);
    }
  }, [data, onDone]);

  if (job.isError) return <Typography.Text className="danger-text">{errorText(job.error)}</Typography.Text>;
  const p = data?.progress;
  const percent = p?.totalBytes ? Math.min(99, Math.floor((p.bytesRead / p.totalBytes) * 100)) : undefined;
  return (
    <div data-testid="import-progress">
      <Progress percent={percent ?? 0} status="active" size="small" aria-label={tr(`${fileName} 导入进度`, `${fileName}: import progress`)} />
      <Typography.Text className="hint">
        {data?.status === 'running'
          ? tr(`正在导入：已读取 ${num(p?.rowsRead ?? 0)} 行`, `Importing: ${num(p?.rowsRead ?? 0)} rows read`)
          : tr('已上传，等待导入…', 'Uploaded; waiting to be imported…')}
      </Typography.Text>
    </div>
  );
}

function JobOutcome({ job }: { job: ImportJob }) {
  const { role } = useSession().user;
  if (job.status === 'failed' || !job.result) {
    return (
      <Typography.Text className="danger-text" data-testid="import-outcome">
        {tr('导入失败', 'Import failed')}：{job.error ?? tr('原因不明', 'no reason given')}
      </Typography.Text>
    );
  }
  const r = job.result;
  return (
    <Flex gap={8} wrap align="center" data-testid="import-outcome">
      <ToneTag tone="good">{tr('导入完成', 'Imported')}</ToneTag>
      <span>
        {tr('总行数', 'Rows')} {num(r.rowsTotal)} · {tr('已导入', 'imported')} {num(r.rowsAccepted)} · {tr('拒收', 'rejected')} {num(r.rowsRejected)} ·{' '}
        {tr('警告', 'warnings')} {num(r.rowsWarned)}
      </span>
      {r.rowsRejected + r.rowsWarned > 0 && mayDownloadIssues(role) && <IssuesButton batchId={r.batchId} />}
      {role === 'city_fund_officer' && job.source === 'housing_fund' && <ConfirmFundImport importId={job.importId} />}
    </Flex>
  );
}

/** Who the API lets download a batch's issues (GET /imports/:batchId/issues.csv, action import.issues): not the city's 公积金中心. */
const ISSUE_READERS: readonly Role[] = ['province_coordinator', 'auditor'];
const mayDownloadIssues = (role: Role) => ISSUE_READERS.includes(role);

function IssuesButton({ batchId, fileName }: { batchId: number; fileName?: string }) {
  return (
    <DownloadButton
      size="small"
      download={() => downloadIssues(batchId)}
      label={fileName ? tr(`下载问题清单：${fileName}`, `Download the issues: ${fileName}`) : undefined}
    >
      {tr('下载问题清单', 'Download issues')}
    </DownloadButton>
  );
}

function SourceRow({ source }: { source: SourceName }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>();
  const busy = state?.stage === 'uploading' || state?.stage === 'importing';
  const label = tv('source', source);

  const onDone = (job: ImportJob) => {
    void queryClient.invalidateQueries({ queryKey: batchesQueryKey });
    setState({ stage: 'done', fileName: job.fileName, job });
  };

  return (
    <Flex gap={16} wrap align="center" className="source-row" data-testid={`upload-${source}`}>
      <Typography.Text strong className="source-name">
        {label}
      </Typography.Text>
      <Upload
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        disabled={busy}
        customRequest={({ file }) => {
          const f = file as File;
          setState({ stage: 'uploading', fileName: f.name, fraction: 0 });
          uploadFile(source, f, (fraction) => setState({ stage: 'uploading', fileName: f.name, fraction }))
            .then((accepted) => setState({ stage: 'importing', fileName: f.name, importId: accepted.importId }))
            .catch((err: unknown) => setState({ stage: 'failed', fileName: f.name, reason: errorText(err) }));
        }}
      >
        <Button icon={<CloudUploadOutlined aria-hidden />} disabled={busy}>
          {tr(`上传${label}文件`, `Upload a ${label} file`)}
        </Button>
      </Upload>
      <div className="source-status">
        {state && <Typography.Text className="hint source-file">{state.fileName}</Typography.Text>}
        {state?.stage === 'uploading' && (
          <div data-testid="upload-progress">
            <Progress
              percent={Math.floor(state.fraction * 100)}
              size="small"
              aria-label={tr(`${state.fileName} 上传进度`, `${state.fileName}: upload progress`)}
            />
            <Typography.Text className="hint">{tr('正在上传…', 'Uploading…')}</Typography.Text>
          </div>
        )}
        {state?.stage === 'importing' && <ImportProgress importId={state.importId} fileName={state.fileName} onDone={onDone} />}
        {state?.stage === 'done' && <JobOutcome job={state.job} />}
        {state?.stage === 'failed' && (
          <Typography.Text className="danger-text" role="alert" data-testid="import-outcome">
            {tr('上传失败', 'Upload failed')}：{state.reason}
          </Typography.Text>
        )}
      </div>
    </Flex>
  );
}

function BatchTable() {
  const [source, setSource] = useState<SourceName | 'all'>('all');
  const { role } = useSession().user;
  const batches = useQuery({
    queryKey: batchesQueryKey,
    queryFn: listBatches,
    refetchInterval: (q) => (q.state.data?.some((b) => b.status === 'running') ? 3000 : false),
  });

  const columns: ColumnsType<Batch> = [
    { title: tr('批次号', 'Batch'), dataIndex: 'batchId', key: 'batchId', width: 80 },
    { title: tr('数据类别', 'Source'), key: 'source', width: 150, render: (_, b) => tv('source', b.source) },
    {
      title: tr('文件（格式与编码）', 'File (format)'),
      key: 'fileName',
      width: 220,
      render: (_, b) => (
        <>
          <div className="cell-file">{b.fileName}</div>
          <Typography.Text className="hint">{howRead(b)}</Typography.Text>
        </>
      ),
    },
    { title: tr('状态', 'Status'), key: 'status', width: 90, render: (_, b) => <BatchStatus status={b.status} /> },
    { title: tr('总行数', 'Rows'), key: 'rowsTotal', width: 90, align: 'right', render: (_, b) => num(b.rowsTotal) },
    { title: tr('已导入', 'Imported'), key: 'rowsAccepted', width: 90, align: 'right', render: (_, b) => num(b.rowsAccepted) },
    {
      title: tr('拒收', 'Rejected'),
      key: 'rowsRejected',
      width: 80,
      align: 'right',
      render: (_, b) => <span data-testid="rows-rejected">{num(b.rowsRejected)}</span>,
    },
    { title: tr('警告', 'Warnings'), key: 'rowsWarned', width: 80, align: 'right', render: (_, b) => num(b.rowsWarned) },
    { title: tr('导入时间', 'Imported at'), key: 'finishedAt', width: 150, render: (_, b) => formatInstant(b.finishedAt ?? b.startedAt) },
    {
      title: tr('问题清单', 'Issues'),
      key: 'issues',
      width: 150,
      render: (_, b) =>
        b.error ? (
          <Typography.Text className="danger-text">{b.error}</Typography.Text>
        ) : b.rowsRejected + b.rowsWarned > 0 && mayDownloadIssues(role) ? (
          <IssuesButton batchId={b.batchId} fileName={b.fileName} />
        ) : null,
    },
  ];

  return (
    <Card
      title={tr('导入记录', 'Imports')}
      className="form-card"
      extra={
        <Flex gap={8} wrap>
          <Select
            aria-label={tr('按数据类别筛选', 'Filter by source')}
            value={source}
            onChange={setSource}
            popupMatchSelectWidth={false}
            options={[{ value: 'all', label: tr('全部数据类别', 'Every source') }, ...SOURCE_NAMES.map((s) => ({ value: s, label: tv('source', s) }))]}
          />
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void batches.refetch()} loading={batches.isFetching}>
            {tr('刷新', 'Refresh')}
          </Button>
        </Flex>
      }
    >
      <Loaded query={batches}>
        {(items) => (
          <Table<Batch>
            rowKey="batchId"
            size="small"
            columns={columns}
            dataSource={source === 'all' ? items : items.filter((b) => b.source === source)}
            scroll={{ x: 'max-content' }}
            pagination={{ placement: ['topEnd', 'bottomEnd'], pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: <span className="hint">{tr('尚无导入记录：在上方选择文件上传', 'Nothing imported yet: upload a file above')}</span> }}
            data-testid="batches-table"
          />
        )}
      </Loaded>
    </Card>
  );
}

function ImportsPage() {
  const title = pageOf('imports').title;
  // Issue 21: a city's 公积金中心 uploads its fund data only (the API refuses the other sources to it).
  const { role } = useSession().user;
  const sources = role === 'city_fund_officer' ? SOURCE_NAMES.filter((s) => s === 'housing_fund') : SOURCE_NAMES;
  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      <Card title={tr('上传数据文件', 'Upload data files')} className="form-card">
        <Typography.Paragraph className="hint">
          {tr(
            '每类数据上传一个 CSV 或 XLSX 文件（CSV 可为 UTF-8 或 GB18030 编码）。上传后由后台导入，本页显示进度；不合格的行被拒收，可下载问题清单。',
            'Upload one CSV or XLSX file per source (CSV in UTF-8 or GB18030). The import runs in the background and this page shows its progress; rows that fail the checks are rejected and listed in the issues file.',
          )}
        </Typography.Paragraph>
        <Flex vertical gap={12}>
          {sources.map((s) => (
            <SourceRow key={s} source={s} />
          ))}
        </Flex>
      </Card>
      <BatchTable />
    </PageContainer>
  );
}

export default ImportsPage;
