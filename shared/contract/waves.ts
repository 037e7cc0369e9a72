import { z } from 'zod';
import { displayText } from './display-text.ts';
import type { Received, Sent } from './wire.ts';

export const waveStatusSchema = z.enum(['draft', 'open', 'closed']);

export const waveSchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    title: z.string(),
    questionnaire: z.object({ key: z.string(), version: z.string() }),
    status: waveStatusSchema,
    closesAt: z.date().nullable(),
    openedAt: z.date().nullable(),
    closedAt: z.date().nullable(),
    createdAt: z.date(),
    opensAt: z.date().nullable().describe('A draft wave opens itself then, and its invitations go out'),
    reminderDays: z
      .array(z.number().int())
      .describe('Days after opening on which every recipient is reminded'),
    remindersSent: z
      .number()
      .int()
      .describe(
        'How many of reminderDays are behind the wave: sent, or already past when the days were set (those are not sent late)',
      ),
    locale: z.string().describe("The language of the wave's emails"),
  })
  .meta({ id: 'Wave' });

export const waveLinkSchema = z.object({
  teamKey: z.string(),
  teamName: z.string(),
  code: z.string(),
  url: z.string(),
  personalCodes: z.boolean().describe('The link takes an answer only with a single-use personal code'),
});

export const smallTeamSchema = z.object({
  teamKey: z.string(),
  teamName: z.string(),
  headcount: z.number().int(),
});

/** GET /api/waves/:waveId: the wave, with one participation link per team (consultants). */
export const waveWithLinksSchema = waveSchema.extend({
  links: z.array(waveLinkSchema),
  smallTeams: z
    .array(smallTeamSchema)
    .describe(
      "Consultants, for a draft or open wave (empty once closed): the teams it asks on their own whose known headcount is 1 to k − 1 (k: the organization's anonymity threshold), except those whose link already takes no answer (personal codes on, none issued). Their answers are stored under the team, so whoever reads the database reads them as those few people's: ask them through their parent team's link instead",
    ),
});

const reminderDaysSchema = z
  .array(z.number().int().min(1).max(90))
  .max(10)
  .refine((days) => days.every((day, i) => i === 0 || day > days[i - 1]!), 'must be strictly ascending days');

/** POST /api/organizations/:orgId/waves */
export const newWaveSchema = z.object({
  title: displayText(200),
  questionnaire: z.object({ key: z.string().max(100), version: z.string().max(40) }),
  teamKeys: z.array(z.string().max(64)).min(1).max(5000).optional().describe('Defaults to every team'),
  closesAt: z.iso.datetime({ offset: true }).optional(),
  opensAt: z.iso.datetime({ offset: true }).optional().describe('Open by itself at this time'),
  reminderDays: reminderDaysSchema.optional(),
  locale: z.string().max(20).optional().describe("The emails' language; one of the questionnaire's"),
});

/** PATCH /api/waves/:waveId: a wave's schedule. */
export const waveScheduleChangeSchema = z
  .object({
    opensAt: z.iso.datetime({ offset: true }).nullable().optional(),
    closesAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .describe('A new deadline, or null for none; until the wave closes'),
    reminderDays: reminderDaysSchema.optional(),
    locale: z.string().max(20).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of opensAt, closesAt, reminderDays, locale',
  });

/** POST /api/waves/:waveId/invitations */
export const invitationRequestSchema = z.object({
  teamKey: z.string().max(64),
  count: z.number().int().min(1).max(2000),
});
export const issuedInvitationsSchema = z.object({
  teamKey: z.string(),
  codes: z.array(z.string()),
  url: z.string(),
});

/** GET /api/waves/:waveId/participation: one row per team. */
export const teamParticipationSchema = z.object({
  teamKey: z.string(),
  teamName: z.string(),
  responses: z.number().int(),
  headcount: z.number().int().nullable(),
  rate: z.number().nullable().describe('responses / headcount, when the headcount is known'),
  full: z
    .boolean()
    .optional()
    .describe("Consultants: the team's link has taken headcount + max(5, 20%) answers and refuses more"),
});

export type Wave = Received<typeof waveSchema>;
export type WaveLink = Received<typeof waveLinkSchema>;
export type SmallTeam = Received<typeof smallTeamSchema>;
export type WaveWithLinks = Received<typeof waveWithLinksSchema>;
export type NewWave = Sent<typeof newWaveSchema>;
export type WaveScheduleChange = Sent<typeof waveScheduleChangeSchema>;
export type InvitationRequest = Sent<typeof invitationRequestSchema>;
export type IssuedInvitations = Received<typeof issuedInvitationsSchema>;
export type TeamParticipation = Received<typeof teamParticipationSchema>;
