import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CasareError } from '../errors.js';

/** One invalid field: RFC 9457 style, `pointer` is a JSON pointer fragment into the request part. */
export interface FieldError {
  pointer: string;
  detail: string;
  location?: 'body' | 'query' | 'params' | 'headers';
}

/** An error rendered as application/problem+json (RFC 9457) with a stable `code`. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ProblemError';
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Domain error codes and the HTTP status each maps to. */
const STATUS_BY_CODE: Record<string, number> = {
  JOB_NOT_FOUND: 404,
  WORKFLOW_NOT_FOUND: 404,
  ROBOT_NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  LEASE_LOST: 409,
  JOB_NOT_CANCELLABLE: 409,
  JOB_NOT_RETRYABLE: 409,
  INVALID_JOB_SPEC: 422,
  INVALID_CURSOR: 400,
};

export function sendProblem(reply: FastifyReply, p: ProblemError): FastifyReply {
  const body: Record<string, unknown> = {
    type: `https://casare.dev/problems/${p.code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[p.status] ?? 'Error',
    status: p.status,
    code: p.code,
    detail: p.message,
    instance: reply.request.url,
    ...p.extra,
  };
  if (p.errors.length > 0) body.errors = p.errors;
  return reply.code(p.status).type('application/problem+json').send(body);
}

interface AjvLikeError {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Turns Ajv errors into field errors whose pointer names the offending field itself. */
export function fieldErrorsFromValidation(
  errors: AjvLikeError[],
  location: FieldError['location'],
): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    let path = e.instancePath ?? '';
    const params = e.params ?? {};
    if (e.keyword === 'required' && typeof params.missingProperty === 'string')
      path += `/${escapePointer(params.missingProperty)}`;
    if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      path += `/${escapePointer(params.additionalProperty)}`;
    }
    const detail =
      e.keyword === 'additionalProperties'
        ? 'is not a known field'
        : e.keyword === 'required'
          ? 'is required'
          : (e.message ?? 'is invalid');
    if (!out.some((o) => o.pointer === `#${path}` && o.detail === detail))
      out.push({ pointer: `#${path}`, detail, location });
  }
  return out;
}

/** Maps anything thrown in a request to a problem; never leaks a stack trace. */
export function toProblem(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  if (err instanceof CasareError) {
    const status = STATUS_BY_CODE[err.code] ?? (err.fault === 'workflow' ? 422 : 500);
    return new ProblemError(status, err.code, err.message);
  }
  const fe = err as FastifyError & { validation?: AjvLikeError[]; validationContext?: string };
  if (fe?.validation) {
    const loc = (
      fe.validationContext === 'querystring' ? 'query' : fe.validationContext
    ) as FieldError['location'];
    const errors = fieldErrorsFromValidation(fe.validation, loc);
    const first = errors[0];
    return new ProblemError(
      400,
      'VALIDATION_FAILED',
      first ? `${loc} ${first.pointer.slice(1) || '(root)'} ${first.detail}` : 'invalid request',
      errors,
    );
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemError(413, 'BODY_TOO_LARGE', 'request body is larger than the server accepts', [
        { pointer: '#', detail: 'too large', location: 'body' },
      ]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ProblemError(400, 'INVALID_JSON', `request body is not valid JSON: ${fe.message}`, [
        { pointer: '#', detail: 'not valid JSON', location: 'body' },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ProblemError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    default:
      break;
  }
  if (err instanceof SyntaxError) {
    return new ProblemError(400, 'INVALID_JSON', `request body is not valid JSON: ${err.message}`, [
      { pointer: '#', detail: 'not valid JSON', location: 'body' },
    ]);
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new ProblemError(fe.statusCode, fe.code ?? 'BAD_REQUEST', fe.message);
  }
  if (isDatabaseUnavailable(err))
    return new ProblemError(503, 'DATABASE_UNAVAILABLE', 'the database is not reachable; retry shortly');
  return new ProblemError(500, 'INTERNAL', 'internal error; it has been logged');
}

function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test((err as Error)?.message ?? '')
  );
}

export function problemHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const p = toProblem(err);
  if (p.status >= 500) request.log.error({ err }, 'request failed');
  return sendProblem(reply, p);
}
