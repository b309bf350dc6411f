import * as domain from '../../../domain';

describe('domain index', () => {
  it('re-exports the API other modules code against', () => {
    for (const name of [
      'parseIdNumber',
      'idCheckCharacter',
      'maskIdNumber',
      'ageOn',
      'isValidUscc',
      'normaliseUscc',
      'usccCheckCharacter',
      'UnitKind',
      'resolveUnitKind',
      'unitKindFromUscc',
      'JILIN_CITIES',
      'resolveCity',
      'cityName',
      'CertCategory',
      'resolveCertCategory',
      'normaliseUnitName',
      'sameUnit',
      'UnitDirectory',
      'isBranchByName',
      'unitsMatch',
      'FlagCode',
      'DEFAULT_RISK_WEIGHTS',
      'riskScore',
      'ScreeningSettings',
      'CampaignCalendar',
      'SEED_CALENDAR',
      'deadlineInstant',
      'shanghaiDate',
      'addWorkingDays',
      'monthsBack',
      'CaseDecision',
      'CompliantGround',
      'PenaltyKind',
      'ImposingLevel',
      'banPeriod',
      'exemptFromLiability',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
