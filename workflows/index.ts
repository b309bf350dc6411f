// Every workflow type the worker runs. The worker bundles this file (deterministic code only).
export { campaignWorkflow } from './campaign';
export { cityWorkflow } from './city';
export { caseWorkflow } from './case';
export { caseShardWorkflow } from './caseShard';
