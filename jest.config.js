/** Jest: swc strips types (tsc checks them separately in `npm run typecheck`). */
module.exports = {
  // Node's environment, telling a file which test failed (a browser file then saves its pages: test/browser/support/failureCapture.ts).
  testEnvironment: '<rootDir>/test/support/failureAwareEnvironment.ts',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/afterFile.ts'],
  testTimeout: 120000,
  maxWorkers: 2,
  // Longest first on a clean clone too (jest's cache of durations is empty there).
  testSequencer: '<rootDir>/test/support/durationSequencer.js',
};
