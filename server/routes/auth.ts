import { z } from 'zod';
import { hashPassword, verifyPassword } from '../accounts/passwords.ts';
import { hashToken } from '../accounts/tokens.ts';
import type { Config } from '../config.ts';
import {
  findUserByEmail,
  findUserById,
  membershipsOf,
  setPasswordHash,
  takeAccountInvitation,
} from '../db/accounts.ts';
import { audit } from '../db/audit.ts';
import {
  normalizeEmail,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../domain/accounts/password-policy.ts';
import type { App } from '../http/app-types.ts';
import { errorResponses, HttpError } from '../http/errors.ts';
import { hashedKey } from '../plugins/security.ts';
import type { Viewer } from '../plugins/sessions.ts';

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    isAdmin: z.boolean(),
    isConsultant: z.boolean(),
    memberships: z.array(
      z.object({
        organizationId: z.uuid(),
        organizationName: z.string(),
        role: z.enum(['consultant', 'leader']),
        teamKey: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'User' });

const password = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
const wrongCredentials = 'Email or password is incorrect.';

const toUser = (viewer: Viewer) => ({
  id: viewer.userId,
  email: viewer.email,
  isAdmin: viewer.isAdmin,
  isConsultant: viewer.isConsultant,
  memberships: viewer.memberships,
});

export async function authRoutes(app: App, { config }: { config: Config }) {
  const perMinute = { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' };
  // Per account as well as per client, so spreading guesses over many addresses does not help.
  const perAccount = app.rateLimit({
    ...perMinute,
    keyGenerator: (request) =>
      hashedKey('login-account', normalizeEmail(String((request.body as { email?: unknown })?.email ?? ''))),
  });

  async function viewerOf(userId: string): Promise<Viewer> {
    const user = await findUserById(app.db, userId);
    if (!user) throw new HttpError(401, wrongCredentials);
    return {
      userId: user.id,
      email: user.email,
      isAdmin: user.isAdmin,
      isConsultant: user.isConsultant,
      memberships: await membershipsOf(app.db, user.id),
    };
  }

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true }, rateLimit: perMinute },
      preHandler: perAccount,
      schema: {
        tags: ['accounts'],
        summary: 'Sign in; sets the session cookie',
        body: z.object({ email: z.string().max(320), password: z.string().max(PASSWORD_MAX_LENGTH) }),
        response: { 200: z.object({ user: userSchema }), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const email = normalizeEmail(request.body.email);
      const user = await findUserByEmail(app.db, email);
      // Unknown email and wrong password take the same time and give the same answer.
      const valid = await verifyPassword(user?.passwordHash ?? null, request.body.password);
      if (!user || !valid) throw new HttpError(401, wrongCredentials);
      await app.startSession(reply, request, user.id);
      await audit(app.db, {
        organizationId: null,
        actor: { userId: user.id, email: user.email },
        action: 'auth.login',
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
        response: { 200: z.object({ user: userSchema }), ...errorResponses(401) },
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
        summary: 'Accept an invitation by choosing a password; signs in',
        body: z.object({ token: z.string().min(10).max(200), password }),
        response: { 200: z.object({ user: userSchema }), ...errorResponses(400, 410, 429) },
      },
    },
    async (request, reply) => {
      const userId = await takeAccountInvitation(app.db, hashToken(request.body.token), new Date());
      if (!userId)
        throw new HttpError(410, 'This invitation has expired or was already used. Ask for a new one.');
      await setPasswordHash(app.db, userId, await hashPassword(request.body.password));
      await app.startSession(reply, request, userId);
      return { user: toUser(await viewerOf(userId)) };
    },
  );
}
