import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  acceptInvitationSchema,
  loginSchema,
  passwordChangeSchema,
  signedInSchema,
} from '../../shared/contract/auth.ts';
import { deviceCookies } from '../accounts/device-cookie.ts';
import { hashPassword, verifyPassword } from '../accounts/passwords.ts';
import { hashToken } from '../accounts/tokens.ts';
import type { Config } from '../config.ts';
import {
  acceptMembership,
  changePassword,
  deleteInvitation,
  findInvitation,
  findUserByEmail,
  findUserById,
  invitationIsLive,
  membershipsOf,
} from '../db/accounts.ts';
import { audit } from '../db/audit.ts';
import { normalizeEmail } from '../domain/accounts/password-policy.ts';
import type { App } from '../http/app-types.ts';
import { conflict, errorResponses, gone, invalidField, unauthorized } from '../http/errors.ts';
import { budgetsHook } from '../plugins/security.ts';
import type { Viewer } from '../plugins/sessions.ts';

const toUser = (viewer: Viewer) => ({
  id: viewer.userId,
  email: viewer.email,
  isAdmin: viewer.isAdmin,
  canCreateOrganizations: viewer.canCreateOrganizations,
  memberships: viewer.memberships,
});

/** How many addresses' worth of sign-in attempts one account may receive per minute. */
export const ACCOUNT_BUDGET_IN_ADDRESSES = 3;
/**
 * How many people's worth of attempts one address may make per minute, at sign-in and at
 * accepting an invitation: an office's budget, where one person's is LOGIN_RATE_LIMIT_PER_MINUTE.
 */
export const ADDRESS_BUDGET_IN_PEOPLE = 10;

/** Whose password an attempt tries, and the device it comes from when it carries a device cookie. */
interface PasswordAttempt {
  email: string;
  device: string | null;
}

export async function authRoutes(app: App, { config }: { config: Config }) {
  const perPerson = config.loginRateLimitPerMinute;
  const keys = app.rateKeys;
  const devices = deviceCookies((value) => keys.sign('device', value), config.cookieSecure);
  // Every check of a password (signing in, or the current one when changing it) is budgeted in one
  // of two ways, chosen once the body is read.
  // - With a device cookie issued to the account (server/accounts/device-cookie.ts): per device,
  //   and on nothing else. The owner gets in from their own browser however hard the account is
  //   attacked from elsewhere and however busy their office's address is; a guesser has no cookie.
  // - Without: narrowest first, and a request one budget refuses spends none of those after it.
  //   Per address and account, one person's worth: one address cannot spend more than a third of
  //   the account's budget, and one person (or one infected machine) hammering one account spends
  //   no more than that of their office's. Per address, ADDRESS_BUDGET_IN_PEOPLE people's worth: it
  //   stops one address trying many accounts, while an office where hundreds share the address
  //   signs in without a cookie only from new browsers, a handful a minute, and still gets in
  //   while nine people each hammer an account. It counts every attempt, not only failures:
  //   raised, it costs an office nothing, and, like every budget here, it refuses a flood before
  //   the password is checked, which is what costs (argon2), where a count of failures is known
  //   only after. Per account (its normalized email), ACCOUNT_BUDGET_IN_ADDRESSES addresses'
  //   worth, so guesses spread over many addresses stop as surely as guesses from one; it comes
  //   last, so an address over its own budget spends none of any account's.
  // With the counts in Redis and Redis unreachable, these are refused (503, Retry-After): they
  // are all that stands between a guesser and a password, and a consultant can wait a moment where
  // an attacker must not get unlimited guesses for the length of an outage.
  const whenUncounted = 'refuse';
  const attempts = new WeakMap<FastifyRequest, PasswordAttempt>();
  const attemptOf = (request: FastifyRequest) => attempts.get(request) ?? { email: '', device: null };
  const fromDevice = budgetsHook(
    app,
    [
      {
        name: 'login-device',
        max: perPerson,
        key: (request) => keys.key('login-device', attemptOf(request).device ?? ''),
      },
    ],
    { whenUncounted },
  );
  const fromElsewhere = budgetsHook(
    app,
    [
      {
        name: 'login-address-account',
        max: perPerson,
        key: (request) =>
          keys.key('login-address-account', `${keys.client(request)}|${attemptOf(request).email}`),
      },
      { name: 'login-address', max: ADDRESS_BUDGET_IN_PEOPLE * perPerson, key: keys.client },
      {
        name: 'login-account',
        max: ACCOUNT_BUDGET_IN_ADDRESSES * perPerson,
        key: (request) => keys.key('login-account', attemptOf(request).email),
      },
    ],
    { whenUncounted },
  );
  /** Spends one attempt at the password of the account `email` names (`userId`, when it exists). */
  async function countPasswordAttempt(
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    userId: string | null,
  ) {
    const device = userId === null ? null : devices.deviceOf(request, userId);
    attempts.set(request, { email: normalizeEmail(email), device });
    await (device === null ? fromElsewhere : fromDevice)(request, reply);
  }

  // Accepting an invitation tries a token, not a password: 256 random bits nobody guesses. Its
  // budgets keep one address from trying tokens by the thousand, per address and token (one
  // person's worth) and per address (an office's), so someone sending the same dead link over and
  // over, or a few wrong ones, blocks no other invitee behind their address. With Redis
  // unreachable they admit requests uncounted: there is no password to guess here.
  const acceptBudgets = budgetsHook(
    app,
    [
      {
        name: 'invite-address-token',
        max: perPerson,
        key: (request) =>
          keys.key(
            'invite-address-token',
            `${keys.client(request)}|${String((request.body as { token?: unknown })?.token ?? '')}`,
          ),
      },
      { name: 'invite-address', max: ADDRESS_BUDGET_IN_PEOPLE * perPerson, key: keys.client },
    ],
    { whenUncounted: 'admit' },
  );

  async function viewerOf(userId: string): Promise<Viewer> {
    const user = await findUserById(app.db, userId);
    if (!user) throw unauthorized('auth.wrong-credentials');
    return {
      userId: user.id,
      email: user.email,
      isAdmin: user.isAdmin,
      canCreateOrganizations: user.canCreateOrganizations,
      memberships: await membershipsOf(app.db, user.id),
    };
  }

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true } },
      preHandler: async (request, reply) => {
        const email = normalizeEmail(request.body.email);
        // A device cookie names no account, so the account is looked up only when one is carried.
        const user = devices.carried(request) ? await findUserByEmail(app.db, email) : undefined;
        await countPasswordAttempt(request, reply, email, user?.id ?? null);
      },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in; sets the session cookie',
        body: loginSchema,
        response: { 200: signedInSchema, ...errorResponses(400, 401, 429, 503) },
      },
    },
    async (request, reply) => {
      const email = normalizeEmail(request.body.email);
      const user = await findUserByEmail(app.db, email);
      // Unknown email and wrong password take the same time and give the same answer.
      const valid = await verifyPassword(user?.passwordHash ?? null, request.body.password);
      if (!user || !valid) throw unauthorized('auth.wrong-credentials');
      // The session and its audit entry commit together, or neither does.
      await app.db.transaction().execute(async (trx) => {
        await app.startSession(reply, request, user.id, trx);
        await audit(trx, {
          organizationId: null,
          actor: { userId: user.id, email: user.email },
          action: 'auth.login',
        });
      });
      devices.remember(request, reply, user.id);
      return { user: toUser(await viewerOf(user.id)) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { public: true } },
      schema: { tags: ['accounts'], summary: 'Sign out; ends the session', response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await app.endSession(reply, request);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['accounts'],
        summary: 'Who is signed in',
        response: { 200: signedInSchema, ...errorResponses(401) },
      },
    },
    async (request) => ({ user: toUser(request.viewer!) }),
  );

  app.post(
    '/api/auth/accept-invite',
    {
      config: { access: { public: true } },
      preHandler: acceptBudgets,
      schema: {
        tags: ['accounts'],
        summary: 'Accept an invitation to an organization',
        description:
          'For an account that has no password yet, choose one: this signs in. An account that ' +
          'already has one joins by signing in first and sending only the token; its password is ' +
          'never changed here (409 when not signed in as the invited account).',
        body: acceptInvitationSchema,
        response: { 200: signedInSchema, ...errorResponses(400, 409, 410, 429) },
      },
    },
    async (request, reply) => {
      const tokenHash = hashToken(request.body.token);
      // A link that leads nowhere costs no argon2: junk tokens sent by the hundred (the address's
      // budget is an office's) are answered from one indexed look. Looked at again, locked, below.
      if (!(await invitationIsLive(app.db, tokenHash, new Date()))) throw gone('auth.invitation-expired');
      // argon2 before the transaction, so no row stays locked while it runs.
      const newHash = request.body.password === undefined ? null : await hashPassword(request.body.password);
      const userId = await app.db.transaction().execute(async (trx) => {
        const now = new Date();
        const invitation = await findInvitation(trx, tokenHash, now);
        if (!invitation) throw gone('auth.invitation-expired');
        const activating = invitation.passwordHash === null;
        if (activating) {
          // Signed in as someone else: the invitation is for a new account, which this session is
          // not. Said as such, rather than asking for a password the page they are on has no field for.
          if (request.viewer && request.viewer.userId !== invitation.userId)
            throw conflict('auth.invitation-for-new-account');
          if (newHash === null) throw invalidField('body.password', 'auth.password-needed');
          await changePassword(trx, invitation.userId, newHash);
        } else {
          // Issue 12: a link someone kept must never take over an account that became active
          // elsewhere. An active account proves itself by its own session, and keeps its password.
          if (request.viewer?.userId !== invitation.userId) {
            throw conflict(
              request.viewer ? 'auth.invitation-for-other-account' : 'auth.invitation-for-existing-account',
            );
          }
          if (newHash !== null) throw invalidField('body.password', 'auth.password-already-set');
        }
        await acceptMembership(trx, invitation.organizationId, invitation.userId, now);
        await deleteInvitation(trx, tokenHash);
        await audit(trx, {
          organizationId: invitation.organizationId,
          actor: { userId: invitation.userId, email: invitation.email },
          action: 'member.accept',
        });
        if (activating) {
          await app.startSession(reply, request, invitation.userId, trx);
          devices.remember(request, reply, invitation.userId);
        }
        return invitation.userId;
      });
      return { user: toUser(await viewerOf(userId)) };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { signedIn: true } },
      // The current password is checked as at sign-in, and counted on the same budgets: holding
      // a session buys no more guesses at it than signing in would.
      preHandler: (request, reply) =>
        countPasswordAttempt(request, reply, request.viewer!.email, request.viewer!.userId),
      schema: {
        tags: ['accounts'],
        summary: 'Change your password; every other session of your account ends',
        body: passwordChangeSchema,
        response: { 204: z.undefined(), ...errorResponses(400, 401, 429, 503) },
      },
    },
    async (request, reply) => {
      const viewer = request.viewer!;
      const user = await findUserById(app.db, viewer.userId);
      if (!user || !(await verifyPassword(user.passwordHash, request.body.currentPassword)))
        throw invalidField('body.currentPassword', 'auth.current-password-wrong');
      const newHash = await hashPassword(request.body.newPassword);
      await app.db.transaction().execute(async (trx) => {
        await changePassword(trx, user.id, newHash);
        await audit(trx, {
          organizationId: null,
          actor: { userId: user.id, email: user.email },
          action: 'auth.password-change',
        });
        // This device stays signed in with a fresh session; every other one is out.
        await app.startSession(reply, request, user.id, trx);
      });
      return reply.code(204).send();
    },
  );
}
