import type { ErrorParams, FieldError, ErrorBody as RefusalBody } from '../../shared/contract/errors.ts';

export type { ErrorParams };

/** One field's problem: where, the server's English, and its stable code where it has one. */
export type FieldProblem = FieldError;

/**
 * A failed call, carrying the server's English message and, where the server gives them, the
 * stable `code` and `params` a page says in its own language (i18n/problem-text.ts), and the older
 * `reason` the survey still reads.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly reason: string | null = null,
    readonly code: string | null = null,
    readonly params: ErrorParams = {},
    /** The server's Retry-After (on 429 and 503): when asking again is worth it. */
    readonly retryAfter: string | null = null,
  ) {
    super(message);
  }
}

/**
 * The error body every route answers with (shared/contract/errors.ts), each part optional: a
 * proxy or an outage in front of the server can answer with something else entirely.
 */
export type ErrorBody = Partial<RefusalBody>;

export const apiError = (
  status: number,
  statusText: string,
  data: ErrorBody | null,
  retryAfter: string | null = null,
): ApiError =>
  new ApiError(
    status,
    data?.message ?? statusText,
    data?.fields ?? [],
    data?.reason ?? null,
    data?.code ?? null,
    data?.params ?? {},
    retryAfter,
  );

export async function api<T>(
  path: string,
  options: {
    method?: string;
    body?: unknown;
    csv?: string;
    upload?: { body: Blob | string; type: string };
    /** A create's key (`OnceKey`): sent again, it gets the first answer instead of a copy. */
    idempotencyKey?: string;
    /** Gives up after this long, so a connection that died without a word can be tried again. */
    timeoutMs?: number;
  } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body: Blob | string | undefined;
  if (options.upload !== undefined) {
    headers['content-type'] = options.upload.type;
    body = options.upload.body;
  } else if (options.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = options.csv;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body,
    credentials: 'same-origin',
    ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as (T & ErrorBody) | null;
  if (!response.ok)
    throw apiError(response.status, response.statusText, data, response.headers.get('retry-after'));
  return data as T;
}

/**
 * The Idempotency-Key of one thing a form creates (server/plugins/idempotency.ts): the same while
 * the form sends the same body to the same place, so pressing again after an answer that never
 * arrived gets that answer instead of a second wave; a new one once the body or the place changes
 * or the create succeeded.
 */
export class OnceKey {
  private sent: string | null = null;
  private key = '';

  keyFor(path: string, body: unknown): string {
    const json = `${path}\n${JSON.stringify(body)}`;
    if (json !== this.sent) {
      this.sent = json;
      // getRandomValues, not randomUUID: the console may be served over plain HTTP on a LAN.
      this.key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
        byte.toString(16).padStart(2, '0'),
      ).join('');
    }
    return this.key;
  }

  /** The thing was created: the next create, even of the same body, is another thing. */
  done(): void {
    this.sent = null;
  }
}
