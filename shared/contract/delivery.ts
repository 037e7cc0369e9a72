import { z } from 'zod';
import { MAX_RECIPIENTS } from '../../server/domain/delivery/recipient-list.ts';
import type { Received, Sent } from './wire.ts';

const mailCountsSchema = z.object({
  recipients: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
});

/** GET /api/waves/:waveId/delivery */
export const deliverySchema = z.object({
  emailConfigured: z.boolean(),
  ...mailCountsSchema.shape,
  failedAddresses: z
    .array(z.string())
    .describe('Addresses given up on, to correct; only while the wave is open (gone at close)'),
  heldUp: z
    .object({
      messages: z.number().int(),
      lastError: z.string().nullable(),
    })
    .describe(
      'Messages waiting to be tried again after the mail server refused or could not be reached, and what it said last (no address)',
    ),
  teams: z.array(
    z.object({
      teamKey: z.string(),
      teamName: z.string(),
      personalCodes: z.boolean(),
      ...mailCountsSchema.shape,
    }),
  ),
});

/** PUT /api/waves/:waveId/recipients: JSON, or the rows of a CSV file with email,team_key. */
export const recipientListSchema = z.union([
  z.object({
    recipients: z
      // Either may be missing here: the list's check names the row and field, as for a CSV's.
      .array(z.object({ email: z.string().max(320).optional(), teamKey: z.string().max(64).optional() }))
      .max(MAX_RECIPIENTS),
  }),
  z.array(z.record(z.string(), z.string())),
]);
export const recipientUploadSchema = z.object({
  teams: z.array(z.object({ teamKey: z.string(), recipients: z.number().int() })),
  invited: z.number().int().describe('Invitations queued by this upload'),
});

/** POST /api/waves/:waveId/reminders */
export const remindersSentSchema = z.object({ recipients: z.number().int() });

/** PUT /api/waves/:waveId/teams/:teamKey */
export const personalCodesSchema = z.object({ personalCodes: z.boolean() });
export const teamPersonalCodesSchema = z.object({ teamKey: z.string(), ...personalCodesSchema.shape });

export type MailCounts = Received<typeof mailCountsSchema>;
export type Delivery = Received<typeof deliverySchema>;
export type RecipientList = Sent<typeof recipientListSchema>;
export type RecipientUpload = Received<typeof recipientUploadSchema>;
export type RemindersSent = Received<typeof remindersSentSchema>;
export type PersonalCodes = Sent<typeof personalCodesSchema>;
export type TeamPersonalCodes = Received<typeof teamPersonalCodesSchema>;
