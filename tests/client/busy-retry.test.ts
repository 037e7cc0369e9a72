import { describe, expect, it } from 'vitest';
import { busyDelayMs, isBusy, retryAfterMs } from '../../client/src/busy-retry.ts';

const NOW = Date.parse('2026-11-25T09:00:00Z');

describe('the survey waiting when the server is busy', () => {
  it("waits on 429 and on any 5xx, a proxy's 502 and 504 included; a refusal is shown to the person", () => {
    expect([429, 500, 502, 503, 504].map(isBusy)).toEqual([true, true, true, true, true]);
    expect([200, 201, 400, 403, 404, 409, 410, 413, 422].some(isBusy)).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('60', NOW)).toBe(60_000);
    expect(retryAfterMs(' 5 ', NOW)).toBe(5_000);
    expect(retryAfterMs('Wed, 25 Nov 2026 09:00:30 GMT', NOW)).toBe(30_000);
    // A date already past means now; nothing readable means the server said nothing.
    expect(retryAfterMs('Wed, 25 Nov 2026 08:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs(null, NOW)).toBeNull();
    expect(retryAfterMs('', NOW)).toBeNull();
    expect(retryAfterMs('soon', NOW)).toBeNull();
    // A day is read as ten minutes: the page keeps trying instead of looking dead.
    expect(retryAfterMs('86400', NOW)).toBe(600_000);
  });

  it('waits what the server asked, never less, and spreads an office over a fifth more', () => {
    expect(busyDelayMs('60', 1, NOW, 0)).toBe(60_000);
    expect(busyDelayMs('60', 1, NOW, 0.999)).toBe(71_988);
  });

  it('backs off, doubling from 2 s up to a minute, when asked for less or nothing', () => {
    // attempt n waits 2 s × 2^(n-1): 2, 4, 8, 16, 32, then 60 at most.
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((attempt) => busyDelayMs(null, attempt, NOW, 0))).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    // The server's 5 s after a 503 wins at first; after the fourth busy answer, the backoff does.
    expect([1, 2, 3, 4].map((attempt) => busyDelayMs('5', attempt, NOW, 0))).toEqual([
      5_000, 5_000, 8_000, 16_000,
    ]);
  });
});
