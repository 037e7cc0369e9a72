import { z } from 'zod';
import type { Received } from './wire.ts';

/** Answers so far against the people expected, as the progress and participation views count them. */
export const participationFigureSchema = z.object({
  responses: z.number().int(),
  headcount: z.number().int().nullable(),
  rate: z
    .number()
    .nullable()
    .describe('responses / headcount from 0 to 1; null when the headcount is unknown'),
});

/** An organization's newest wave, for the list of organizations. */
export const latestWaveSchema = z
  .object({
    wave: z
      .object({
        id: z.uuid(),
        title: z.string(),
        status: z.enum(['draft', 'open', 'closed']),
        openedAt: z.date().nullable(),
        closesAt: z.date().nullable(),
        closedAt: z.date().nullable(),
      })
      .nullable()
      .describe('The newest wave (leaders: the newest closed one); null when there is none'),
    participation: participationFigureSchema
      .nullable()
      .describe(
        "Consultants: the live total of the progress view. Leaders: the closed report's published n for their scope; null when that group is hidden (for anonymity: never why), or while the report of a wave closed a moment ago is still being prepared",
      ),
  })
  .meta({ id: 'LatestWave' });

export type LatestWave = Received<typeof latestWaveSchema>;
