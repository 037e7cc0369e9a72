import { type ErrorBody, errorBodySchema, type FieldError } from '../../shared/contract/errors.ts';
import { fieldProblem } from '../domain/field-problem.ts';
import { type ErrorCode, errorMessage, type ParamsArg } from './error-codes.ts';

// The wire shape of an error is part of the shared contract; re-exported for the server's modules.
export {
  type ErrorBody,
  errorBodySchema,
  type FieldError,
  fieldErrorSchema,
} from '../../shared/contract/errors.ts';

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function reasonPhrase(statusCode: number): string {
  return reasons[statusCode] ?? (statusCode >= 500 ? 'Server Error' : 'Client Error');
}

export type ErrorParams = Record<string, string | number>;

interface HttpErrorOptions {
  fields?: FieldError[] | undefined;
  reason?: string | undefined;
  /** English other than the code's own wording, e.g. prefixed by the field it is about. */
  message?: string | undefined;
}

/**
 * An error a route throws on purpose: a stable code with its parameters, which a page says in the
 * person's language, and the same in English for anyone reading the API directly.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly fields: FieldError[] | undefined;
  readonly reason: string | undefined;
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    options: HttpErrorOptions = {},
  ) {
    super(options.message ?? errorMessage(code, params));
    this.fields = options.fields;
    this.reason = options.reason;
  }

  /** The same error with a stable reason older pages translate (the survey's; `code` is newer). */
  because(reason: string): HttpError {
    return this.with({ reason });
  }

  /** The same error listing the fields it is about. */
  withFields(fields: FieldError[]): HttpError {
    return this.with({ fields });
  }

  private with(options: HttpErrorOptions): HttpError {
    const { fields, reason, message } = this;
    return new HttpError(this.statusCode, this.code, this.params, { fields, reason, message, ...options });
  }

  toBody(): ErrorBody {
    return {
      statusCode: this.statusCode,
      error: reasonPhrase(this.statusCode),
      message: this.message,
      code: this.code,
      params: this.params,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }
}

/** A field's problem by code: its English wording built from the code, as the client's catalogs have it. */
export const fieldError = fieldProblem;

const factory =
  (statusCode: number) =>
  <C extends ErrorCode>(code: C, ...params: ParamsArg<C>) =>
    new HttpError(statusCode, code, params[0] ?? {});

export const badRequest = factory(400);
export const unauthorized = factory(401);
export const forbidden = factory(403);
export const notFound = factory(404);
export const conflict = factory(409);
export const gone = factory(410);
export const serviceUnavailable = factory(503);

/**
 * A 400 for a file that cannot be read, with the reader's own words about where: those problems
 * carry no code of their own yet, so a page shows the code's wording and the field in English.
 */
export const unreadableFile = (problem: FieldError) =>
  new HttpError(
    400,
    'request.file-unreadable',
    {},
    {
      fields: [problem],
      message: `${problem.field}: ${problem.message}`,
    },
  );

/** A 404 naming the method and path in English, for anyone reading the API directly. */
export const nothingAt = (method: string, path: string) =>
  new HttpError(404, 'request.not-found', {}, { message: `Nothing at ${method} ${path}` });

/** A 400 about one field, named in the message the way it is named in `fields`. */
export function invalidField<C extends ErrorCode>(
  field: string,
  code: C,
  ...params: ParamsArg<C>
): HttpError {
  const problem = fieldError(field, code, ...params);
  return new HttpError(400, code, problem.params, {
    fields: [problem],
    message: `${field}: ${problem.message}`,
  });
}

/** What a create route says of `Idempotency-Key` (server/plugins/idempotency.ts), in its OpenAPI entry. */
export const IDEMPOTENT_CREATE =
  'Send an Idempotency-Key header (16 to 64 letters, digits, - or _; new for each thing to create) ' +
  'to make a retry safe: the same request with the same key gets the first answer back ' +
  '(Idempotent-Replayed: true) for a day; another request with that key gets 422, and one sent ' +
  'while the first still runs gets 409 with Retry-After.';

/** Response schemas for the error statuses a route can answer, for its OpenAPI entry. */
export function errorResponses<const S extends readonly number[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((status) => [status, errorBodySchema])) as {
    [K in S[number]]: typeof errorBodySchema;
  };
}
