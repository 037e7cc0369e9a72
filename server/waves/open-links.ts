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
}

interface Entry<T> {
  value: T;
  /** When the lookup that found it started. */
  since: number;
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
  const looking = new Map<string, Promise<T | undefined>>();

  function load(code: string): Promise<T | undefined> {
    const already = looking.get(code);
    if (already) return already;
    const since = now();
    const found = lookup(code)
      .then((value) => {
        if (value !== undefined && keep(value)) {
          if (entries.size >= maxEntries && !entries.has(code)) entries.clear();
          entries.set(code, { value, since });
        } else entries.delete(code);
        return value;
      })
      .finally(() => looking.delete(code));
    looking.set(code, found);
    return found;
  }

  return {
    get(code) {
      const entry = entries.get(code);
      if (!entry) return load(code);
      const age = now() - entry.since;
      if (age >= maxAgeMs) return load(code);
      if (age >= refreshAfterMs && !looking.has(code)) load(code).catch(whenRefreshFails);
      return Promise.resolve(entry.value);
    },
  };
}
