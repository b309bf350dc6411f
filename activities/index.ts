import type { Pool } from 'pg';
import type { AppConfig } from '../platform/config';
import { createAlertActivities } from './alerts';
import { createCampaignActivities } from './campaigns';
import { createCaseActivities } from './cases';
import { createComplaintActivities } from './complaints';
import { createDataImportActivities } from './dataImport';
import { createDocumentActivities } from './documents';
import { createIntermediaryActivities } from './intermediaries';
import { createNotificationActivities } from './notifications';
import { procedureDocumentData } from './procedure/documentData';
import { createProcedureActivities } from './procedure';
import { createReportActivities } from './reports';
import { createSubmissionActivities } from './submissions';
import { createTaskActivities } from './tasks/taskDue';

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
    ...createComplaintActivities(deps),
    ...createDataImportActivities(deps),
    ...createSubmissionActivities(deps),
    ...createNotificationActivities(deps),
    ...createReportActivities(deps),
    ...createProcedureActivities(deps),
    ...createTaskActivities(deps),
    ...createIntermediaryActivities(deps),
    // The penalty procedure's numbers, documents, bases and calendar; a document's data read by reference.
    ...createDocumentActivities({ pool: deps.pool, documentData: procedureDocumentData }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
