/**
 * Open participation links, remembered for a moment. At 9 a.m. an office answers through one
 * link, and its submissions then cost no lookup, only their share of a batched insert (the
 * intake).
 *
 * A link in steady use is not looked up while a request waits: the first request to find its
 * entry `refreshAfterMs` old starts a lookup in the background, and the entry answers meanwhile,
 * so it is never older than `maxAgeMs` when it answers. A request waits for the lookup only when
 * no request came while the entry was between those two ages (a quiet link), or when the
 * background lookup failed or took longer than the rest of that time. Expiring every two seconds
 * instead cost one request in about 140, at 100 answers a second, a second database round trip
 * on top of its own statement: inside the slowest 1% that the tail of latency is read from.
 *
 * Only what `keep` accepts (open links) is kept, so a wave that has just opened is never refused;
 * the insert itself checks that the wave is still open, so an entry at most `maxAgeMs` old never
 * lets an answer into a closed wave. Requests that miss together share one lookup.
 */
export interface OpenLinks<T> {
  /** What the link opens, fresh or at most `maxAgeMs` old; undefined for an unknown link. */
  get(code: string): Promise<T | undefined>;
  /** What the link opens now, read afresh and remembered; for a request that must not act on
   * a remembered answer. */
  fresh(code: string): Promise<T | undefined>;
}

interface Entry<T> {
  /** Undefined: a lookup found the link gone or closed while an older one was still out. */
  value: T | undefined;
  /** When the lookup that found it started. */
  since: number;
  /** The order that lookup started in, among all of this memory's lookups. */
  order: number;
}

export function createOpenLinks<T>(options: {
  lookup(code: string): Promise<T | undefined>;
  keep(value: T): boolean;
  /** A background lookup failed; the entry answers until it is `maxAgeMs` old. */
  whenRefreshFails(error: unknown): void;
  maxAgeMs: number;
  refreshAfterMs: number;
  /** Entries kept at most; past it the memory starts over (a flood of distinct links). */
  maxEntries?: number;
  now?: () => number;
}): OpenLinks<T> {
  const { lookup, keep, whenRefreshFails, maxAgeMs, refreshAfterMs, maxEntries = 10_000 } = options;
  // Read at each call, so a test that moves the clock moves it here too.
  const now = options.now ?? (() => Date.now());
  const entries = new Map<string, Entry<T>>();
  /** The lookup each link's requests share, and the order it started in. */
  const looking = new Map<string, { found: Promise<T | undefined>; order: number }>();
  /** Lookups under way per link, background and fresh ones alike. */
  const out = new Map<string, number>();
  /** Counts lookups as they start: the clock's milliseconds can hold two. */
  let started = 0;

  // A lookup's answer replaces only what a lookup started earlier found, so one that started
  // before another and ends after it cannot bring back a link the later one found closed: while
  // another lookup is out, a closed or unknown link is remembered as such until the next request.
  async function lookUp(code: string, order = ++started): Promise<T | undefined> {
    const since = now();
    out.set(code, (out.get(code) ?? 0) + 1);
    try {
      const value = await lookup(code);
      const entry = entries.get(code);
      if (!entry || entry.order < order) {
        const kept = value !== undefined && keep(value);
        if (kept || out.get(code)! > 1) {
          if (entries.size >= maxEntries && !entry) entries.clear();
          entries.set(code, { value: kept ? value : undefined, since, order });
        } else entries.delete(code);
      }
      return value;
    } finally {
      const left = out.get(code)! - 1;
      if (left > 0) out.set(code, left);
      else out.delete(code);
    }
  }

  /** A lookup shared by the requests that need one, unless it started before `after`. */
  function load(code: string, after = 0): Promise<T | undefined> {
    const already = looking.get(code);
    if (already && already.order > after) return already.found;
    const order = ++started;
    const found = lookUp(code, order).finally(() => {
      if (looking.get(code)?.order === order) looking.delete(code);
    });
    looking.set(code, { found, order });
    return found;
  }

  return {
    get(code) {
      const entry = entries.get(code);
      if (!entry) return load(code);
      // Found closed by a lookup while an older one was out: not that older one's answer.
      if (entry.value === undefined) return load(code, entry.order);
      const age = now() - entry.since;
      if (age >= maxAgeMs) return load(code);
      if (age >= refreshAfterMs && !looking.has(code)) load(code).catch(whenRefreshFails);
      return Promise.resolve(entry.value as T);
    },
    fresh: (code) => lookUp(code),
  };
}
