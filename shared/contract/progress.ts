import { z } from 'zod';
import {
  type Participation,
  TARGET_RATE,
  type WaveProgress as TeamsProgress,
} from '../../server/domain/participation/progress.ts';
import type { Received } from './wire.ts';

const rate = z
  .number()
  .nullable()
  .describe(
    'responses / headcount from 0 to 1, truncated to thousandths; null when the headcount is unknown or 0',
  );

export const participationSchema = z.object({
  responses: z.number().int(),
  headcount: z.number().int().nullable(),
  rate,
}) satisfies z.ZodType<Participation>;

/** GET /api/waves/:waveId/progress: the domain's progress view as it crosses the wire. */
export const progressSchema = z
  .object({
    total: participationSchema.describe('Every team of the wave together'),
    teams: z
      .array(
        z.object({
          teamKey: z.string(),
          teamName: z.string(),
          parentKey: z
            .string()
            .nullable()
            .describe('The nearest ancestor that is in the wave; null at the top'),
          depth: z.number().int().describe('Rows above this one: 0 at the top'),
          responses: z.number().int(),
          headcount: z
            .number()
            .int()
            .nullable()
            .describe('People expected to answer in this team, not counting sub-teams'),
          rate,
          full: z
            .boolean()
            .describe("The team's link has taken headcount + max(5, 20%) answers and refuses more"),
          subtree: participationSchema.describe(
            'This team and every team of the wave below it; headcount sums the known ones (null when none is)',
          ),
          belowTarget: z.boolean().describe(`subtree.rate is known and below ${TARGET_RATE}`),
          mail: z.object({
            recipients: z.number().int(),
            queued: z.number().int().describe('Messages waiting to go out'),
            sent: z.number().int(),
            failed: z.number().int().describe('Messages given up after their last attempt'),
          }),
        }),
      )
      .describe(
        'The teams of the wave, depth first; below a team outside the wave, a team rolls up to its nearest ancestor in the wave',
      ),
  })
  .meta({ id: 'WaveProgress' }) satisfies z.ZodType<TeamsProgress>;

export type ParticipationFigures = Received<typeof participationSchema>;
export type WaveProgress = Received<typeof progressSchema>;
export type ProgressRow = WaveProgress['teams'][number];
