import { z } from 'zod';
import {
  acceptInvitationSchema,
  loginSchema,
  passwordChangeSchema,
  signedInSchema,
} from '../../shared/contract/auth.ts';
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

export async function authRoutes(app: App, { config }: { config: Config }) {
  const perMinute = { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' };
  // Sign-in is budgeted per client address, before the body is read, and per account, so that
  // spreading guesses over many addresses does not help. An account's budget is three addresses'
  // worth, and a request the address budget refuses spends nothing of the account's: one noisy
  // address can spend at most a third of it, so it cannot lock the owner out on its own.
  // With the counts in Redis and Redis unreachable, sign-in is refused (503, Retry-After): these
  // budgets are all that stands between a guesser and a password, and a consultant can wait a
  // moment where an attacker must not get unlimited guesses for the length of an outage.
  const whenUncounted = 'refuse';
  const loginPerAddress = budgetsHook(
    app,
    [{ name: 'login-address', max: config.loginRateLimitPerMinute, key: app.rateKeys.client }],
    { whenUncounted },
  );
  const loginPerAccount = budgetsHook(
    app,
    [
      {
        name: 'login-account',
        max: ACCOUNT_BUDGET_IN_ADDRESSES * config.loginRateLimitPerMinute,
        key: (request) =>
          app.rateKeys.key(
            'login-account',
            normalizeEmail(String((request.body as { email?: unknown })?.email ?? '')),
          ),
      },
    ],
    { whenUncounted },
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
      onRequest: loginPerAddress,
      preHandler: loginPerAccount,
      schema: {
        tags: ['accounts'],
        summary: 'Sign in; sets the session cookie',
        body: loginSchema,
        response: { 200: signedInSchema, ...errorResponses(400, 401, 429) },
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
      config: { access: { public: true }, rateLimit: perMinute },
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
        if (activating) await app.startSession(reply, request, invitation.userId, trx);
        return invitation.userId;
      });
      return { user: toUser(await viewerOf(userId)) };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { signedIn: true }, rateLimit: perMinute },
      schema: {
        tags: ['accounts'],
        summary: 'Change your password; every other session of your account ends',
        body: passwordChangeSchema,
        response: { 204: z.undefined(), ...errorResponses(400, 401, 429) },
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
