/**
 * 督办任务: the supervision (现场调研督办) of each city the 通报 found lagging. The coordinator
 * assigns, records what was found, attaches files and closes each with its result; the province's
 * work report prints them. Supervisors and auditors read.
 */
import { Empty } from 'antd';
import { useCampaign } from '../../app/campaign';
import { useSession } from '../../app/session';
import { pageTitle } from '../../components/city/CityScope';
import { PageContainer } from '../../components/PageContainer';
import { TaskList } from '../../components/tasks/TaskList';
import { tr } from '../../labels';

export default function SupervisionTasksPage() {
  const { campaignId } = useCampaign();
  const role = useSession().user.role;
  return (
    <PageContainer title={pageTitle('supervisionTasks')}>
      {campaignId ? (
        <TaskList
          scope={{ kind: 'supervision', campaignId }}
          canWork={role === 'province_coordinator'}
          title={tr('进展不力市（州）的现场调研督办', 'Supervision of lagging cities')}
          empty={tr('进展通报尚未发布，或未发现进展不力的市（州）', 'No lagging city (or no notice yet)')}
        />
      ) : (
        <Empty description={tr('暂无专项行动', 'No campaign yet')} />
      )}
    </PageContainer>
  );
}
