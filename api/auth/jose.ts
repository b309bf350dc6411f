/**
 * jose is an ES module only; this project is CommonJS. Node (>= 20.19) loads an ES module through
 * require, so jose is required here once, typed by a type-only import (which emits no require).
 * Jest's module registry cannot do this: tests run the API in a child process (test/support/apiProcess.ts).
 */
import { createRequire } from 'node:module';
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };

export const jose: typeof Jose = createRequire(__filename)('jose');
export type JWTPayload = Jose.JWTPayload;
