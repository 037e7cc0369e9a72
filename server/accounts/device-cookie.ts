import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/**
 * The device cookie (OWASP's answer to sign-in lockouts): proof that this browser has signed in to
 * an account before. A sign-in that carries one for the account it names is counted on that
 * device's own budget, not the account's or the address's, so no flood from elsewhere, and no
 * colleague's behind the same office address, can lock the account's owner out. A guesser has no
 * such cookie and cannot make one.
 *
 * Each entry is a random nonce and a MAC over the account id and the nonce, under a key only the
 * server holds: checked without any state per device, and naming nobody (no email, no id) to
 * whoever sees the cookie. It goes only to /api/auth, so a manager answering their team's survey
 * in the browser they run the console in sends it nowhere near the survey's routes.
 */
export const DEVICE_COOKIE = 'trust_os_device';
const LIFETIME_SECONDS = 180 * 24 * 3600;
/** Accounts one browser is remembered for: a consultant's second account, a shared computer. */
const REMEMBERED_ACCOUNTS = 4;
const NONCE_BYTES = 16;

export interface DeviceCookies {
  /** Whether the request carries a device cookie at all: only then is its account worth looking up. */
  carried(request: FastifyRequest): boolean;
  /**
   * The device behind the request's cookie issued to `userId`, as a value to key its budget on; null
   * when there is none: no cookie, a forged one, or one issued to another account.
   */
  deviceOf(request: FastifyRequest, userId: string): string | null;
  /** Remembers this browser for `userId` with a fresh nonce, keeping what it holds for others. */
  remember(request: FastifyRequest, reply: FastifyReply, userId: string): void;
}

/** `sign` must be a MAC under a server secret (`RateKeys.sign`); its output is compared in constant time. */
export function deviceCookies(
  sign: (value: string) => string,
  cookieSecure: Config['cookieSecure'],
): DeviceCookies {
  const macOf = (userId: string, nonce: string) => sign(`${userId}:${nonce}`);
  const entriesOf = (request: FastifyRequest) =>
    (request.cookies[DEVICE_COOKIE] ?? '')
      .split('~')
      .slice(0, REMEMBERED_ACCOUNTS)
      .map((entry) => entry.split('.'))
      .filter((parts): parts is [string, string] => parts.length === 2 && parts[0] !== '' && parts[1] !== '');
  const issuedTo = ([nonce, mac]: [string, string], userId: string) => {
    const expected = Buffer.from(macOf(userId, nonce));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return {
    carried: (request) => entriesOf(request).length > 0,
    deviceOf: (request, userId) => entriesOf(request).find((entry) => issuedTo(entry, userId))?.[0] ?? null,
    remember(request, reply, userId) {
      const nonce = randomBytes(NONCE_BYTES).toString('base64url');
      const others = entriesOf(request).filter((entry) => !issuedTo(entry, userId));
      const value = [[nonce, macOf(userId, nonce)], ...others]
        .slice(0, REMEMBERED_ACCOUNTS)
        .map((entry) => entry.join('.'))
        .join('~');
      reply.setCookie(DEVICE_COOKIE, value, {
        path: '/api/auth',
        httpOnly: true,
        sameSite: 'lax',
        // As the session cookie is (server/plugins/sessions.ts).
        secure: cookieSecure === 'auto' ? request.protocol === 'https' : cookieSecure === 'true',
        maxAge: LIFETIME_SECONDS,
      });
    },
  };
}
