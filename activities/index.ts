import type { Pool } from 'pg';
import type { AppConfig } from '../platform/config';
import { createAlertActivities } from './alerts';
import { createCampaignActivities } from './campaigns';
import { createCaseActivities } from './cases';
import { createDataImportActivities } from './dataImport';
import { createDocumentActivities } from './documents';
import { createNotificationActivities } from './notifications';
import { procedureDocumentData } from './procedure/documentData';
import { createProcedureActivities } from './procedure';
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
    ...createProcedureActivities(deps),
    // The penalty procedure's numbers, documents, bases and calendar; a document's data read by reference.
    ...createDocumentActivities({ pool: deps.pool, documentData: procedureDocumentData }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
