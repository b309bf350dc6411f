/**
 * A case's settings from its campaign's rules: what the city hands its shards and complaint cases,
 * and what the services layer gives a case workflow it starts again for a correction (a reopening,
 * an override, a provincial penalty after the first run ended). One function, so both read the
 * province's reserved penalty kinds from the same place as the decision preview: the campaign's
 * `rules.provincialPenaltyKinds`.
 */
import type { CampaignRules } from '../../domain/campaignConfig';
import type { CaseSettingsInput } from './case';

export function caseSettingsOf(rules: Pick<CampaignRules, 'reminderAfterDays' | 'escalateAfterDays' | 'provincialPenaltyKinds'>): CaseSettingsInput {
  return {
    reminderAfterDays: rules.reminderAfterDays,
    escalateAfterDays: rules.escalateAfterDays,
    provincialPenaltyKinds: [...rules.provincialPenaltyKinds],
  };
}
