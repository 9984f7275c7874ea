import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorMessage, type ErrorCode } from './errors.js';
import { requestLanguage } from './language.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
  requestId: string;
}

/** Fastify's own error codes that are the caller's fault, mapped to ours. */
const FASTIFY_CLIENT_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.invalid',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid',
  FST_ERR_VALIDATION: 'request.invalid',
};

/**
 * The one place errors become HTTP responses: a stable code, a message in the caller's
 * language, the request id; 5xx bodies say nothing about what went wrong inside.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return send(request, reply, error.code, error.details);
    if (error.validation) {
      const details = {
        fields: error.validation.map((issue) => ({
          field: `${error.validationContext ?? 'body'}${issue.instancePath || ''}${missingProperty(issue.params)}`,
          rule: issue.keyword,
          message: issue.message,
        })),
      };
      return send(request, reply, 'request.invalid', details);
    }
    if (error.statusCode === 429) return send(request, reply, 'request.rate_limited');
    const mapped = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (mapped) return send(request, reply, mapped);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return send(request, reply, error.statusCode === 404 ? 'route.not_found' : 'request.invalid');
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, 'server.internal');
  });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode): FastifyReply {
  return send(request, reply, code);
}

function send(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: Record<string, unknown>): FastifyReply {
  const status = new AppError(code).status;
  // Every refusal is a security event: who was refused (when signed in), and why, beside the
  // request's own log line. The details stay out: they may quote what was sent.
  if (status < 500)
    request.log.info({ refused: { error: code, status, userId: request.auth?.user?.id ?? null } }, 'request refused');
  const body: ErrorBody = {
    error: { code, message: errorMessage(code, requestLanguage(request)), ...(details ? { details } : {}) },
    requestId: request.id,
  };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** A missing required property is reported on its parent; name the property itself. */
function missingProperty(params: Record<string, unknown> | undefined): string {
  const name = params?.missingProperty;
  return typeof name === 'string' ? `/${name}` : '';
}
