import { z } from 'zod';
import {
  auditEntrySchema,
  invitedMemberSchema,
  memberSchema,
  newMemberSchema,
} from '../../shared/contract/members.ts';
import { orgParams } from '../../shared/contract/params.ts';
import { hashToken, newToken } from '../accounts/tokens.ts';
import {
  findOrCreateInvitee,
  listMembers,
  lockedConsultants,
  lockedMembership,
  type MemberRecord,
  removeMembership,
  replaceInvitation,
  upsertMembership,
} from '../db/accounts.ts';
import { audit, listAudit } from '../db/audit.ts';
import { hasTeam, holdHierarchy } from '../db/organizations.ts';
import { normalizeEmail } from '../domain/accounts/password-policy.ts';
import type { App } from '../http/app-types.ts';
import { conflict, errorResponses, invalidField, notFound } from '../http/errors.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { csvField } from '../reports/report-csv.ts';

const INVITATION_DAYS = 7;

const toMember = ({ acceptedAt, ...member }: MemberRecord) => ({
  ...member,
  status: acceptedAt ? ('active' as const) : ('invited' as const),
});

const consultants = { organization: { via: 'orgId', roles: ['consultant'] } } as const;

/**
 * Refuses a change that takes the last accepted consultant's role away (removed, or made a leader)
 * unless an administrator makes it: nobody else could manage the organization after it. Judged
 * on the consultants' rows, locked (`lockedConsultants`), so two consultants removing each other
 * at once cannot both succeed.
 */
const refuseLastConsultant = (
  consultantRows: readonly { id: string; userId: string }[],
  isTarget: (row: { id: string; userId: string }) => boolean,
) => {
  if (consultantRows.some(isTarget) && consultantRows.every(isTarget))
    throw conflict('member.last-consultant');
};

export async function memberRoutes(app: App) {
  app.post(
    '/api/organizations/:orgId/members',
    {
      config: { access: consultants },
      schema: {
        tags: ['members'],
        summary: 'Give a leader or consultant access to this organization',
        params: orgParams,
        body: newMemberSchema,
        response: {
          201: invitedMemberSchema,
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { organizationId } = request.organizationAccess!;
      const { role } = request.body;
      const email = normalizeEmail(request.body.email);
      const teamKey = request.body.teamKey ?? null;
      if (teamKey !== null && role !== 'leader')
        throw invalidField('body.teamKey', 'member.team-only-for-leaders');
      const viewer = request.viewer!;
      const token = newToken();
      const member = await app.db.transaction().execute(async (trx) => {
        if (teamKey !== null) {
          // Asked under the hold a team import waits for (and waited for): the team cannot be
          // removed between this check and the write, which would leave the limit pointing at no
          // team, and hand the subtree of a team imported later under that key.
          await holdHierarchy(trx, organizationId);
          if (!(await hasTeam(trx, organizationId, teamKey)))
            throw invalidField('body.teamKey', 'member.unknown-team', { team: teamKey });
        }
        const userId = await findOrCreateInvitee(trx, email);
        // Before the row this changes, so every change of consultants locks theirs in one order.
        const consultantRows =
          role !== 'consultant' && !viewer.isAdmin ? await lockedConsultants(trx, organizationId) : [];
        // Inviting someone already here changes their access: the log keeps what it was.
        const before = await lockedMembership(trx, userId, organizationId);
        refuseLastConsultant(consultantRows, (row) => row.userId === userId);
        // No side effect on the account: a consultant membership does not let anyone create
        // organizations; only an administrator grants that.
        const added = await upsertMembership(trx, { userId, organizationId, role, teamKey });
        // Someone who has not accepted yet gets a new link, and the old one dies with it.
        if (!added.acceptedAt) {
          await replaceInvitation(trx, {
            tokenHash: hashToken(token),
            userId,
            organizationId,
            expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3_600_000),
          });
        }
        const changed = before !== undefined && (before.role !== role || before.teamKey !== teamKey);
        await audit(trx, {
          organizationId,
          actor: { userId: viewer.userId, email: viewer.email },
          action: changed ? 'member.change' : 'member.add',
          detail: { email, role, teamKey, ...(changed ? { before } : {}) },
        });
        return added;
      });
      return reply.code(201).send({
        member: toMember(member),
        inviteUrl: member.acceptedAt ? null : `${publicBaseUrl(app, request)}/invite/${token}`,
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
    async (request) => (await listMembers(app.db, request.organizationAccess!.organizationId)).map(toMember),
  );

  app.delete(
    '/api/organizations/:orgId/members/:memberId',
    {
      config: { access: consultants },
      schema: {
        tags: ['members'],
        summary: "Revoke someone's access to this organization, or withdraw their invitation",
        description:
          'Their next request to this organization fails; their access to other organizations and ' +
          'their sessions stay. An invitation not yet accepted is dead. Refused (409) when it would ' +
          'leave the organization without an accepted consultant, unless an administrator asks.',
        params: z.object({ orgId: z.uuid(), memberId: z.uuid() }),
        response: { 204: z.undefined(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { organizationId } = request.organizationAccess!;
      const viewer = request.viewer!;
      await app.db.transaction().execute(async (trx) => {
        const { memberId } = request.params;
        if (!viewer.isAdmin)
          refuseLastConsultant(await lockedConsultants(trx, organizationId), (row) => row.id === memberId);
        const removed = await removeMembership(trx, organizationId, memberId);
        if (!removed) throw notFound('member.not-found');
        await audit(trx, {
          organizationId,
          actor: { userId: viewer.userId, email: viewer.email },
          action: 'member.remove',
          detail: { email: removed.email },
        });
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
          200: z.array(auditEntrySchema),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => listAudit(app.db, request.organizationAccess!.organizationId),
  );

  app.get(
    '/api/organizations/:orgId/audit.csv',
    {
      config: { access: consultants },
      schema: {
        tags: ['members'],
        summary: 'The audit log as CSV, with the raw action codes and details, newest first',
        params: orgParams,
        response: { 200: z.string(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const entries = await listAudit(app.db, request.organizationAccess!.organizationId, 100_000);
      const lines = [
        'at,actor_email,action,wave_title,detail',
        ...entries.map((e) =>
          [e.at.toISOString(), e.actorEmail, e.action, e.waveTitle, JSON.stringify(e.detail)]
            .map(csvField)
            .join(','),
        ),
      ];
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .send(`${lines.join('\r\n')}\r\n`);
    },
  );
}
