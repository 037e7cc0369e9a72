/**
 * When the server is busy, the survey waits and tries again by itself. 429 means too many people
 * are answering through this link or this address at once; 503 means the server or its database
 * is away for a moment; 502 and 504 come from a proxy in front of it while it restarts. The server
 * itself never answers another 5xx on purpose, and if one came, waiting and trying again is still
 * the only thing that keeps the answers. None of it is the person's fault, and the answers are
 * kept on the device.
 */
export const isBusy = (status: number): boolean => status === 429 || status >= 500;

const FIRST_BACKOFF_MS = 2_000;
const LONGEST_BACKOFF_MS = 60_000;
/** A Retry-After beyond this is treated as this: the page keeps trying rather than look dead. */
const LONGEST_ASKED_MS = 10 * 60_000;

/** Retry-After in milliseconds, from seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(LONGEST_ASKED_MS, Math.max(0, ms)) : null;
}

/**
 * How long to wait after the `attempt`-th busy answer (from 1): what the server asked, but at
 * least a backoff that doubles with each busy answer, plus up to a fifth more at random
 * (`random` in [0, 1)), so that an office told the same Retry-After does not return in one burst.
 */
export function busyDelayMs(retryAfter: string | null, attempt: number, now: number, random: number): number {
  const asked = retryAfterMs(retryAfter, now) ?? 0;
  const backoff = Math.min(LONGEST_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(Math.max(asked, backoff) * (1 + 0.2 * random));
}
