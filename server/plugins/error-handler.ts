import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../http/database-unavailable.ts';
import { type ErrorCode, errorMessage, isErrorCode } from '../http/error-codes.ts';
import {
  type ErrorBody,
  type ErrorParams,
  type FieldError,
  HttpError,
  reasonPhrase,
} from '../http/errors.ts';
import { XLSX_TYPE } from '../spreadsheets/media-types.ts';

const partNames: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/** What a request schema found, as a field error with a stable code a page can translate. */
function validationFields(error: FastifyError, request: FastifyRequest): FieldError[] {
  const context = error.validationContext ?? 'body';
  const part = partNames[context] ?? 'body';
  return (error.validation ?? []).map((issue) => {
    const steps = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean);
    const path = steps.join('.');
    const sent = valueAt(request[part as 'body' | 'query' | 'params' | 'headers'], steps);
    const { code, params } = issueCode(issue.keyword, issue.params, sent === undefined);
    return { field: path ? `${part}.${path}` : part, message: issue.message ?? 'is invalid', code, params };
  });
}

function valueAt(root: unknown, steps: readonly string[]): unknown {
  let value = root;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

const listed = (values: unknown): string =>
  Array.isArray(values) ? values.map((value) => String(value)).join(', ') : '';

const limit = (value: unknown): string | number =>
  typeof value === 'number' || typeof value === 'string' ? value : String(value);

/**
 * A zod issue kind as one of our codes. Only the schema's own terms go into the parameters (its
 * limits, its allowed values, the names of unexpected keys), never the value that was sent: that
 * could be an answer (A2).
 */
function issueCode(
  kind: string,
  issue: Record<string, unknown>,
  missing: boolean,
): { code: ErrorCode; params: ErrorParams } {
  const origin = issue.origin;
  const inclusive = issue.inclusive !== false;
  switch (kind) {
    case 'invalid_type':
      return missing
        ? { code: 'validation.required', params: {} }
        : { code: 'validation.wrong-type', params: { expected: String(issue.expected) } };
    case 'too_small': {
      const min = limit(issue.minimum);
      if (origin === 'string') return { code: 'validation.too-short', params: { min } };
      if (origin === 'array' || origin === 'set') return { code: 'validation.too-few', params: { min } };
      return { code: inclusive ? 'validation.too-small' : 'validation.too-small-exclusive', params: { min } };
    }
    case 'too_big': {
      const max = limit(issue.maximum);
      if (origin === 'string') return { code: 'validation.too-long', params: { max } };
      if (origin === 'array' || origin === 'set') return { code: 'validation.too-many', params: { max } };
      return { code: inclusive ? 'validation.too-big' : 'validation.too-big-exclusive', params: { max } };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'validation.invalid-email', params: {} };
      if (issue.format === 'url') return { code: 'validation.invalid-url', params: {} };
      if (issue.format === 'datetime' || issue.format === 'date')
        return { code: 'validation.invalid-date', params: {} };
      return { code: 'validation.invalid-format', params: {} };
    case 'invalid_value':
      return { code: 'validation.not-allowed', params: { allowed: listed(issue.values) } };
    case 'unrecognized_keys':
      return { code: 'validation.unknown-keys', params: { keys: listed(issue.keys) } };
    case 'not_multiple_of':
      return { code: 'validation.not-multiple', params: { divisor: limit(issue.divisor) } };
    case 'custom': {
      // A refinement that names its own code (shared/contract/display-text.ts) is said by it.
      const own = (issue.params as { code?: unknown } | undefined)?.code;
      if (typeof own === 'string' && isErrorCode(own)) return { code: own, params: {} };
      return { code: 'validation.invalid', params: {} };
    }
    default:
      // unions, keys and elements of records: the schema's message says which.
      return { code: 'validation.invalid', params: {} };
  }
}

const problemBody = (
  statusCode: number,
  code: ErrorCode,
  params: ErrorParams = {},
  extra: { fields?: FieldError[]; message?: string } = {},
): ErrorBody => ({
  statusCode,
  error: reasonPhrase(statusCode),
  message: extra.message ?? errorMessage(code, params),
  code,
  params,
  ...(extra.fields ? { fields: extra.fields } : {}),
});

/**
 * One error handler for the whole API. Messages reach the client only for 4xx; a 5xx says
 * what happened in plain words and carries the request id, never a stack trace or SQL.
 */
export const errorHandlerPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      let body: ErrorBody;
      if (error instanceof HttpError) {
        body = error.toBody();
      } else if (hasZodFastifySchemaValidationErrors(error)) {
        const fields = validationFields(error, request);
        body = problemBody(
          400,
          'request.invalid',
          {},
          {
            // The English names each field, for anyone reading the API without a page.
            message: `Invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
            fields,
          },
        );
      } else if (isResponseSerializationError(error)) {
        request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
        body = problemBody(500, 'service.internal', { requestId: request.id });
      } else if (isDatabaseUnavailable(error)) {
        request.log.error({ err: error }, 'database unavailable');
        body = problemBody(503, 'service.database-unavailable');
      } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        // Fastify's own client errors: malformed JSON, body too large, unsupported media type.
        body = clientProblem(error, request);
      } else {
        request.log.error({ err: error }, 'unhandled error');
        body = problemBody(500, 'service.internal', { requestId: request.id });
      }
      if (body.statusCode === 503) reply.header('retry-after', '5');
      return reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
    });
  },
  { name: 'error-handler' },
);

/**
 * Fastify's answer to an address it cannot route (a broken %-escape, a path parameter past its
 * length) comes before any hook or the error handler: its own body, without the security headers
 * or the request id, repeating the path. This one says the same in the API's own form, names the
 * path as the field, and repeats nothing of it: the path may hold a survey's link.
 */
export function frameworkErrorHandler(headers: readonly (readonly [string, string])[]) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const code = tooLong ? 'request.path-too-long' : 'request.bad-path';
    const status = tooLong ? 414 : 400;
    const message = errorMessage(code, {});
    const body = problemBody(status, code, {}, { fields: [{ field: 'path', message, code, params: {} }] });
    return reply
      .code(status)
      .header('x-request-id', request.id)
      .type('application/json; charset=utf-8')
      .send(body);
  };
}

/** A route's body limit in the words a person uses: "64 KB", "2 MB". */
const limitOf = (request: FastifyRequest) => {
  const bytes = request.routeOptions.bodyLimit ?? 0;
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} KB`;
};

/** What this route's plugin can read, so a refused type is answered with the ones it takes. */
const acceptedTypes = (request: FastifyRequest) => {
  const server = request.server;
  if (server.hasContentTypeParser(XLSX_TYPE)) return 'application/json, text/csv, .xlsx';
  if (server.hasContentTypeParser('text/csv')) return 'application/json, text/csv';
  return 'application/json';
};

function clientProblem(error: FastifyError, request: FastifyRequest): ErrorBody {
  const status = error.statusCode ?? 400;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problemBody(
        status,
        'request.invalid-json',
        {},
        {
          fields: [{ field: 'body', message: 'is not valid JSON', code: 'request.invalid-json', params: {} }],
        },
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const params = { limit: limitOf(request) };
      const fields = [
        { field: 'body', message: `is larger than ${params.limit}`, code: 'request.too-large', params },
      ];
      return problemBody(status, 'request.too-large', params, { fields });
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const params = { accepted: acceptedTypes(request) };
      const field = { field: 'headers.content-type', message: `must be one of ${params.accepted}` };
      return problemBody(status, 'request.unsupported-type', params, {
        fields: [{ ...field, code: 'request.unsupported-type', params }],
      });
    }
    default:
      // Fastify's own wording for the rarer refusals (a bad URL, a wrong content length).
      return problemBody(status, 'request.refused', {}, { message: error.message });
  }
}
