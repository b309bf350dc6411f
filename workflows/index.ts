// Every workflow type the worker runs. The worker bundles this file (deterministic code only).
//
// In the worker's reusable V8 context every new workflow evaluates, for itself, each module this
// file loads. A city has thousands of case workflows and one campaign workflow, so the case and
// shard types are exported directly (their modules are small), while the campaign and city types
// load their modules (the full campaign configuration and city message schemas) only when a
// workflow of that type starts. That halves the cost of creating a case workflow (see
// docs/workflows.md, "What a workflow costs the worker").
import type * as CampaignModule from './campaign';
import type * as CityModule from './city';
import type * as IntermediaryOrderModule from './intermediaryOrder';
import type * as ComplaintModule from './complaint';
import type * as PenaltyProcedureModule from './penaltyProcedure';
import type * as MonthlyRescreenModule from './monthlyRescreen';

export { caseWorkflow } from './case';
export { caseShardWorkflow } from './caseShard';

type CampaignWorkflow = typeof CampaignModule.campaignWorkflow;
type CityWorkflow = typeof CityModule.cityWorkflow;
type ComplaintWorkflow = typeof ComplaintModule.complaintWorkflow;
type PenaltyProcedureWorkflow = typeof PenaltyProcedureModule.penaltyProcedureWorkflow;

export function campaignWorkflow(...args: Parameters<CampaignWorkflow>): ReturnType<CampaignWorkflow> {
  return (require('./campaign') as typeof CampaignModule).campaignWorkflow(...args);
}

export function cityWorkflow(...args: Parameters<CityWorkflow>): ReturnType<CityWorkflow> {
  return (require('./city') as typeof CityModule).cityWorkflow(...args);
}

// A procedure per liable case and level: its modules load only when one starts.
export function penaltyProcedureWorkflow(...args: Parameters<PenaltyProcedureWorkflow>): ReturnType<PenaltyProcedureWorkflow> {
  return (require('./penaltyProcedure') as typeof PenaltyProcedureModule).penaltyProcedureWorkflow(...args);
}

// A complaint (投诉举报) per registration: its modules load only when one starts.
export function complaintWorkflow(...args: Parameters<ComplaintWorkflow>): ReturnType<ComplaintWorkflow> {
  return (require('./complaint') as typeof ComplaintModule).complaintWorkflow(...args);
}

export { importDataSourcesWorkflow, importFileWorkflow } from './importData';
export { taskDueWatchWorkflow } from './taskDueWatch';

// A rectification order's watch per intermediary order (docs/intermediaries.md): loaded when one starts.
type IntermediaryOrderWorkflow = typeof IntermediaryOrderModule.intermediaryOrderWorkflow;
export function intermediaryOrderWorkflow(...args: Parameters<IntermediaryOrderWorkflow>): ReturnType<IntermediaryOrderWorkflow> {
  return (require('./intermediaryOrder') as typeof IntermediaryOrderModule).intermediaryOrderWorkflow(...args);
}

// The long-term monthly re-screening (issue 21): one per campaign, its modules loaded when it starts.
type MonthlyRescreenWorkflow = typeof MonthlyRescreenModule.monthlyRescreenWorkflow;
export function monthlyRescreenWorkflow(...args: Parameters<MonthlyRescreenWorkflow>): ReturnType<MonthlyRescreenWorkflow> {
  return (require('./monthlyRescreen') as typeof MonthlyRescreenModule).monthlyRescreenWorkflow(...args);
}
