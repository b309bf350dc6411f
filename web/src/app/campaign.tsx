/**
 * The campaign the console is looking at: the one the user picked (kept for the tab), else the
 * running campaign launched last, else the newest. Every page reads it from here.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { listCampaigns, type CampaignSummary } from '../api/campaigns';

const CAMPAIGN_KEY = 'gz.campaign';

interface CampaignChoice {
  campaigns: CampaignSummary[];
  /** Undefined while there is no campaign at all. */
  campaignId: string | undefined;
  campaign: CampaignSummary | undefined;
  choose: (id: string) => void;
}

const CampaignContext = createContext<CampaignChoice | undefined>(undefined);

export const campaignsQueryKey = ['campaigns'] as const;

export function useCampaignList() {
  return useQuery({ queryKey: campaignsQueryKey, queryFn: listCampaigns });
}

export function CampaignProvider({ campaigns, children }: { campaigns: CampaignSummary[]; children: ReactNode }) {
  const [picked, setPicked] = useState(() => sessionStorage.getItem(CAMPAIGN_KEY) ?? undefined);
  const campaign = campaigns.find((c) => c.id === picked) ?? campaigns.find((c) => c.status === 'running') ?? campaigns[0];
  const choose = (id: string) => {
    sessionStorage.setItem(CAMPAIGN_KEY, id);
    setPicked(id);
  };
  return <CampaignContext.Provider value={{ campaigns, campaignId: campaign?.id, campaign, choose }}>{children}</CampaignContext.Provider>;
}

export function useCampaign(): CampaignChoice {
  const choice = useContext(CampaignContext);
  if (!choice) throw new Error('useCampaign outside CampaignProvider');
  return choice;
}
