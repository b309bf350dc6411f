/**
 * 待办程序: the penalty procedures the officer works on, nearest running deadline first (a city
 * officer their city's, the coordinator the province's), each with what is awaited and its working
 * days left; a case link opens the procedure with the form of its step. Escalated intermediary
 * orders' procedures are among them for those who act on intermediaries (the API lists them to their
 * readers), linked to the order on the 中介机构 page; the city's 人社局, who acts on no case's
 * procedure, lists only those.
 */
import { useQuery } from '@tanstack/react-query';
import { Empty, Result } from 'antd';
import { useState } from 'react';
import { getProceduresDue } from '../../api/procedures';
import { useCampaign } from '../../app/campaign';
import { pageOf } from '../../app/pageAccess';
import { useSession } from '../../app/session';
import { Loaded } from '../../components/Loaded';
import { PageContainer } from '../../components/PageContainer';
import { ProcedureTable } from '../../components/procedures/ProcedureTable';
import { currentLang, tr } from '../../labels';

export default function ProceduresDuePage() {
  const title = pageOf('procedures').title;
  const { campaignId } = useCampaign();
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const party = useSession().user.role === 'city_hr_officer' ? ('intermediary' as const) : undefined;
  const query = useQuery({
    queryKey: ['proceduresDue', 'due', campaignId, party, paging],
    queryFn: () => getProceduresDue({ campaignId, status: 'open', party, ...paging }),
    enabled: campaignId !== undefined,
  });
  return (
    <PageContainer title={currentLang() === 'zh' ? title.zh : title.en}>
      {!campaignId ? (
        <Empty description={tr('暂无专项行动。', 'No campaign yet.')} />
      ) : (
        <Loaded query={query}>
          {(data) =>
            data.total === 0 ? (
              <Result status="success" title={tr('暂无待办的处罚程序', 'No procedure step is due')} data-testid="no-procedures" />
            ) : (
              <ProcedureTable data={data} from="/procedures" onPage={(page, pageSize) => setPaging({ page, pageSize })} />
            )
          }
        </Loaded>
      )}
    </PageContainer>
  );
}
