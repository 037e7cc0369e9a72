import { z } from 'zod';
import { displayText } from './display-text.ts';
import type { Received, Sent } from './wire.ts';

/** Below this, a group is small enough for its members to be told apart (R1). */
export const MIN_ANONYMITY_THRESHOLD = 3;

export const organizationSchema = z
  .object({ id: z.uuid(), name: z.string(), anonymityThreshold: z.number().int(), createdAt: z.date() })
  .meta({ id: 'Organization' });

/**
 * GET /api/organizations/:orgId: the organization and the caller's standing in it, read afresh
 * with each look, so a membership granted or changed during a session shows without signing in again.
 */
export const organizationViewSchema = organizationSchema
  .extend({
    viewerRole: z
      .enum(['admin', 'consultant', 'leader'])
      .describe('Your standing in it: an administrator or its consultant runs it; a leader reads it'),
  })
  .meta({ id: 'OrganizationView' });

/** POST /api/organizations */
export const newOrganizationSchema = z.object({
  name: displayText(200),
  anonymityThreshold: z
    .number()
    .int()
    .min(
      MIN_ANONYMITY_THRESHOLD,
      `must be at least ${MIN_ANONYMITY_THRESHOLD}: smaller groups could be identified`,
    )
    .max(100)
    .default(5)
    .describe('k: no figure is shown for fewer respondents than this (R1)'),
});

export type Organization = Received<typeof organizationSchema>;
export type OrganizationView = Received<typeof organizationViewSchema>;
export type NewOrganization = Sent<typeof newOrganizationSchema>;
