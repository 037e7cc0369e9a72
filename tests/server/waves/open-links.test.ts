import { describe, expect, it } from 'vitest';
import { createOpenLinks } from '../../../server/waves/open-links.ts';

interface Link {
  status: 'open' | 'closed';
  version: number;
}

/**
 * A cache on a clock the test sets (`at`), whose lookups answer only when the test says so
 * (`calls`, in order).
 */
function links() {
  let time = 0;
  const calls: { code: string; answer(value: Link | undefined): void; fail(error: Error): void }[] = [];
  const failures: unknown[] = [];
  const cache = createOpenLinks<Link>({
    lookup: (code) =>
      new Promise<Link | undefined>((resolve, reject) => {
        calls.push({ code, answer: resolve, fail: reject });
      }),
    keep: (link) => link.status === 'open',
    whenRefreshFails: (error) => failures.push(error),
    maxAgeMs: 2000,
    refreshAfterMs: 1000,
    now: () => time,
  });
  return {
    cache,
    calls,
    failures,
    at(ms: number) {
      time = ms;
    },
  };
}

/** A cache whose first request for link-a, at 0 ms, found it open (version 1). */
async function opened() {
  const test = links();
  const first = test.cache.get('link-a');
  test.calls[0]!.answer({ status: 'open', version: 1 });
  expect(await first).toEqual({ status: 'open', version: 1 });
  return test;
}

/** Lets the reactions to a lookup that just answered run. */
const aTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Whether the promise has settled after the pending reactions ran. */
async function settled(promise: Promise<unknown>) {
  let done = false;
  void promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await aTurn();
  return done;
}

describe('open participation links', () => {
  it('answers from memory while fresh, without a lookup', async () => {
    const { cache, calls, at } = await opened();
    at(999);
    expect(await cache.get('link-a')).toEqual({ status: 'open', version: 1 });
    expect(calls).toHaveLength(1);
  });

  it('looks a link in use up again in the background: nobody waits, and one lookup serves all', async () => {
    const { cache, calls, at } = await opened();

    at(1500);
    // The lookup started here has not answered, yet every request answers at once, from memory.
    const during = [cache.get('link-a'), cache.get('link-a'), cache.get('link-a')];
    for (const request of during) expect(await settled(request)).toBe(true);
    expect(await Promise.all(during)).toEqual([1, 1, 1].map((version) => ({ status: 'open', version })));
    expect(calls).toHaveLength(2);

    calls[1]!.answer({ status: 'open', version: 2 });
    await aTurn();
    // The new entry counts from when its lookup started (1.5 s), so it is still fresh at 2.4 s.
    at(2400);
    expect(await cache.get('link-a')).toEqual({ status: 'open', version: 2 });
    expect(calls).toHaveLength(2);
  });

  it('waits for a lookup once the entry is too old to answer', async () => {
    const { cache, calls, at } = await opened();

    at(2000);
    const late = cache.get('link-a');
    expect(await settled(late)).toBe(false);
    calls[1]!.answer({ status: 'open', version: 2 });
    expect(await late).toEqual({ status: 'open', version: 2 });
  });

  it('forgets a link whose wave a background lookup found closed', async () => {
    const { cache, calls, at } = await opened();

    at(1200);
    await cache.get('link-a');
    calls[1]!.answer({ status: 'closed', version: 2 });
    await aTurn();

    const next = cache.get('link-a');
    expect(await settled(next)).toBe(false);
    expect(calls).toHaveLength(3);
    calls[2]!.answer({ status: 'closed', version: 2 });
    expect(await next).toEqual({ status: 'closed', version: 2 });
  });

  it('keeps neither an unknown link nor a closed one, and shares one lookup among requests that miss together', async () => {
    const { cache, calls } = links();
    const together = [cache.get('unknown'), cache.get('unknown')];
    expect(calls).toHaveLength(1);
    calls[0]!.answer(undefined);
    expect(await Promise.all(together)).toEqual([undefined, undefined]);

    const closed = cache.get('link-b');
    calls[1]!.answer({ status: 'closed', version: 1 });
    await closed;
    const again = [cache.get('unknown'), cache.get('link-b')];
    expect(calls.map((call) => call.code)).toEqual(['unknown', 'link-b', 'unknown', 'link-b']);
    calls[2]!.answer(undefined);
    calls[3]!.answer({ status: 'closed', version: 1 });
    await Promise.all(again);
  });

  it('a failed background lookup is reported, the entry answers until it is too old, then the request hears the failure', async () => {
    const { cache, calls, at, failures } = await opened();

    at(1100);
    expect(await cache.get('link-a')).toEqual({ status: 'open', version: 1 });
    calls[1]!.fail(new Error('database unreachable'));
    await aTurn();
    expect(failures).toEqual([new Error('database unreachable')]);

    // The next request past the refresh point tries again, in the background.
    at(1900);
    expect(await cache.get('link-a')).toEqual({ status: 'open', version: 1 });
    expect(calls).toHaveLength(3);
    calls[2]!.fail(new Error('database unreachable'));
    await aTurn();

    at(2100);
    const late = cache.get('link-a');
    calls[3]!.fail(new Error('database unreachable'));
    await expect(late).rejects.toThrow('database unreachable');
    expect(failures).toHaveLength(2);
  });

  it('reads a link afresh on request, past a fresh entry, and remembers what it read', async () => {
    const { cache, calls, at } = await opened();

    at(100);
    const now = cache.fresh('link-a');
    expect(calls).toHaveLength(2);
    calls[1]!.answer({ status: 'open', version: 2 });
    expect(await now).toEqual({ status: 'open', version: 2 });
    expect(await cache.get('link-a')).toEqual({ status: 'open', version: 2 });
    expect(calls).toHaveLength(2);
  });

  it('a lookup that ends after a later one does not bring back what the later one replaced', async () => {
    const { cache, calls, at } = await opened();

    // A background lookup starts at 1.2 s; a fresh read starts at 1.3 s and ends first, finding
    // the wave closed. The background lookup's older answer must not put the link back.
    at(1200);
    await cache.get('link-a');
    at(1300);
    const now = cache.fresh('link-a');
    calls[2]!.answer({ status: 'closed', version: 3 });
    expect(await now).toEqual({ status: 'closed', version: 3 });
    calls[1]!.answer({ status: 'open', version: 2 });
    await aTurn();

    const next = cache.get('link-a');
    expect(await settled(next)).toBe(false);
    expect(calls).toHaveLength(4);
    calls[3]!.answer({ status: 'closed', version: 3 });
    expect(await next).toEqual({ status: 'closed', version: 3 });
  });

  it('does not hand a request the answer of a lookup older than the one that found the link closed', async () => {
    const { cache, calls, at } = await opened();

    at(1200);
    await cache.get('link-a'); // a background lookup, calls[1], still out
    const now = cache.fresh('link-a');
    calls[2]!.answer({ status: 'closed', version: 3 });
    await now;
    // The next request does not wait on the background lookup, which started before the close was
    // seen: it looks again.
    const next = cache.get('link-a');
    expect(calls).toHaveLength(4);
    calls[1]!.answer({ status: 'open', version: 2 });
    calls[3]!.answer({ status: 'closed', version: 3 });
    expect(await next).toEqual({ status: 'closed', version: 3 });
  });

  it('orders lookups that start within the same millisecond by when they started', async () => {
    const { cache, calls, at } = await opened();

    at(1200);
    await cache.get('link-a'); // background, calls[1]
    const now = cache.fresh('link-a'); // the same millisecond, calls[2]
    calls[2]!.answer({ status: 'closed', version: 3 });
    await now;
    calls[1]!.answer({ status: 'open', version: 2 });
    await aTurn();
    const next = cache.get('link-a');
    expect(await settled(next)).toBe(false);
    calls[3]!.answer({ status: 'closed', version: 3 });
    expect(await next).toEqual({ status: 'closed', version: 3 });
  });

  it('nor does a fresh read that ends after a later background lookup', async () => {
    const { cache, calls, at } = await opened();

    at(1200);
    const now = cache.fresh('link-a');
    at(1300);
    await cache.get('link-a');
    calls[2]!.answer({ status: 'closed', version: 3 });
    await aTurn();
    calls[1]!.answer({ status: 'open', version: 2 });
    await now;

    const next = cache.get('link-a');
    expect(await settled(next)).toBe(false);
    calls[3]!.answer({ status: 'closed', version: 3 });
    expect(await next).toEqual({ status: 'closed', version: 3 });
    // Nothing out any more: a closed link is forgotten, not remembered.
    const last = cache.get('link-a');
    expect(calls).toHaveLength(5);
    calls[4]!.answer({ status: 'closed', version: 3 });
    await last;
  });
});
