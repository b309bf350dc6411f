/**
 * Fresh data during a campaign (issue 21 item 4): the chosen import batches form a new snapshot of a
 * running campaign, and every running city re-screens it against its list. Confirmed first; the
 * answer shows each city's outcome (newly flagged, no longer flagged, reasons changed).
 */
import { SyncOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Flex, Popconfirm, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { cityName } from '../../../../domain/cities';
import type { Batch } from '../../api/imports';
import { addCampaignSnapshot, type SnapshotAdded } from '../../api/selfCheck';
import { useCampaign } from '../../app/campaign';
import { tr } from '../../labels';
import { errorText } from '../problems';

const OUTCOME_LABELS: Record<SnapshotAdded['cities'][number]['outcome'], string> = { rescreened: '已复筛', closed: '已结束，未复筛', refused: '未复筛' };

/** `sources`: the data sources of the chosen batches (replaced whole when the coordinator says so). */
export function AddSnapshotToCampaign({ batchIds, sources }: { batchIds: number[]; sources: Batch['source'][] }) {
  const { campaigns, campaignId } = useCampaign();
  const running = campaigns.filter((c) => c.status === 'running');
  const [target, setTarget] = useState<string | undefined>(() => running.find((c) => c.id === campaignId)?.id ?? running[0]?.id);
  const [replace, setReplace] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SnapshotAdded>();
  const [failure, setFailure] = useState<string>();
  const queryClient = useQueryClient();

  async function add(): Promise<void> {
    if (!target) return;
    setBusy(true);
    setFailure(undefined);
    setResult(undefined);
    try {
      setResult(await addCampaignSnapshot(target, { batchIds, replaceSources: replace ? sources : [] }));
      await queryClient.invalidateQueries({ queryKey: ['snapshots'] });
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  if (running.length === 0) return null;
  return (
    <div className="section" data-testid="add-snapshot-to-campaign">
      <Typography.Paragraph className="hint">
        {tr(
          '行动进行中收到新数据：所选批次组成行动的新快照，各进行中的市（州）据此重新比对（只比对数据有变化的人员，不关闭已有案件）。',
          'Fresh data during a campaign: the chosen batches form its new snapshot and every running city re-screens it (cases are never closed by it).',
        )}
      </Typography.Paragraph>
      <Flex gap={8} align="center" wrap>
        <Typography.Text id="add-snapshot-campaign">{tr('进行中的行动', 'Running campaign')}</Typography.Text>
        <Select
          aria-labelledby="add-snapshot-campaign"
          value={target}
          onChange={setTarget}
          style={{ minWidth: 240 }}
          options={running.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)}>
          {tr('所选批次整体替换该行动中同类数据', 'The chosen batches replace their sources whole')}
        </Checkbox>
        <Popconfirm
          title={tr('加入新数据并重新比对？', 'Add the data and re-screen?')}
          description={tr(
            `所选 ${batchIds.length} 个批次将组成该行动的新快照，各市（州）重新比对。`,
            `${batchIds.length} batches form a new snapshot; every city re-screens.`,
          )}
          okText={tr('确认加入', 'Add')}
          cancelText={tr('取消', 'Cancel')}
          onConfirm={() => void add()}
          disabled={!target || batchIds.length === 0}
        >
          <Button icon={<SyncOutlined aria-hidden />} loading={busy} disabled={!target || batchIds.length === 0}>
            {tr('加入进行中的行动并重新比对', 'Add to the running campaign and re-screen')}
          </Button>
        </Popconfirm>
      </Flex>
      {failure && <Alert type="error" showIcon role="alert" className="form-alert" title={tr('未能加入', 'Not added')} description={failure} />}
      {result && (
        <Alert
          type="success"
          showIcon
          className="form-alert"
          title={tr(`已生成行动的新快照，编号 ${result.snapshotId}`, `New snapshot ${result.snapshotId}`)}
          description={
            <Table
              rowKey="cityCode"
              size="small"
              pagination={false}
              dataSource={result.cities}
              data-testid="add-snapshot-result"
              columns={[
                { key: 'city', title: tr('市（州）', 'City'), render: (_v, c) => cityName(c.cityCode) },
                {
                  key: 'outcome',
                  title: tr('结果', 'Outcome'),
                  render: (_v, c) => tr(OUTCOME_LABELS[c.outcome], c.outcome) + (c.message ? `：${c.message}` : ''),
                },
                { key: 'new', title: tr('新增疑似', 'Newly flagged'), align: 'right', render: (_v, c) => c.result?.newlyFlagged ?? '' },
                { key: 'gone', title: tr('不再疑似', 'No longer flagged'), align: 'right', render: (_v, c) => c.result?.noLongerFlagged ?? '' },
                { key: 'changed', title: tr('原因变化', 'Reasons changed'), align: 'right', render: (_v, c) => c.result?.reasonsChanged ?? '' },
              ]}
            />
          }
        />
      )}
    </div>
  );
}
