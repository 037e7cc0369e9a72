import { createHmac, hash } from 'node:crypto';
import rateLimit, { type FastifyRateLimitStore, normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { HttpError, serviceUnavailable } from '../http/errors.ts';
import { helmetOptions, securityHeadersPlugin } from './security-headers.ts';

/**
 * How rate limits name who shares a budget: never the raw address, account or link (A2), and
 * never a plain hash of it either. With several instances the counts live in Redis for a minute,
 * where anyone reading it could hash every address of an office range, every account's email
 * and every link's code, and so see which address answered through which team's link, and when.
 * So each key is a hash keyed by a secret Redis never holds (`rateLimitSecret` in app.ts): names
 * nobody can compute without it.
 *
 * The secret goes first, at a fixed length, into one SHA-256, not into an HMAC: these names are
 * only ever compared, never checked as a signature, and what SHA-256's length extension would
 * allow (the hash of a name followed by SHA-256's padding and more) is no address, email or code.
 * An HMAC took 2.5 µs a name against 0.55 µs on the bench's machine, and a submission names three.
 */
export interface RateKeys {
  /** `value` in `scope`, keyed: a name for a budget's key. */
  key(scope: string, value: string): string;
  /**
   * The client's address, keyed. An IPv6 client is keyed by its /64, the block one subscriber
   * gets, so rotating through its own addresses buys a flooder nothing.
   */
  client(request: FastifyRequest): string;
  /**
   * A MAC of `value` in `scope`, for a value the server hands out and must recognize, unforged,
   * when it comes back (the device cookie of server/accounts/device-cookie.ts). An HMAC, unlike
   * `key`: a signature must not be open to length extension. Its key is derived from the secret,
   * so the two never share one. It is derived from a secret that outlives the process
   * (`signingSecret`): RATE_LIMIT_SECRET, else the one kept in the database, so every instance
   * recognizes what another issued, and one instance what it issued before a restart. A reader of
   * the database could forge a device cookie, but such a reader has the password hashes and
   * guesses offline with no budget at all.
   */
  sign(scope: string, value: string): string;
}

/**
 * `secret` names the budgets; `signingSecret`, the same unless given, signs. A single instance
 * without RATE_LIMIT_SECRET names its budgets under a secret made at start that never leaves its
 * memory, where its counts live, and signs under the one kept in the database, which a restart
 * keeps.
 */
export function rateKeys(secret: Uint8Array, signingSecret: Uint8Array = secret): RateKeys {
  for (const given of [secret, signingSecret])
    if (given.byteLength < 32) throw new Error('the rate-limit secret must be 32 bytes or more');
  // Base64 of the whole secret: a fixed length, and no separator inside it.
  const prefix = `${Buffer.from(secret).toString('base64')}|`;
  // One-shot hashing: the same digest as createHash().update().digest(), without a Hash object.
  const key = (scope: string, value: string) => hash('sha256', `${prefix}${scope}:${value}`, 'base64url');
  const signingKey = createHmac('sha256', signingSecret).update('signatures').digest();
  return {
    key,
    client: (request) => key('client', normalizeIP(request.ip, 64)),
    sign: (scope, value) => createHmac('sha256', signingKey).update(`${scope}:${value}`).digest('base64url'),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    rateKeys: RateKeys;
  }
}

/** One budget: how many requests per minute the requests sharing a key may make. */
export interface Budget {
  /**
   * Unique in the app. Counts in Redis are one key space for every budget of every instance, so
   * the name keeps two budgets that hash the same value (an address) from spending each other.
   */
  name: string;
  max: number;
  /** Who shares the budget, already hashed (A2): an address, an account, a link. */
  key(request: FastifyRequest): string;
}

const WINDOW_MS = 60_000;
/**
 * Keys the in-memory store remembers per budget. Past that it forgets the oldest window first, so
 * memory stays bounded, and making up codes or addresses by the hundred thousand a minute is what
 * it would take to push a live count out and start it again at zero.
 */
const REMEMBERED_KEYS = 200_000;

/**
 * Counts per key in fixed one-minute windows, in this process's memory. The plugin's own
 * LocalStore hands every caller the same mutable record, and the plugin reads it only after an
 * await, so requests that arrive together all read the count of the last of them: a burst of 300
 * from one address was refused whole, the first 120 that were within budget included. Each call
 * here gets its own copy. Several instances count in Redis instead (`SecurityOptions.redis`), where
 * one Lua script increments and reads in one step, so a burst reads its own counts there too.
 */
export class MemoryStore implements FastifyRateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  incr(
    key: string,
    callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
    timeWindow: number,
  ): void {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      if (!window && this.windows.size >= REMEMBERED_KEYS) this.forget(now);
      window = { count: 0, endsAt: now + timeWindow };
      this.windows.set(key, window);
    }
    window.count += 1;
    callback(null, { current: window.count, ttl: window.endsAt - now });
  }

  child(): MemoryStore {
    return new MemoryStore();
  }

  private forget(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    const oldest = this.windows.keys().next();
    if (this.windows.size >= REMEMBERED_KEYS && !oldest.done) this.windows.delete(oldest.value);
  }
}

export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpError(429, 'request.too-many', { seconds: retryAfterSeconds });

/**
 * What a hook does with a request when its budgets cannot be counted (Redis unreachable):
 * `refuse` answers 503 (with Retry-After, as every 503), for budgets that are the only defence of what they guard
 * (password guessing); `admit` lets the request through and logs a warning, for budgets whose
 * abuse something else bounds, where refusing would stop honest people (survey answers).
 */
export type WhenUncounted = 'refuse' | 'admit';

const budgetNames = new WeakMap<object, Set<string>>();

/**
 * A hook that spends one request from each budget in turn and answers 429 with Retry-After at the
 * first one that is used up. Budgets go narrowest first (an address before a whole link), and a
 * request refused by one spends none of those after it: one address that floods a link uses up
 * its own budget, never the link's, so everyone else still gets in.
 *
 * Built on `createRateLimit`, not on route `config.rateLimit` plus `app.rateLimit()`: the plugin
 * marks a request once its first limiter has run and every later limiter then returns at once
 * (`rateLimitRan` in @fastify/rate-limit), which is why a per-account login limit in a preHandler
 * never fired behind the per-address one.
 */
export function budgetsHook(
  app: FastifyInstance,
  budgets: readonly Budget[],
  { whenUncounted }: { whenUncounted: WhenUncounted },
) {
  // createRateLimit is decorated once per app, on the root, so it identifies the app.
  const names = budgetNames.get(app.createRateLimit) ?? new Set<string>();
  budgetNames.set(app.createRateLimit, names);
  const limiters = budgets.map((budget) => {
    if (names.has(budget.name)) throw new Error(`Two rate-limit budgets are named ${budget.name}`);
    names.add(budget.name);
    // The store's own prefix is the same for every limiter made here (it has no route to add),
    // so the budget's name goes in the key. skipOnError is off so the choice below is made here.
    return app.createRateLimit({
      max: budget.max,
      timeWindow: WINDOW_MS,
      keyGenerator: (request) => `${budget.name}:${budget.key(request)}`,
      skipOnError: false,
    });
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    for (const limiter of limiters) {
      let result: Awaited<ReturnType<typeof limiter>>;
      try {
        result = await limiter(request);
      } catch (error) {
        if (whenUncounted === 'admit') {
          request.log.warn({ err: error }, 'rate-limit store unavailable: request admitted uncounted');
          return;
        }
        request.log.error({ err: error }, 'rate-limit store unavailable: request refused');
        // The error handler adds Retry-After to every 503.
        throw serviceUnavailable('service.unavailable');
      }
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        throw tooManyRequests(result.ttlInSeconds);
      }
    }
  };
}

export interface SecurityOptions {
  /**
   * Where rate-limit counts live. Unset: this process's memory, which is right for one instance.
   * Set: Redis, shared by every instance given the same client and name space, so a link's budget
   * is one budget however many instances serve it.
   */
  redis?: { client: Redis; nameSpace: string };
  /** The secret the rate-limit keys are hashed with (`RateKeys`); 32 bytes or more. */
  secret: Uint8Array;
  /** The secret `RateKeys.sign` signs with, one that outlives the process; 32 bytes or more. */
  signingSecret: Uint8Array;
}

export const securityPlugin = fp<SecurityOptions>(
  async (app, options) => {
    await app.register(securityHeadersPlugin, { options: helmetOptions });
    const keys = rateKeys(options.secret, options.signingSecret);
    app.decorate('rateKeys', keys);

    await app.register(rateLimit, {
      global: false,
      keyGenerator: keys.client,
      ...(options.redis
        ? { redis: options.redis.client, nameSpace: options.redis.nameSpace }
        : { store: MemoryStore }),
      // Only for a limit a route declares in `config.rateLimit`, which none does: every budget is a
      // budgetsHook, which decides for itself (`whenUncounted`). Off, so that a limit added that
      // way one day is not passed uncounted while Redis is unreachable, whatever it guards.
      skipOnError: false,
      errorResponseBuilder: (_request, context) => tooManyRequests(Math.ceil(context.ttl / 1000)),
    });
  },
  { name: 'security' },
);
