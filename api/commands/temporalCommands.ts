/**
 * The command port on Temporal: each command is an update on the workflow that owns it, sent
 * with the caller's idempotency key as update id (a repeat returns the first result). Commands
 * that carry personal data go through the services layer, which stores the row and hands the
 * workflow its id only.
 */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { AppConfig } from '../../platform/config';
import { campaignWorkflowId, extendProvinceDeadlineUpdate } from '../../workflows/messages/campaign';
import { caseWorkflowId, decideCaseUpdate, imposeProvincialPenaltyUpdate } from '../../workflows/messages/case';
import {
  cityWorkflowId, extendCityDeadlineUpdate, processDeregistrationUpdate, reviewSubmissionUpdate, submitInvestigationUpdate,
  submitSelfCheckUpdate,
} from '../../workflows/messages/city';
import { Problem } from '../http/problem';
import type { CommandPort } from './commandPort';

export function createTemporalCommands(deps: { client: Client; pool: Pool; config: AppConfig }): CommandPort {
  const wf = deps.client.workflow;
  const city = (campaignId: string, cityCode: string) => wf.getHandle(cityWorkflowId(campaignId, cityCode));
  const notWired = (what: string): never => {
    throw new Problem('unavailable', `${what} is not wired to the campaign services yet`);
  };

  return {
    async launchCampaign() {
      return notWired('launching a campaign');
    },

    async extendDeadline(a) {
      if (a.phase === 'provincialVerification') {
        return wf.getHandle(campaignWorkflowId(a.campaignId)).executeUpdate(extendProvinceDeadlineUpdate, {
          args: [{ officer: a.officer, newDate: a.newDate, reason: a.reason }],
          updateId: a.requestId,
        });
      }
      if (!a.cityCode) throw new Problem('validation_failed', `a ${a.phase} deadline belongs to a city: give cityCode`);
      return city(a.campaignId, a.cityCode).executeUpdate(extendCityDeadlineUpdate, {
        args: [{ officer: a.officer, phase: a.phase, newDate: a.newDate, reason: a.reason }],
        updateId: a.requestId,
      });
    },

    async submitReport(a) {
      const update = a.kind === 'self_check' ? submitSelfCheckUpdate : submitInvestigationUpdate;
      return city(a.campaignId, a.cityCode).executeUpdate(update, {
        args: [{ officer: a.officer, ...(a.summary ? { summary: a.summary } : {}) }],
        updateId: a.requestId,
      });
    },

    async reviewSubmission(a) {
      return city(a.campaignId, a.cityCode).executeUpdate(reviewSubmissionUpdate, {
        args: [{ officer: a.officer, kind: a.kind, version: a.version, decision: a.decision, ...(a.comments ? { comments: a.comments } : {}) }],
        updateId: a.requestId,
      });
    },

    async recordSelfCheckDeclaration() {
      return notWired('recording a self-check declaration');
    },

    async requestDeregistration() {
      return notWired('recording a deregistration request');
    },

    async processDeregistration(a) {
      return city(a.campaignId, a.cityCode).executeUpdate(processDeregistrationUpdate, {
        args: [{ officer: a.officer, requestId: a.requestId, outcome: a.outcome }],
        updateId: a.updateId,
      });
    },

    async registerComplaint() {
      return notWired('registering a complaint');
    },

    async decideCase(ref, decision, officer, updateId) {
      return wf.getHandle(caseWorkflowId(ref.campaignId, ref.cityCode, ref.caseId)).executeUpdate(decideCaseUpdate, {
        args: [{ decision, officer }],
        updateId,
      });
    },

    async imposeProvincialPenalty(ref, a, officer, updateId) {
      return wf.getHandle(caseWorkflowId(ref.campaignId, ref.cityCode, ref.caseId)).executeUpdate(imposeProvincialPenaltyUpdate, {
        args: [{ officer, ...(a.kinds ? { kinds: a.kinds as never } : {}), ...(a.note ? { note: a.note } : {}) }],
        updateId,
      });
    },
  };
}
