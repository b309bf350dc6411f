/**
 * 省级处罚程序: the province's own procedures (its measures, and its proposals to the ministry for
 * 一级 categories) with the ministry's answer, open and closed. The coordinator works them from the
 * case page; supervisors and auditors read them.
 */
import { useQuery } from '@tanstack/react-query';
import { Empty, Segmented } from 'antd';
import { useState } from 'react';
import { getProceduresDue, type ProceduresDueQuery } from '../../api/procedures';
import { useCampaign } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { ProcedureTable } from '../../components/procedures/ProcedureTable';
import { currentLang, tr } from '../../labels';

type Status = NonNullable<ProceduresDueQuery['status']>;

export default function ProvinceProceduresPage() {
  const title = pageOf('provinceProcedures').title;
  const { campaignId } = useCampaign();
  const [status, setStatus] = useState<Status>('all');
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const query = useQuery({
    queryKey: ['proceduresDue', 'province', campaignId, status, paging],
    queryFn: () => getProceduresDue({ campaignId, level: 'province', status, ...paging }),
    enabled: campaignId !== undefined,
  });
  return (
    <PageContainer
      title={currentLang() === 'zh' ? title.zh : title.en}
      extra={
        <Segmented<Status>
          aria-label={tr('办理状态', 'Status')}
          value={status}
          onChange={(v) => (setStatus(v), setPaging((p) => ({ ...p, page: 1 })))}
          options={[
            { value: 'all', label: tr('全部', 'All') },
            { value: 'open', label: tr('办理中', 'Open') },
            { value: 'closed', label: tr('已结案', 'Closed') },
          ]}
        />
      }
    >
      {!campaignId ? (
        <Empty description={tr('暂无专项行动。', 'No campaign yet.')} />
      ) : (
        <Loaded query={query}>
          {(data) =>
            data.total === 0 ? (
              <Empty description={tr('暂无省级处罚程序', 'No provincial procedure')} data-testid="no-procedures" />
            ) : (
              <ProcedureTable data={data} from="/procedures/province" ministry onPage={(page, pageSize) => setPaging({ page, pageSize })} />
            )
          }
        </Loaded>
      )}
    </PageContainer>
  );
}
