/** What the API adds to fastify's request and route config. */
import type { Principal } from '../auth/principal';
import type { Access } from '../authz/access';
import type { CaseRef } from '../authz/caseRef';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The action name: audit log entries, rate-limit buckets and the route walk test use it. */
    action?: string;
    access?: Access;
    /** Writes are audited; the target is an id (never a name or an unmasked ID number). */
    audit?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
    /** Set by the access hook for routes scoped by a case id. */
    caseRef?: CaseRef;
    /** The audit entry's target and extra detail, set by the handler (ids only). */
    auditTarget?: string;
    auditDetail?: Record<string, unknown>;
  }
}

export {};
