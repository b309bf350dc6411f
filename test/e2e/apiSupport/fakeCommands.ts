/** A command port that answers without workflows: for tests of authorization and validation only. */
import { openingProcedureState } from '../../../domain/procedureState';
import type { CommandPort } from '../../../api/commands/commandPort';

export function createFakeCommands(): CommandPort {
  const now = () => new Date().toISOString();
  return {
    async launchCampaign(config) {
      return { campaignId: String(config.id), workflowId: `campaign/${String(config.id)}`, snapshotId: 1 };
    },
    async extendDeadline(a) {
      return [{ deadlineKey: a.cityCode ? `${a.phase}/${a.cityCode}` : a.phase, toDate: a.newDate, dueAt: now() }];
    },
    async submitReport() {
      return { version: 1, late: false, submittedAt: now(), status: 'signing', awaiting: ['hr'] };
    },
    async signSubmission(a) {
      return { version: a.version, late: false, submittedAt: now(), status: 'submitted', awaiting: [] };
    },
    async reviewSubmission(a) {
      return { status: a.decision === 'approve' ? 'approved' : 'returned' };
    },
    async recordSelfCheckDeclaration() {
      return { declarationId: 1 };
    },
    async addCampaignSnapshot() {
      return { snapshotId: 2, cities: [] };
    },
    async requestDeregistration() {
      return { requestId: 1, slaDue: now().slice(0, 10), slaDueAt: now() };
    },
    async processDeregistration() {
      return { withinSla: true };
    },
    async registerComplaintCase() {
      return { complaintNo: '2201-2026-000001', queryCode: 'ABCDEFGHJKMN', acceptDueAt: now(), created: true };
    },
    async complaintStep(a) {
      return { complaintNo: a.complaintNo, status: 'accepted', acceptDueAt: now(), reminders: 0, overdue: false };
    },
    async registerComplaint(a) {
      return { complaintId: a.requestId, caseId: 'fake-case', newCase: false };
    },
    async decideCase(ref, decision, _officer, updateId) {
      return { caseId: ref.caseId, updateId, outcome: decision.outcome, decidedOn: now().slice(0, 10), penaltyIds: [], exempt: false };
    },
    async carryOverCase(ref) {
      return { caseId: ref.caseId, updateId: `carry-over/${ref.caseId}`, carriedOverOn: now().slice(0, 10) };
    },
    async imposeProvincialPenalty(ref, _a, _officer, updateId) {
      return { caseId: ref.caseId, updateId, imposedOn: now().slice(0, 10), penaltyIds: [] };
    },
    async reopenCase(ref, _a, _officer, updateId) {
      return { caseId: ref.caseId, updateId, reopenedOn: now().slice(0, 10), previousOutcome: 'COMPLIANT', submissionVersion: 1, withdrawnPenaltyIds: [] };
    },
    async overrideOutcome(ref, a, _officer, updateId) {
      return {
        caseId: ref.caseId,
        updateId,
        outcome: a.decision.outcome,
        previousOutcome: 'COMPLIANT',
        overriddenOn: now().slice(0, 10),
        liability: 'none',
        exempt: false,
        penaltyIds: [],
        withdrawnPenaltyIds: [],
      };
    },
    async procedureCommand(c) {
      const today = now().slice(0, 10);
      return {
        ...openingProcedureState({
          procedureId: `penalty-procedure/${c.caseId}/${c.level}`,
          caseId: c.caseId,
          campaignId: 'fake',
          cityCode: c.officer.cityCode ?? '2201',
          level: c.level,
          authorityCode: c.level === 'city' ? (c.officer.cityCode ?? '2201') : '22',
          violation: 'IMPROPER_REGISTRATION',
          openedOn: today,
          timeLimitOn: today,
        }),
        awaiting: ['approve_proposal'],
      };
    },
  };
}
