/** Every route module, in the order the OpenAPI document lists them. */
import { registerAlertRoutes } from './alertRoutes';
import { registerAssignmentRoutes } from './assignmentRoutes';
import { registerAuditRoutes } from './auditRoutes';
import { registerAuthRoutes } from './authRoutes';
import { registerCampaignRoutes } from './campaignRoutes';
import { registerCaseRoutes } from './caseRoutes';
import { registerCodecRoutes } from './codecRoutes';
import type { RouteContext, ZodApp } from './context';
import { registerDecisionRoutes } from './decisionRoutes';
import { registerDueProcessRoutes } from './dueProcessRoutes';
import { registerImportRoutes } from './importRoutes';
import { registerIntakeRoutes } from './intakeRoutes';
import { registerLookupRoutes } from './lookupRoutes';
import { registerPublicationRoutes } from './publicationRoutes';
import { registerProcedureCommandRoutes } from './procedureCommandRoutes';
import { registerProcedureRoutes } from './procedureRoutes';
import { registerReportRoutes } from './reportRoutes';
import { registerSubmissionRoutes } from './submissionRoutes';
import { registerTaskRoutes } from './taskRoutes';

export async function registerRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  registerAuthRoutes(app, ctx);
  registerCampaignRoutes(app, ctx);
  await registerImportRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerDecisionRoutes(app, ctx);
  registerAssignmentRoutes(app, ctx);
  registerIntakeRoutes(app, ctx);
  registerSubmissionRoutes(app, ctx);
  registerAlertRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerLookupRoutes(app, ctx);
  registerPublicationRoutes(app, ctx);
  await registerDueProcessRoutes(app, ctx);
  await registerTaskRoutes(app, ctx);
  await registerProcedureRoutes(app, ctx);
  registerProcedureCommandRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerCodecRoutes(app, ctx);
}
