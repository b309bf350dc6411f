/** The coordinator's campaigns: each with its phase, status and calendar; one click opens its overview. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import type { CampaignSummary } from '../../api/campaigns';
import { useCampaign, useCampaignList } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { formatDate, formatInstant } from '../../format';
import { currentLang, tr, tv } from '../../labels';
import { type Tone, ToneTag } from '../../components/ToneTag';
import '../../components/province/province.css';

const STATUS_TONE: Record<CampaignSummary['status'], Tone> = { running: 'busy', completed: 'good', failed: 'bad', cancelled: 'plain' };

function CampaignsPage() {
  const title = pageOf('campaigns').title;
  const navigate = useNavigate();
  const query = useCampaignList();
  const { campaignId, choose } = useCampaign();

  const open = (id: string) => {
    choose(id);
    void navigate('/overview');
  };

  const columns: ColumnsType<CampaignSummary> = [
    { title: tr('行动名称', 'Name'), dataIndex: 'name', key: 'name', width: 220 },
    { title: tr('行动编号', 'Campaign ID'), dataIndex: 'id', key: 'id', width: 150 },
    { title: tr('当前阶段', 'Phase'), key: 'phase', width: 110, render: (_, c) => tv('phase', c.phase) },
    {
      title: tr('状态', 'Status'),
      key: 'status',
      width: 90,
      render: (_, c) => <ToneTag tone={STATUS_TONE[c.status]}>{tv('status', c.status)}</ToneTag>,
    },
    {
      title: tr('工作日程', 'Calendar'),
      key: 'calendar',
      width: 220,
      render: (_, c) => `${formatDate(c.calendar.selfCheck.start)} — ${formatDate(c.calendar.provincialVerification.deadline)}`,
    },
    { title: tr('发起时间', 'Launched'), key: 'launchedAt', width: 150, render: (_, c) => formatInstant(c.launchedAt) },
    {
      title: tr('操作', 'Actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, c) => (
        <Button type="link" onClick={() => open(c.id)} aria-label={`${tr('查看进展', 'Open the overview')}：${c.name}`}>
          {tr('查看进展', 'Overview')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title={currentLang() === 'zh' ? title.zh : title.en}
      extra={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/campaigns/new')}>
          {tr('发起行动', 'Launch a campaign')}
        </Button>
      }
    >
      <Loaded query={query}>
        {(campaigns) =>
          campaigns.length === 0 ? (
            <Empty description={tr('尚未发起专项行动。导入数据并生成快照后，即可发起。', 'No campaign yet. Import the data, make a snapshot, then launch.')} />
          ) : (
            <Table<CampaignSummary>
              rowKey="id"
              columns={columns}
              dataSource={campaigns}
              scroll={{ x: 'max-content' }}
              rowClassName={(c) => (c.id === campaignId ? 'row-current' : '')}
              pagination={{ placement: ['topEnd', 'bottomEnd'], pageSize: 20, hideOnSinglePage: true }}
              data-testid="campaigns-table"
            />
          )
        }
      </Loaded>
    </PageContainer>
  );
}

export default CampaignsPage;
