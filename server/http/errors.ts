import { z } from 'zod';

export const fieldErrorSchema = z.object({
  field: z.string().describe('Where the problem is, e.g. `body.answers.ds-1` or `row 3: parent_key`'),
  message: z.string(),
});

export const errorBodySchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
    reason: z
      .string()
      .optional()
      .describe(
        'A stable name for the problem (e.g. `invitation-used`), so a page can say it in its own language',
      ),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;

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

/** An error a route throws on purpose; its message is written for the person who sees it. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly fields?: FieldError[],
    readonly reason?: string,
  ) {
    super(message);
  }

  /** The same error with a stable reason a client can translate. */
  because(reason: string): HttpError {
    return new HttpError(this.statusCode, this.message, this.fields, reason);
  }

  toBody(): ErrorBody {
    return {
      statusCode: this.statusCode,
      error: reasonPhrase(this.statusCode),
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }
}

export const badRequest = (message: string, fields?: FieldError[]) => new HttpError(400, message, fields);
export const invalidField = (field: string, message: string) =>
  new HttpError(400, `${field}: ${message}`, [{ field, message }]);
export const notFound = (message: string) => new HttpError(404, message);
export const conflict = (message: string, fields?: FieldError[]) => new HttpError(409, message, fields);
export const gone = (message: string) => new HttpError(410, message);
export const forbidden = (message: string) => new HttpError(403, message);
export const unauthorized = (message = 'Sign in to continue.') => new HttpError(401, message);

/** Response schemas for the error statuses a route can answer, for its OpenAPI entry. */
export function errorResponses<const S extends readonly number[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((status) => [status, errorBodySchema])) as {
    [K in S[number]]: typeof errorBodySchema;
  };
}
