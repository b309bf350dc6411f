/** The officer's city in the current campaign; a sentence instead when there is no campaign (or no city) yet. */
import { Empty, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { cityName, JILIN_CITIES } from '../../../../domain/cities';
import { useCampaign } from '../../app/campaign';
import { useSession } from '../../app/session';
import { pageOf, type PageKey } from '../../app/pageAccess';
import { currentLang, tr } from '../../labels';

export function useCityScope(): { campaignId: string | undefined; cityCode: string | undefined; cityLabel: string } {
  const { campaignId } = useCampaign();
  const cityCode = useSession().user.cityCode ?? undefined;
  return { campaignId, cityCode, cityLabel: cityCode ? cityName(cityCode) : '' };
}

export function CityScope({ children }: { children: (scope: { campaignId: string; cityCode: string }) => ReactNode }) {
  const { campaignId, cityCode } = useCityScope();
  if (!cityCode) return <Empty description={tr('您的账号未关联市（州）', 'Your account has no city')} />;
  if (!campaignId) return <Empty description={tr('暂无专项行动：省级统筹发起行动后，这里显示本市（州）的工作', 'No campaign yet')} />;
  return <>{children({ campaignId, cityCode })}</>;
}

/**
 * The city a page shows: the officer's own, or, for the province's roles, the one chosen in the
 * returned picker (for the page's header; none for an officer), the first city until one is chosen.
 * `ownCityLabel` is the officer's city for the title, empty for the province's roles.
 */
export function useChosenCity(initial?: string): { cityCode: string; picker: ReactNode; ownCityLabel: string } {
  const own = useSession().user.cityCode ?? undefined;
  const [picked, setPicked] = useState<string | undefined>(initial);
  const cityCode = own ?? picked ?? JILIN_CITIES[0].code;
  const picker = own ? undefined : (
    <Select
      aria-label={tr('市（州）', 'City')}
      value={cityCode}
      onChange={setPicked}
      options={JILIN_CITIES.map((c) => ({ value: c.code, label: c.name }))}
      style={{ minWidth: 140 }}
    />
  );
  return { cityCode, picker, ownCityLabel: own ? cityName(own) : '' };
}

/** A page title with the officer's city: 核查清单（长春市）. */
export function cityTitle(title: string, cityLabel: string): string {
  return cityLabel ? tr(`${title}（${cityLabel}）`, `${title} (${cityLabel})`) : title;
}

/** A page's title from the page table, in the console's language. */
export function pageTitle(key: PageKey): string {
  const title = pageOf(key).title;
  return currentLang() === 'zh' ? title.zh : title.en;
}

/** A table's empty state: a sentence saying why there is nothing, not an error. */
export function emptyTable(sentence: string): ReactNode {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={sentence} />;
}
