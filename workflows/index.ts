// Every workflow type the worker runs. The worker bundles this file (deterministic code only).
export {};
