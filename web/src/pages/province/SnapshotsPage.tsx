/**
 * Data snapshots: what a campaign screens. Each snapshot with its sources and row counts, whether a
 * campaign can use it, the campaigns launched on it; a new one made from chosen import batches
 * (the newest completed batch of each source is chosen to begin with).
 */
import { CameraOutlined, RocketOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { listBatches, type Batch } from '../../api/imports';
import { createSnapshot, listSnapshots, type SnapshotSummary } from '../../api/snapshots';
import { pageOf } from '../../app/pageAccess';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { showProblemInForm } from '../../components/problems';
import { AddSnapshotToCampaign } from '../../components/province/AddSnapshotToCampaign';
import { BatchStatus, batchesQueryKey, howRead, num } from '../../components/province/batches';
import { formatInstant } from '../../format';
import { currentLang, tr, tv } from '../../labels';
import { ToneTag } from '../../components/ToneTag';
import '../../components/province/province.css';

const snapshotsQueryKey = ['snapshots'] as const;

interface NewSnapshot {
  label: string;
}

/** The newest completed batch of each source: what a coordinator usually means by "the data". */
function newestPerSource(batches: Batch[]): number[] {
  const picked = new Map<string, number>();
  for (const b of batches) if (b.status === 'completed' && !picked.has(b.source)) picked.set(b.source, b.batchId);
  return [...picked.values()];
}

function MakeSnapshot({ batches }: { batches: Batch[] }) {
  const [form] = Form.useForm<NewSnapshot>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const completed = useMemo(() => batches.filter((b) => b.status === 'completed'), [batches]);
  const [chosen, setChosen] = useState<number[]>(() => newestPerSource(batches));
  const [failure, setFailure] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const chosenSources = new Set(completed.filter((b) => chosen.includes(b.batchId)).map((b) => b.source));

  async function make(v: NewSnapshot): Promise<void> {
    setFailure([]);
    if (chosen.length === 0) return setFailure([tr('请至少勾选一个导入批次', 'Choose at least one import batch')]);
    setBusy(true);
    try {
      const made = await createSnapshot(v.label.trim(), chosen);
      await queryClient.invalidateQueries({ queryKey: snapshotsQueryKey });
      void message.success(tr(`已生成数据快照，编号 ${made.snapshotId}`, `Snapshot ${made.snapshotId} made`));
    } catch (err) {
      setFailure(showProblemInForm(form, err));
    } finally {
      setBusy(false);
    }
  }

  const columns: ColumnsType<Batch> = [
    { title: tr('批次号', 'Batch'), dataIndex: 'batchId', key: 'batchId', width: 80 },
    { title: tr('数据类别', 'Source'), key: 'source', width: 150, render: (_, b) => tv('source', b.source) },
    { title: tr('文件', 'File'), dataIndex: 'fileName', key: 'fileName', width: 220, ellipsis: true },
    { title: tr('格式与编码', 'Format'), key: 'format', width: 110, render: (_, b) => howRead(b) },
    { title: tr('已导入行数', 'Rows'), key: 'rows', width: 100, align: 'right', render: (_, b) => num(b.rowsAccepted) },
    { title: tr('导入时间', 'Imported at'), key: 'at', width: 150, render: (_, b) => formatInstant(b.finishedAt ?? b.startedAt) },
    { title: tr('状态', 'Status'), key: 'status', width: 90, render: (_, b) => <BatchStatus status={b.status} /> },
  ];

  return (
    <Card title={tr('生成数据快照', 'Make a snapshot')} className="form-card">
      <Typography.Paragraph className="hint">
        {tr(
          '勾选要纳入快照的导入批次（已预选每类数据最新完成的批次）。发起行动时选择快照，筛查即以快照中的数据为准。',
          'Tick the import batches the snapshot holds (the newest completed batch of each source is ticked). A campaign screens the snapshot it is launched on.',
        )}
      </Typography.Paragraph>
      <Form<NewSnapshot>
        form={form}
        name="snapshot"
        layout="vertical"
        initialValues={{ label: tr(`${new Date().getFullYear()}年数据快照`, `Snapshot ${new Date().getFullYear()}`) }}
        onFinish={(v) => void make(v)}
      >
        <Form.Item
          label={tr('快照名称', 'Name')}
          name="label"
          rules={[
            { required: true, whitespace: true, message: tr('请填写快照名称', 'Enter a name') },
            { max: 200, message: tr('快照名称最多 200 个字', 'At most 200 characters') },
          ]}
        >
          <Input className="snapshot-label" />
        </Form.Item>
        <Table<Batch>
          rowKey="batchId"
          size="small"
          columns={columns}
          dataSource={completed}
          scroll={{ x: 'max-content' }}
          pagination={{ placement: ['topEnd', 'bottomEnd'], pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          rowSelection={{
            selectedRowKeys: chosen,
            onChange: (keys) => setChosen(keys.map(Number)),
            // No header checkbox: rc-table copies it into its hidden measuring row, a focusable control in aria-hidden.
            hideSelectAll: true,
            getCheckboxProps: (b) => ({ 'aria-label': tr(`选择批次 ${b.batchId}（${tv('source', b.source)}）`, `Choose batch ${b.batchId}`) }),
          }}
          locale={{
            emptyText: (
              <span className="hint">
                {tr('尚无已完成的导入批次：请先在“数据导入”页上传数据', 'No completed import yet: upload the data on the imports page first')}
              </span>
            ),
          }}
          data-testid="snapshot-batches"
        />
        {chosen.length > 0 && !chosenSources.has('registrations') && (
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            title={tr(
              '所选批次中没有注册信息：这样的快照不能用于发起行动',
              'No registrations among the chosen batches: a campaign cannot screen such a snapshot',
            )}
          />
        )}
        {failure.length > 0 && (
          <Alert type="error" showIcon role="alert" className="form-alert" title={tr('未能生成快照', 'Not made')} description={failure.join('；')} />
        )}
        <Flex gap={8} className="form-actions" align="center">
          <Button type="primary" htmlType="submit" icon={<CameraOutlined aria-hidden />} loading={busy}>
            {tr('生成快照', 'Make the snapshot')}
          </Button>
          <Button onClick={() => setChosen(completed.map((b) => b.batchId))}>{tr('全选', 'All')}</Button>
          <Button onClick={() => setChosen(newestPerSource(batches))}>{tr('每类最新', 'Newest of each')}</Button>
          <Typography.Text className="hint">{tr(`已选 ${chosen.length} 个批次`, `${chosen.length} batches chosen`)}</Typography.Text>
        </Flex>
        <AddSnapshotToCampaign batchIds={chosen} sources={[...chosenSources]} />
      </Form>
    </Card>
  );
}

function SnapshotList() {
  const navigate = useNavigate();
  const snapshots = useQuery({ queryKey: snapshotsQueryKey, queryFn: listSnapshots });
  const columns: ColumnsType<SnapshotSummary> = [
    { title: tr('编号', 'No.'), dataIndex: 'snapshotId', key: 'id', width: 60 },
    {
      title: tr('快照名称与生成时间', 'Name, made'),
      key: 'label',
      width: 200,
      render: (_, s) => (
        <>
          <div>{s.label}</div>
          <Typography.Text className="hint">{formatInstant(s.createdAt)}</Typography.Text>
        </>
      ),
    },
    {
      title: tr('包含数据', 'Data'),
      key: 'sources',
      width: 320,
      render: (_, s) => (
        <Flex gap={4} wrap>
          {s.sources.map((x) => (
            <Tag key={x.source}>
              {tv('source', x.source)} {num(x.rows)} {tr('行', 'rows')}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: tr('可否用于发起', 'Usable'),
      key: 'usable',
      width: 160,
      render: (_, s) => (
        <>
          {s.usable ? <ToneTag tone="good">{tr('可用', 'Usable')}</ToneTag> : <Typography.Text>{s.problems.join('；')}</Typography.Text>}
          {s.campaigns.length > 0 && <div className="hint">{tr(`已用于：${s.campaigns.join('、')}`, `Used by: ${s.campaigns.join(', ')}`)}</div>}
        </>
      ),
    },
    {
      title: tr('操作', 'Actions'),
      key: 'actions',
      width: 140,
      render: (_, s) =>
        s.usable ? (
          <Button size="small" icon={<RocketOutlined aria-hidden />} onClick={() => void navigate(`/campaigns/new?snapshot=${s.snapshotId}`)}>
            {tr('用此快照发起', 'Launch with it')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card title={tr('已有数据快照', 'Snapshots')} className="form-card">
      <Loaded query={snapshots}>
        {(items) => (
          <Table<SnapshotSummary>
            rowKey="snapshotId"
            size="small"
            columns={columns}
            dataSource={items}
            scroll={{ x: 'max-content' }}
            pagination={{ placement: ['topEnd', 'bottomEnd'], pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: <span className="hint">{tr('尚无数据快照：在下方勾选导入批次生成', 'No snapshot yet: make one below')}</span> }}
            data-testid="snapshots-table"
          />
        )}
      </Loaded>
    </Card>
  );
}

function SnapshotsPage() {
  const title = pageOf('snapshots').title;
  const batches = useQuery({ queryKey: batchesQueryKey, queryFn: listBatches });
  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      <SnapshotList />
      <Loaded query={batches}>{(items) => <MakeSnapshot batches={items} />}</Loaded>
    </PageContainer>
  );
}

export default SnapshotsPage;
