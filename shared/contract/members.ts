import { z } from 'zod';
import type { Received, Sent } from './wire.ts';

// Issue 12: a member is described only by what this organization knows. The id is the
// membership's own, never the account's, and the status is this organization's invitation, never
// whether the person has an account elsewhere: otherwise adding an email would reveal it.
export const memberSchema = z
  .object({
    id: z.uuid().describe("This membership's id, used to remove it"),
    email: z.string(),
    role: z.enum(['consultant', 'leader']),
    teamKey: z.string().nullable(),
    status: z.enum(['active', 'invited']).describe('Invited until the person accepts this invitation'),
  })
  .meta({ id: 'Member' });

/** POST /api/organizations/:orgId/members */
export const newMemberSchema = z.object({
  email: z.email().max(320),
  role: z.enum(['leader', 'consultant']),
  teamKey: z
    .string()
    .max(100)
    .optional()
    .describe('Leaders only: limit them to this team and its descendants'),
});
export const invitedMemberSchema = z.object({
  member: memberSchema,
  inviteUrl: z
    .string()
    .nullable()
    .describe(
      'One-time link to accept, valid 7 days, replacing any earlier link for this person; ' +
        'null when they are an active member already (then only the role changed)',
    ),
});

/** GET /api/organizations/:orgId/audit: one entry, newest first. */
export const auditEntrySchema = z.object({
  id: z.uuid(),
  at: z.date(),
  actorEmail: z.string().nullable(),
  action: z.string().describe('A stable code, `area.verb`: `wave.open`, `teams.replace`…'),
  detail: z.record(z.string(), z.unknown()),
  waveTitle: z.string().nullable().describe('The title of the wave the entry names, if any'),
});

export type Member = Received<typeof memberSchema>;
export type NewMember = Sent<typeof newMemberSchema>;
export type InvitedMember = Received<typeof invitedMemberSchema>;
export type AuditEntry = Received<typeof auditEntrySchema>;
