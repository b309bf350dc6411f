/**
 * Every error becomes application/problem+json, here and nowhere else: domain errors by their code,
 * Temporal's and fastify's by their class or code, never by message text. Messages are scrubbed of
 * ID numbers before logging.
 */
import { isGrpcServiceError, ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode } from '../../domain/errors';
import { Problem, PROBLEM_CONTENT_TYPE, problemBody, type ProblemBody, type ProblemCode } from './problem';

/** ID numbers (18 or 15 digits) masked, for anything that reaches a log line or a detail. */
export function scrub(text: string): string {
  return text
    .replace(/(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g, '$1********$2')
    .replace(/(?<![0-9A-Za-z])(\d{6})\d{6}(\d{3})(?![0-9A-Za-z])/g, '$1******$2');
}

/** The problem each domain error code is to the caller. */
export const DOMAIN_PROBLEMS: Record<ErrorCode, ProblemCode> = {
  CampaignNotFound: 'not_found',
  CampaignExists: 'conflict',
  InvalidCampaignConfig: 'validation_failed',
  CaseNotFound: 'not_found',
  CaseNotOpen: 'conflict',
  CaseNotDecided: 'conflict',
  CityNotInCampaign: 'not_found',
  OpenCases: 'rejected',
  SnapshotNotFound: 'not_found',
  SnapshotBatchUnusable: 'rejected',
  IntakeNotFound: 'not_found',
  AlertNotFound: 'not_found',
  RoleCannotAct: 'forbidden',
  UpdateRefused: 'rejected',
  InvalidWorkflowInput: 'rejected',
  InvalidActivityInput: 'rejected',
  UnusableFile: 'unusable_file',
  DeliveryFailed: 'unavailable',
  DataRefused: 'rejected',
};

export interface KnownProblem {
  code: ProblemCode;
  detail: string;
  errors?: ProblemBody['errors'];
}

function fromDomain(err: DomainError): KnownProblem {
  const errors = err.issues.map((message) => ({ path: 'body', message: scrub(message) }));
  return { code: DOMAIN_PROBLEMS[err.code], detail: scrub(err.message), ...(errors.length > 0 ? { errors } : {}) };
}

/** gRPC's NOT_FOUND: the workflow finished or never started (@grpc/grpc-js is not a direct dependency). */
const GRPC_NOT_FOUND = 5;

function fromFastify(err: FastifyError): { code: ProblemCode; detail: string } | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', detail: 'the request body exceeds the limit' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        code: 'unsupported_media_type',
        detail: 'use application/json (uploads: text/csv, an .xlsx type, application/octet-stream or multipart/form-data)',
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'validation_failed', detail: err.message };
    default:
      if (err.statusCode === 400 && err instanceof SyntaxError) return { code: 'validation_failed', detail: 'the body is not valid JSON' };
      if (err.statusCode === 429) return { code: 'rate_limited', detail: err.message };
      if (err.statusCode === 413) return { code: 'payload_too_large', detail: err.message };
      if (err.statusCode === 400) return { code: 'validation_failed', detail: scrub(err.message) };
      return undefined;
  }
}

/** The Temporal client's errors, as the caller should understand them. */
function fromTemporal(err: unknown): { code: ProblemCode; detail: string } | undefined {
  if (err instanceof WorkflowUpdateFailedError) {
    return { code: 'rejected', detail: scrub(err.cause?.message ?? err.message) };
  }
  if (err instanceof WorkflowNotFoundError) return { code: 'conflict', detail: 'the workflow is not running (finished, or not started yet)' };
  if (err instanceof WorkflowExecutionAlreadyStartedError) return { code: 'conflict', detail: 'already started' };
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    return { code: 'unavailable', detail: 'the workflow did not answer in time; retry with the same Idempotency-Key' };
  if (err instanceof ServiceError) {
    // grpc-js's Status enum is numeric; comparing its number avoids depending on grpc-js directly.
    if (isGrpcServiceError(err.cause) && Number(err.cause.code) === GRPC_NOT_FOUND) {
      return { code: 'conflict', detail: 'the workflow is not running (finished, or not started yet)' };
    }
    return { code: 'unavailable', detail: 'Temporal did not answer' };
  }
  return undefined;
}

/** A domain, Temporal or fastify error as a problem, when it is one the caller can act on. */
export function toProblemCode(err: unknown): KnownProblem | undefined {
  if (err instanceof DomainError) return fromDomain(err);
  return fromTemporal(err) ?? (err && typeof err === 'object' && 'code' in err ? fromFastify(err as FastifyError) : undefined);
}

export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  code: ProblemCode,
  detail: string,
  errors?: ProblemBody['errors'],
  headers?: Record<string, string>,
): FastifyReply {
  req.problemCode = code;
  const body = problemBody(code, detail, req.url.split('?')[0], errors);
  if (headers) reply.headers(headers);
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

export function registerErrorHandling(app: FastifyInstance, log: (line: string) => void): void {
  app.setNotFoundHandler((req, reply) => sendProblem(reply, req, 'not_found', `no route ${req.method} ${req.url.split('?')[0]}`));

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof Problem) return sendProblem(reply, req, err.code, scrub(err.message), err.errors, err.headers);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath || ''}`.replace(/\//g, '.'),
        message: scrub(v.message ?? 'invalid'),
      }));
      return sendProblem(reply, req, 'validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    }
    const known = toProblemCode(err);
    if (known) return sendProblem(reply, req, known.code, known.detail, known.errors);
    log(`request ${String(req.id)} ${req.method} ${req.routeOptions.url ?? ''}: ${scrub(`${err.name}: ${err.message}`)}`);
    return sendProblem(reply, req, 'internal', `see the server log for request ${String(req.id)}`);
  });
}
