/**
 * Every write is audited before its response leaves (onSend), so an auditor who reads the log
 * right after a response sees the entry. Refused and failed writes are audited too; a replay of a
 * stored answer (same Idempotency-Key, same body) is recorded as `replayed`: it applied nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { LINE_TEXT_PATTERN, showRefused } from '../../domain/text';
import { recordAudit } from './recordAudit';

declare module 'fastify' {
  interface FastifyRequest {
    problemCode?: string;
  }
}

/** The default target: the ids in the path (campaign, city, case, batch …). */
function targetFromParams(req: FastifyRequest): string | null {
  const params = (req.params ?? {}) as Record<string, unknown>;
  // A path the text type refuses is still audited: its refused characters shown, not lost with the row.
  const parts = Object.entries(params).map(([k, v]) => `${k}=${showRefused(String(v), 'line')}`);
  return parts.length > 0 ? parts.join(',') : null;
}

/**
 * The case a request is about (a `caseId` in its path), whose 承办人 the entry records. A path the
 * text type refuses names no case (and PostgreSQL refuses a NUL): none, so the entry is still written.
 */
function caseIdOf(req: FastifyRequest): string | null {
  const id = ((req.params ?? {}) as Record<string, unknown>).caseId;
  return req.caseRef?.caseId ?? (typeof id === 'string' && LINE_TEXT_PATTERN.test(id) ? id : null);
}

export function registerAuditTrail(app: FastifyInstance, pool: Pool, log: (line: string) => void): void {
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    const cfg = req.routeOptions.config;
    if (!cfg.audit || !cfg.action) return payload;
    const p = req.principal;
    try {
      await recordAudit(pool, {
        requestId: String(req.id),
        userId: p?.userId ?? null,
        role: p?.role ?? null,
        cityCode: p?.cityCode ?? null,
        action: cfg.action,
        target: req.auditTarget ?? targetFromParams(req),
        // A replay applied nothing: recorded, but not as a second `ok`.
        result: reply.statusCode >= 400 ? (req.problemCode ?? `http_${reply.statusCode}`) : req.idempotentReplay ? 'replayed' : 'ok',
        status: reply.statusCode,
        detail: req.auditDetail,
        caseId: caseIdOf(req),
      });
    } catch (err) {
      // The write itself happened; a lost audit row must be loud in the operator's log.
      log(`audit: could not record ${cfg.action} (request ${String(req.id)}): ${(err as Error).message}`);
    }
    return payload;
  });
}
