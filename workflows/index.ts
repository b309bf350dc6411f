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
import type * as PenaltyProcedureModule from './penaltyProcedure';

export { caseWorkflow } from './case';
export { caseShardWorkflow } from './caseShard';

type CampaignWorkflow = typeof CampaignModule.campaignWorkflow;
type CityWorkflow = typeof CityModule.cityWorkflow;
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

export { importDataSourcesWorkflow, importFileWorkflow } from './importData';
