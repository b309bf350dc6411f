/**
 * A case's evidence files (issue 20: 询问笔录, contracts, payroll, photos of on-site checks): upload,
 * list, download, kept by the attachment store (owner kind case, the case's id). Access as the case
 * itself: a city officer their city's cases, the province coordinator every case (the access hook
 * finds the case and checks its city, 404 or 403 before the handler); the files hold personal data,
 * so supervisors and auditors, who read cases masked, do not get them.
 */
import { OFFICER_OR_COORDINATOR } from '../authz/access';
import type { RouteContext, ZodApp } from './context';
import { registerOwnerAttachmentRoutes } from './ownerAttachmentRoutes';
import { CaseParams } from './schemas';

export async function registerCaseAttachmentRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  await registerOwnerAttachmentRoutes(app, ctx, {
    base: '/cases/:caseId',
    params: CaseParams,
    access: { roles: OFFICER_OR_COORDINATOR, city: { kind: 'case', param: 'caseId' } },
    action: 'case',
    tags: ['cases'],
    what: 'case',
    whatZh: '案件',
    ownerOf: (p) => ({ kind: 'case', id: p.caseId }),
  });
}
