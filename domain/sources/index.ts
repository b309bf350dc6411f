/** The input sources of the DATA-CONTRACT, by name. */
import type { City } from '../cities';
import { examApplicationsSource } from './examApplications';
import { housingFundSource } from './housingFund';
import { laborContractsSource } from './laborContracts';
import { publicSectorStaffSource } from './publicSectorStaff';
import { registrationsSource } from './registrations';
import { socialInsuranceSource } from './socialInsurance';
import type { AnySource, SourceName } from './types';
import { unitsSource } from './units';

export * from './types';

const DEFAULTS: Record<SourceName, AnySource> = {
  registrations: registrationsSource(),
  social_insurance: socialInsuranceSource,
  housing_fund: housingFundSource(),
  units: unitsSource,
  public_sector_staff: publicSectorStaffSource,
  exam_applications: examApplicationsSource,
  labor_contracts: laborContractsSource,
};

/**
 * A source's definition; `cities` replaces the default Jilin list where a source names cities;
 * `ownCity`: a city's own upload of fund data, whose rows of another city are rejected.
 */
export function getSource(name: SourceName, opts: { cities?: readonly City[]; ownCity?: City } = {}): AnySource {
  if (name === 'registrations' && opts.cities) return registrationsSource(opts.cities);
  if (name === 'housing_fund' && opts.ownCity) return housingFundSource(opts.ownCity);
  return DEFAULTS[name];
}
