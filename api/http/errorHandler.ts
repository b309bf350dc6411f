/**
 * Every error becomes application/problem+json, here and nowhere else: domain errors by their code,
 * Temporal's and fastify's by their class or code, never by message text. Messages are scrubbed of
 * ID numbers before logging.
 *
 * A validation problem always carries `errors: [{ path, message }]`: `path` is the request part
 * (`body`, `querystring`, `params`, `headers`) and the field's path inside it, dot-separated, list
 * positions from 0 (`body.calendar.selfCheck.deadline`, `body.items.3.decision.outcome`); `message`
 * is plain Chinese naming the field by its label (domain/fieldMessages.ts).
 */
import { isGrpcServiceError, ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode } from '../../domain/errors';
import { Problem, PROBLEM_CONTENT_TYPE, PROBLEMS, problemBody, type ProblemBody, type ProblemCode } from './problem';

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
  CalendarYearUnknown: 'conflict',
  TemplateRefused: 'validation_failed',
  KeyReused: 'conflict',
  NotFound: 'not_found',
  RegistrationFrozen: 'conflict',
  ReopenNotNamed: 'conflict',
  CorrectionsClosed: 'conflict',
  ProcedureNotFound: 'not_found',
  ProcedureStepRefused: 'conflict',
  DeadlinePassed: 'rejected',
  HeavierMeasureRefused: 'rejected',
  ResponsiblePersonRequired: 'forbidden',
  AssigneeNotOfficer: 'validation_failed',
  AssignmentReasonRequired: 'validation_failed',
  AttachmentTooLarge: 'payload_too_large',
  AttachmentTypeRefused: 'unsupported_media_type',
  AttachmentScanRefused: 'rejected',
  IntermediaryExists: 'conflict',
  IntermediaryOrderClosed: 'conflict',
  ComplaintStepRefused: 'conflict',
  DeclarationRefused: 'validation_failed',
};

export interface KnownProblem {
  code: ProblemCode;
  detail: string;
  errors?: ProblemBody['errors'];
}

/** A field error's path in the request: a domain error's issues are about the request body. */
const bodyPath = (path: string): string => (path ? `body.${path}` : 'body');

function fromDomain(err: DomainError): KnownProblem {
  const errors = err.issues.map((i) => ({ path: bodyPath(i.path), message: scrub(i.message) }));
  return { code: DOMAIN_PROBLEMS[err.code], detail: scrub(err.message), ...(errors.length > 0 ? { errors } : {}) };
}

/** gRPC's NOT_FOUND: the workflow finished or never started (@grpc/grpc-js is not a direct dependency). */
const GRPC_NOT_FOUND = 5;

/** A request fastify could not read at all: the whole body is the field at fault. */
function unreadable(detail: string, message: string): KnownProblem {
  return { code: 'validation_failed', detail, errors: [{ path: 'body', message }] };
}

function fromFastify(err: FastifyError): KnownProblem | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', detail: 'the request body exceeds the limit' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        code: 'unsupported_media_type',
        detail: 'use application/json (uploads: text/csv, an .xlsx type, application/octet-stream or multipart/form-data)',
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return unreadable(err.message, '请求内容为空：请以 JSON 发送');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return unreadable('the body is not valid JSON', '请求内容不是有效的 JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return unreadable(err.message, '请求内容的长度与 Content-Length 不符');
    default:
      if (err.statusCode === 400 && err instanceof SyntaxError) return unreadable('the body is not valid JSON', '请求内容不是有效的 JSON');
      if (err.statusCode === 429) return { code: 'rate_limited', detail: err.message };
      if (err.statusCode === 413) return { code: 'payload_too_large', detail: err.message };
      if (err.statusCode === 400) return unreadable(scrub(err.message), '请求内容无法读取');
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
  // Every validation problem names a field, even one raised without field errors.
  const fields = code === 'validation_failed' && !errors?.length ? [{ path: 'body', message: '请求内容不符合要求，请核对后重新提交' }] : errors;
  const body = problemBody(code, detail, req.url.split('?')[0], fields);
  if (headers) reply.headers(headers);
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

export function registerErrorHandling(app: FastifyInstance, log: (line: string) => void): void {
  app.setNotFoundHandler((req, reply) => sendProblem(reply, req, 'not_found', `no route ${req.method} ${req.url.split('?')[0]}`));

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof Problem) return sendProblem(reply, req, err.code, scrub(err.message), err.errors, err.headers);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath || ''}`.replace(/\//g, '.').replace(/\.$/, ''),
        message: scrub(v.message ?? PROBLEMS.validation_failed.title_zh),
      }));
      return sendProblem(reply, req, 'validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    }
    const known = toProblemCode(err);
    if (known) return sendProblem(reply, req, known.code, known.detail, known.errors);
    log(`request ${String(req.id)} ${req.method} ${req.routeOptions.url ?? ''}: ${scrub(`${err.name}: ${err.message}`)}`);
    return sendProblem(reply, req, 'internal', `see the server log for request ${String(req.id)}`);
  });
}
