import type { Pool } from 'pg';
import type { AppConfig } from '../platform/config';
import { createAlertActivities } from './alerts';
import { createCampaignActivities } from './campaigns';
import { createCaseActivities } from './cases';
import { createDataImportActivities } from './dataImport';
import { createNotificationActivities } from './notifications';
import { createReportActivities } from './reports';
import { createSubmissionActivities } from './submissions';

export interface ActivityDeps {
  pool: Pool;
  config: AppConfig;
}

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createAlertActivities(deps),
    ...createCampaignActivities(deps),
    ...createCaseActivities(deps),
    ...createDataImportActivities(deps),
    ...createSubmissionActivities(deps),
    ...createNotificationActivities(deps),
    ...createReportActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
