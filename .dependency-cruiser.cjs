// @ts-check
/**
 * The layer rules of docs/architecture.md, checked by dependency-cruiser in `npm test` and `npm run lint`.
 * Paths are relative to the project root; node_modules/ is an npm package, a bare name (`fs`, `node:fs`) is node's own.
 */
const PRODUCTION =
  '^(domain|workflows|activities|dataImport|documents|readModel|api|services|web|cli|platform|db|worker|datagen)/|^scripts/(start|startDemo|tools)\\.ts$|^bin/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle makes load order matter and hides which layer owns what.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ is pure rules and zod schemas, safe in workflows and in the browser: it imports only domain/ and zod (no node modules, no I/O).',
      from: { path: '^domain/' },
      to: { pathNot: ['^domain/', '^node_modules/zod/'] },
    },
    {
      name: 'workflows-import-domain-and-the-workflow-sdk',
      severity: 'error',
      comment:
        'Workflow code is deterministic and bundled into the sandbox: it imports workflows/, domain/, the workflow SDK (@temporalio/workflow and the @temporalio/common it re-exports from) and zod (pure, for the domain schemas); activities only as types.',
      from: { path: '^workflows/' },
      to: { pathNot: ['^workflows/', '^domain/', '^node_modules/@temporalio/(workflow|common)/', '^node_modules/zod/', '^activities/'] },
    },
    {
      name: 'workflows-import-activity-types-only',
      severity: 'error',
      comment: 'Workflows reach activities through proxyActivities<typeof activities>: `import type`, never the implementation.',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'activities-never-import-workflows',
      severity: 'error',
      comment: 'Activities (and the data-import and read-model code they use) are what workflows call; the words they share with workflows live in domain/.',
      from: { path: '^(activities|dataImport|documents|readModel)/' },
      to: { path: '^(workflows|api|services|cli|web|worker)/' },
    },
    {
      name: 'data-import-lives-in-dataImport',
      severity: 'error',
      comment: 'Reading and loading data files is a library (dataImport/), not an activity: activities/ holds only what workflows call.',
      from: { pathNot: '^activities/import/' },
      to: { path: '^activities/import/' },
    },
    {
      name: 'libraries-below-activities',
      severity: 'error',
      comment: 'dataImport/, documents/ and readModel/ are libraries activities and the API build on; they never call up into activities/.',
      from: { path: '^(dataImport|documents|readModel)/' },
      to: { path: '^activities/' },
    },
    {
      name: 'platform-is-infrastructure',
      severity: 'error',
      comment: 'platform/ (configuration, pools, connections, embedded servers) is the bottom layer: it imports nothing that builds on it.',
      from: { path: '^platform/' },
      to: { path: '^(workflows|activities|dataImport|documents|readModel|api|services|cli|web|worker|datagen)/' },
    },
    {
      name: 'api-never-imports-activity-implementations',
      severity: 'error',
      comment:
        'The API (and services/, which it calls) stores, reads and starts workflows; work that can crash half-way runs in an activity on the worker, not in the API process.',
      from: { path: '^(api|services)/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'api-never-imports-files',
      severity: 'error',
      comment:
        "The API stores an upload, reads import records and their issues, names batches as a snapshot (one short transaction each) and formats the outbound feed to the provincial platform (pure); reading and importing a file is the worker's work.",
      from: { path: '^(api|services)/' },
      to: {
        path: '^dataImport/',
        pathNot: '^dataImport/(uploadStore|importRecords|issues|snapshot|errors|platformFeed)\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'api-imports-its-layers',
      severity: 'error',
      comment: 'api/ builds on domain/, platform/, readModel/, services/ (and serves web/ through web/serve.ts); workflows only as types and messages.',
      from: { path: '^api/' },
      to: { path: '^(cli|bench|datagen|scripts|worker|db)/' },
    },
    {
      name: 'api-uses-workflow-messages-and-types-only',
      severity: 'error',
      comment: 'Clients start and signal workflows by type and by their message definitions; workflow implementations stay in the worker.',
      from: { path: '^(api|services|cli)/' },
      to: { path: '^workflows/', pathNot: '^workflows/messages/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-talks-http-only',
      severity: 'error',
      comment:
        'The console runs in the browser and reaches the server over HTTP only: it imports web/src/, domain/ (the shared vocabulary, pure) and npm packages.',
      from: { path: '^web/src/' },
      to: { pathNot: ['^web/src/', '^domain/', '^node_modules/'] },
    },
    {
      name: 'production-not-to-tests-or-benches',
      severity: 'error',
      comment: 'Production code never loads tests, benches or their support.',
      from: { path: PRODUCTION },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'production-not-to-dev-dependencies',
      severity: 'error',
      comment: 'devDependencies are absent from a production install (npm ci --omit=dev); type-only imports vanish at run time.',
      from: { path: PRODUCTION },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'A package used but not declared in package.json works only by the accident of being hoisted.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    // node_modules may be a symbolic link (a worktree sharing one install); keep the paths the rules name.
    preserveSymlinks: true,
    exclude: { path: ['^data/', '^\\.venv/', '^test-artifacts/', '^dist/', '^web/dist/', '^web/\\.dist-', '^coverage/', '^bench/out/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
    cache: { folder: 'test-artifacts/.depcruise-cache', strategy: 'content' },
  },
};
