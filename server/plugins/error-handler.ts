import type { FastifyError, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../http/database-unavailable.ts';
import { type ErrorBody, type FieldError, HttpError, reasonPhrase } from '../http/errors.ts';
import { XLSX_TYPE } from '../spreadsheets/media-types.ts';

const partNames: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

function validationFields(error: FastifyError): FieldError[] {
  const part = partNames[error.validationContext ?? 'body'] ?? 'body';
  return (error.validation ?? []).map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    return { field: path ? `${part}.${path}` : part, message: issue.message ?? 'is invalid' };
  });
}

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
        const fields = validationFields(error);
        body = {
          statusCode: 400,
          error: reasonPhrase(400),
          message: `Invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
          fields,
        };
      } else if (isResponseSerializationError(error)) {
        request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
        body = { statusCode: 500, error: reasonPhrase(500), message: internalMessage(request.id) };
      } else if (isDatabaseUnavailable(error)) {
        request.log.error({ err: error }, 'database unavailable');
        body = {
          statusCode: 503,
          error: reasonPhrase(503),
          message: 'The database is not reachable right now. Please try again in a moment.',
        };
      } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        // Fastify's own client errors: malformed JSON, body too large, unsupported media type.
        const fields = clientFields(error, request);
        body = {
          statusCode: error.statusCode,
          error: reasonPhrase(error.statusCode),
          message: clientMessage(error, request),
          ...(fields ? { fields } : {}),
        };
      } else {
        request.log.error({ err: error }, 'unhandled error');
        body = { statusCode: 500, error: reasonPhrase(500), message: internalMessage(request.id) };
      }
      if (body.statusCode === 503) reply.header('retry-after', '5');
      return reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
    });
  },
  { name: 'error-handler' },
);

function internalMessage(requestId: string): string {
  return `Something went wrong on our side. It has been logged as request ${requestId}.`;
}

/** A route's body limit in the words a person uses: "64 KB", "2 MB". */
const limitOf = (request: FastifyRequest) => {
  const bytes = request.routeOptions.bodyLimit ?? 0;
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} KB`;
};

/** What this route's plugin can read, so a refused type is answered with the ones it takes. */
const acceptedTypes = (request: FastifyRequest) => {
  const server = request.server;
  if (server.hasContentTypeParser(XLSX_TYPE)) return 'application/json, text/csv or an .xlsx workbook';
  if (server.hasContentTypeParser('text/csv')) return 'application/json or text/csv';
  return 'application/json';
};

function clientFields(error: FastifyError, request: FastifyRequest): FieldError[] | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [{ field: 'body', message: `is larger than ${limitOf(request)}` }];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [{ field: 'headers.content-type', message: `must be ${acceptedTypes(request)}` }];
    default:
      return null;
  }
}

function clientMessage(error: FastifyError, request: FastifyRequest): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is not valid JSON.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The request body is too large: at most ${limitOf(request)}.`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `This content type is not accepted here; send ${acceptedTypes(request)}.`;
    default:
      return error.message;
  }
}
