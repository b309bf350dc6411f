/**
 * The campaign workflow's contract: input and the messages it answers. Kept apart from
 * workflows/campaign.ts so the API and services import it without the workflow's code.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar';
import { OfficerTextField } from '../../domain/officerText';
import { CampaignConfig } from '../../domain/campaignConfig';
import { CityCode } from '../../domain/cityCode';
import { Officer } from '../../domain/officer';
import { SubmissionKind } from '../../domain/submissionKind';
import type { SubmissionState } from './city';
import { plainText } from '../../domain/text';

export const CampaignWorkflowInput = z.object({
  config: CampaignConfig,
  snapshotId: z.number().int().positive(),
  launchedBy: plainText({ max: 100, trim: true }),
  /** Passed to each city (tests use a small bound to exercise continue-as-new). */
  cityMaxHistoryEvents: z.number().int().min(100).optional(),
  /** Start the monthly re-screening when the campaign closes (issue 21; the launch service sets it). */
  monthlyRescreen: z.boolean().optional(),
});
export type CampaignWorkflowInput = z.input<typeof CampaignWorkflowInput>;

export type CampaignPhase = 'launched' | 'selfCheck' | 'investigation' | 'provincialVerification' | 'completed';

export interface CampaignState {
  campaignId: string;
  phase: CampaignPhase;
  cities: string[];
  /** Each city's investigation report as the campaign last heard of it. */
  investigationReports: Record<string, SubmissionState['status']>;
  provinceDeadline: { date: string; dueAt: string };
  progressNoticeAt?: string;
  laggingCities?: string[];
  finalReportAt?: string;
}

export interface CampaignResult {
  campaignId: string;
  finalReportAt: string | null;
  laggingCities: string[];
  notApproved: string[];
}

export const ExtendProvinceDeadlineArgs = z.object({ officer: Officer, newDate: IsoDate, reason: OfficerTextField });
export type ExtendProvinceDeadlineArgs = z.input<typeof ExtendProvinceDeadlineArgs>;

export const CityReportChanged = z.object({
  cityCode: CityCode,
  kind: SubmissionKind,
  version: z.number().int().min(1),
  status: z.enum(['none', 'submitted', 'approved', 'returned']),
});
export type CityReportChanged = z.infer<typeof CityReportChanged>;

/** A coordinator moves the province's report deadline (the cities' deadlines live on the cities). */
export const extendProvinceDeadlineUpdate = defineUpdate<{ date: string; dueAt: string }, [ExtendProvinceDeadlineArgs]>('extendProvinceDeadline');
/** A city tells the campaign its report moved (submitted, approved, returned). */
export const cityReportChangedSignal = defineSignal<[CityReportChanged]>('cityReportChanged');
export const campaignStateQuery = defineQuery<CampaignState>('campaignState');

export function campaignWorkflowId(campaignId: string): string {
  return `campaign/${campaignId}`;
}

/** Search attributes for operators in the Temporal UI (ids and phases only, never personal data). */
export const CampaignIdAttr = defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD);
export const CityCodeAttr = defineSearchAttributeKey('CityCode', SearchAttributeType.KEYWORD);
export const PhaseAttr = defineSearchAttributeKey('Phase', SearchAttributeType.KEYWORD);
