/**
 * 现场核查: the on-site checks (到岗履职排查) of the units with pronounced hanging, started while the
 * investigation runs as each unit passes the threshold. A city's officers work their city's; the
 * province's roles read any city's, chosen above the list.
 */
import { Empty } from 'antd';
import { cityName } from '../../../../domain/cities';
import { useCampaign } from '../../app/campaign';
import { useSession } from '../../app/session';
import { cityTitle, pageTitle, useChosenCity } from '../../components/city/CityScope';
import { PageContainer } from '../../components/PageContainer';
import { TaskList } from '../../components/tasks/TaskList';
import { tr } from '../../labels';

export default function OnsiteChecksPage() {
  const { campaignId } = useCampaign();
  const user = useSession().user;
  const { cityCode, picker, ownCityLabel } = useChosenCity();
  return (
    <PageContainer title={cityTitle(pageTitle('onsiteChecks'), ownCityLabel)} extra={picker}>
      {campaignId && cityCode ? (
        <TaskList
          scope={{ kind: 'onsite', campaignId, cityCode }}
          canWork={user.role === 'city_officer'}
          title={tr(`${cityName(cityCode)}“挂证”问题突出单位的到岗履职现场核查`, `On-site checks in ${cityName(cityCode)}`)}
          empty={tr('尚无单位达到“挂证”问题突出标准', 'No unit has passed the threshold')}
        />
      ) : (
        <Empty description={tr('暂无专项行动', 'No campaign yet')} />
      )}
    </PageContainer>
  );
}
