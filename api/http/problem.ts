/**
 * Errors as RFC 9457 problem details (application/problem+json), with a machine `code`, an English
 * `title`, a Chinese `title_zh` and a `detail` for this occurrence. Details never hold personal data.
 */
import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Every code the API returns, with its status and both titles. */
export const PROBLEMS = {
  unauthenticated: { status: 401, title: 'Authentication required', title_zh: '需要登录' },
  invalid_token: { status: 401, title: 'Invalid or expired token', title_zh: '令牌无效或已过期' },
  invalid_credentials: { status: 401, title: 'Wrong user name or password', title_zh: '用户名或密码错误' },
  account_disabled: { status: 403, title: 'Account disabled', title_zh: '账户已停用' },
  forbidden: { status: 403, title: 'Not allowed for your role', title_zh: '当前角色无权执行此操作' },
  other_city: { status: 403, title: "Another city's data", title_zh: '无权访问其他市（州）的数据' },
  validation_failed: { status: 400, title: 'Invalid request', title_zh: '请求参数无效' },
  idempotency_key_required: { status: 400, title: 'Idempotency-Key header required', title_zh: '缺少 Idempotency-Key 请求头' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused with a different request', title_zh: '幂等键已用于不同的请求' },
  idempotency_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still running', title_zh: '相同幂等键的请求仍在处理中' },
  not_found: { status: 404, title: 'Not found', title_zh: '未找到' },
  conflict: { status: 409, title: 'Conflicts with the current state', title_zh: '与当前状态冲突' },
  rejected: { status: 422, title: 'Refused by the process', title_zh: '业务流程拒绝了该请求' },
  payload_too_large: { status: 413, title: 'Request too large', title_zh: '请求体过大' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type', title_zh: '不支持的内容类型' },
  rate_limited: { status: 429, title: 'Too many requests', title_zh: '请求过于频繁' },
  unusable_file: { status: 422, title: 'The file cannot be imported', title_zh: '文件无法导入' },
  unavailable: { status: 503, title: 'A backing service is unavailable', title_zh: '后端服务暂不可用' },
  internal: { status: 500, title: 'Internal error', title_zh: '内部错误' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

/**
 * One bad field (or a warning about one): `path` is the request part and the field's path in it,
 * dot-separated, list positions from 0 (`body.calendar.selfCheck.deadline`, `body.items.3.decision.outcome`,
 * `headers.idempotency-key`); `message` is plain Chinese naming the field by its label.
 */
// Described in docs/api.md ("Errors"), not in every answer of the OpenAPI document.
export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const ProblemBody = z
  .object({
    type: z.string(),
    code: z.string(),
    title: z.string(),
    title_zh: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .describe('application/problem+json');
export type ProblemBody = z.infer<typeof ProblemBody>;

/** Thrown anywhere in a route; the error handler turns it into the response. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(code: ProblemCode, detail?: string, extra: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail ?? PROBLEMS[code].title);
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.errors = extra.errors;
    this.headers = extra.headers;
  }
}

export function problemBody(code: ProblemCode, detail: string, instance?: string, errors?: ProblemBody['errors']): ProblemBody {
  const p = PROBLEMS[code];
  return {
    type: `urn:guazheng:problem:${code}`,
    code,
    title: p.title,
    title_zh: p.title_zh,
    status: p.status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** The OpenAPI response entries for the problems a route may return. */
export function problemResponses(...statuses: number[]): Record<number, typeof ProblemBody> {
  return Object.fromEntries(statuses.map((s) => [s, ProblemBody]));
}
