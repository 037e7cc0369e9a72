import { z } from 'zod';
import { hashToken, newToken } from '../accounts/tokens.ts';
import {
  addMembership,
  createAccountInvitation,
  createUser,
  deleteSessionsOfUser,
  findUserByEmail,
  listMembers,
  makeConsultant,
  removeMembership,
} from '../db/accounts.ts';
import { audit, listAudit } from '../db/audit.ts';
import { normalizeEmail } from '../domain/accounts/password-policy.ts';
import type { App } from '../http/app-types.ts';
import { errorResponses, invalidField, notFound } from '../http/errors.ts';
import { publicBaseUrl } from '../http/public-url.ts';

const INVITATION_DAYS = 7;

const memberSchema = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    role: z.enum(['consultant', 'leader']),
    teamKey: z.string().nullable(),
    status: z.enum(['active', 'invited']).describe('Invited until the person has chosen a password'),
  })
  .meta({ id: 'Member' });

const orgParams = z.object({ orgId: z.uuid() });
const consultants = { organization: { via: 'orgId', roles: ['consultant'] } } as const;

export async function memberRoutes(app: App) {
  app.post(
    '/api/organizations/:orgId/members',
    {
      config: { access: consultants },
      schema: {
        tags: ['members'],
        summary: 'Give a leader or consultant access to this organization',
        params: orgParams,
        body: z.object({
          email: z.email().max(320),
          role: z.enum(['leader', 'consultant']),
          teamKey: z
            .string()
            .max(100)
            .optional()
            .describe('Leaders only: limit them to this team and its descendants'),
        }),
        response: {
          201: z.object({
            member: memberSchema,
            inviteUrl: z
              .string()
              .nullable()
              .describe('One-time link to choose a password, valid 7 days; null for existing accounts'),
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { organizationId } = request.organizationAccess!;
      const { role } = request.body;
      const email = normalizeEmail(request.body.email);
      const teamKey = request.body.teamKey ?? null;
      if (teamKey !== null) {
        if (role !== 'leader') throw invalidField('body.teamKey', 'only leaders can be limited to a team');
        const team = await app.db
          .selectFrom('team')
          .select('id')
          .where('organization_id', '=', organizationId)
          .where('key', '=', teamKey)
          .executeTakeFirst();
        if (!team) throw invalidField('body.teamKey', `there is no team "${teamKey}" in this organization`);
      }
      const existing = await findUserByEmail(app.db, email);
      const user = existing ?? (await createUser(app.db, { email, passwordHash: null }));
      await addMembership(app.db, { userId: user.id, organizationId, role, teamKey });
      if (role === 'consultant') await makeConsultant(app.db, user.id);

      let inviteUrl: string | null = null;
      if (!user.passwordHash) {
        const token = newToken();
        await createAccountInvitation(app.db, {
          tokenHash: hashToken(token),
          userId: user.id,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3_600_000),
        });
        inviteUrl = `${publicBaseUrl(app, request)}/invite/${token}`;
      }
      const viewer = request.viewer!;
      await audit(app.db, {
        organizationId,
        actor: { userId: viewer.userId, email: viewer.email },
        action: 'member.add',
        detail: { email, role, teamKey },
      });
      return reply.code(201).send({
        member: { userId: user.id, email, role, teamKey, status: user.passwordHash ? 'active' : 'invited' },
        inviteUrl,
      });
    },
  );

  app.get(
    '/api/organizations/:orgId/members',
    {
      config: { access: consultants },
      schema: {
        tags: ['members'],
        summary: 'Who has access to this organization',
        params: orgParams,
        response: { 200: z.array(memberSchema), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      (await listMembers(app.db, request.organizationAccess!.organizationId)).map(
        ({ passwordHash, ...member }) => ({
          ...member,
          status: passwordHash ? ('active' as const) : ('invited' as const),
        }),
      ),
  );

  app.delete(
    '/api/organizations/:orgId/members/:userId',
    {
      config: { access: consultants },
      schema: {
        tags: ['members'],
        summary: "Revoke someone's access; their sessions end",
        params: z.object({ orgId: z.uuid(), userId: z.uuid() }),
        response: { 204: z.undefined(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { organizationId } = request.organizationAccess!;
      if (!(await removeMembership(app.db, organizationId, request.params.userId))) {
        throw notFound('That person is not a member of this organization.');
      }
      // Ending every session is simpler and safer than working out which ones touched this organization.
      await deleteSessionsOfUser(app.db, request.params.userId);
      const viewer = request.viewer!;
      await audit(app.db, {
        organizationId,
        actor: { userId: viewer.userId, email: viewer.email },
        action: 'member.remove',
        detail: { userId: request.params.userId },
      });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/organizations/:orgId/audit',
    {
      config: { access: consultants },
      schema: {
        tags: ['members'],
        summary: 'What consultants and administrators did in this organization, newest first',
        params: orgParams,
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              at: z.date(),
              actorEmail: z.string().nullable(),
              action: z.string(),
              detail: z.record(z.string(), z.unknown()),
            }),
          ),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => listAudit(app.db, request.organizationAccess!.organizationId),
  );
}
