import { apiError, type ErrorBody } from '../../api.ts';
import { isBusy } from '../../busy-retry.ts';

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
 * No reply from the server itself: what came back was something else's, such as a Wi-Fi network's
 * sign-in page, a proxy's own error page, or a redirect to either. The page takes it as it takes a
 * lost connection: the answers stay on the phone and go again, since a send may have reached the
 * server before something in between answered in its place.
 */
export class NotOurReply extends Error {
  constructor(readonly status: number) {
    super('not a reply of the survey server');
  }
}

/** A refusal of the server's own: its error body, with its status (shared/contract/errors.ts). */
const isRefusal = (data: unknown, status: number): data is ErrorBody =>
  typeof data === 'object' &&
  data !== null &&
  typeof (data as ErrorBody).code === 'string' &&
  (data as ErrorBody).statusCode === status;

/**
 * The survey's calls. Unlike the console's `api`, a busy answer keeps its Retry-After header,
 * which the page needs to know when to try again; and only what the server itself says counts as
 * an answer (`ours`: the shape of its success), never a page put in its place (`NotOurReply`).
 */
export async function surveyApi<T>(
  path: string,
  ours: (data: unknown) => boolean,
  body?: unknown,
): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    // The server never redirects these calls; a redirect is a sign-in page's or a proxy's.
    redirect: 'error',
    // Not on phones older than AbortSignal.timeout (Safari before 16): they wait as before.
    ...(typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(SURVEY_TIMEOUT_MS) } : {}),
  });
  if (isBusy(response.status)) throw new BusyError(response.headers.get('retry-after'), response.status);
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (!isRefusal(data, response.status)) throw new NotOurReply(response.status);
    throw apiError(response.status, response.statusText, data);
  }
  if (!ours(data)) throw new NotOurReply(response.status);
  return data as T;
}

/** What each of the survey's calls answers when it succeeds, told from anything else. */
export const replies = {
  survey: (data: unknown) =>
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { questionnaire?: unknown }).questionnaire === 'object',
  status:
    (...statuses: string[]) =>
    (data: unknown) =>
      typeof data === 'object' &&
      data !== null &&
      statuses.includes((data as { status?: unknown }).status as string),
};
