import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, vi } from 'vitest';
import { DEVICE_COOKIE } from '../../server/accounts/device-cookie.ts';
import type { Database } from '../../server/db/database.ts';
import type { App } from '../../server/http/app-types.ts';
import { createAccount } from './auth.ts';

/**
 * What the tests of sign-in budgets share: a clock moved a minute at a time, addresses no other
 * test has spent a budget from, a fresh account, and a sign-in with or without a device cookie.
 */

/** Fakes only Date, which the budgets count by, so a test lets a minute pass at once. */
export function useMinuteClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date());
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Moves the faked clock past the minute every budget counts in. */
export const nextMinute = () => vi.setSystemTime(Date.now() + 60_000);

/** IPv4 addresses `prefix.<n>.<m>`, each new to this source. */
export function freshAddresses(prefix: string): () => string {
  let used = 0;
  return () => {
    used += 1;
    return `${prefix}.${Math.floor(used / 250)}.${(used % 250) + 1}`;
  };
}

/** IPv6 addresses each in a /64 of its own: each a different subscriber to the budgets. */
export function freshSubscribers(): () => string {
  let used = 0;
  return () => {
    used += 1;
    return `2001:db8:${used.toString(16)}:${randomBytes(2).toString('hex')}::1`;
  };
}

/** An active consultant account no other test knows, by its email. */
export async function newAccount(db: Kysely<Database>): Promise<string> {
  const email = `person-${randomUUID()}@example.org`;
  await createAccount(db, { email, role: 'consultant' });
  return email;
}

/** One attempt at signing in, from `remoteAddress`, carrying `device` as the device cookie if given. */
export const attemptSignIn = (
  app: App,
  email: string,
  password: string,
  remoteAddress: string,
  device?: string,
) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    ...(device && { cookies: { [DEVICE_COOKIE]: device } }),
    payload: { email, password },
  });

/** The device cookie a response set, with its attributes. */
export const deviceCookieOf = (response: { cookies: { name: string; value: string }[] }) =>
  response.cookies.find((cookie) => cookie.name === DEVICE_COOKIE);
