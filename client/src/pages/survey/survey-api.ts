import { apiError, type ErrorBody } from '../../api.ts';
import { isBusy } from './busy-retry.ts';

/** The server asked to come back later (429 or 503), with its Retry-After if it gave one. */
export class BusyError extends Error {
  constructor(readonly retryAfter: string | null) {
    super('busy');
  }
}

/**
 * The survey's calls. Unlike the console's `api`, a busy answer keeps its Retry-After header,
 * which the page needs to know when to try again.
 */
export async function surveyApi<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (isBusy(response.status)) throw new BusyError(response.headers.get('retry-after'));
  const data = (await response.json().catch(() => null)) as (T & ErrorBody) | null;
  if (!response.ok) throw apiError(response.status, response.statusText, data);
  return data as T;
}
