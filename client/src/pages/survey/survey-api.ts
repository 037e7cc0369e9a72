import { apiError, type ErrorBody } from '../../api.ts';
import { isBusy } from './busy-retry.ts';

/**
 * The server asked to come back later (429 or 503), or a proxy in front of it answered for it (502,
 * 504), with its Retry-After if it gave one. `status`: a 5xx may come after the answers were
 * stored (a reply lost on its way back), a 429 never does.
 */
export class BusyError extends Error {
  constructor(
    readonly retryAfter: string | null,
    readonly status: number,
  ) {
    super('busy');
  }
}

/**
 * A call gives up after this long, as on a lost connection: a server or database that hangs
 * instead of refusing would otherwise leave the phone on "Sending…" for as long as the network
 * takes to notice, with no retry.
 */
const SURVEY_TIMEOUT_MS = 20_000;

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
    // Not on phones older than AbortSignal.timeout (Safari before 16): they wait as before.
    ...(typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(SURVEY_TIMEOUT_MS) } : {}),
  });
  if (isBusy(response.status)) throw new BusyError(response.headers.get('retry-after'), response.status);
  const data = (await response.json().catch(() => null)) as (T & ErrorBody) | null;
  if (!response.ok) throw apiError(response.status, response.statusText, data);
  return data as T;
}
