import { z } from 'zod';
import { actionSchema, figureSchema } from './actions.ts';
import type { Received } from './wire.ts';

/** The wire shape of a team's shared results page, defined once for the route and the client. */
const sharedGroupSchema = z.object({
  trustIndex: z.number().nullable(),
  n: z.number().int().nullable(),
  dimensions: z.record(z.string(), figureSchema.nullable()),
});

export const sharedResultsSchema = z
  .object({
    wave: z.object({ title: z.string(), closedAt: z.date().nullable() }),
    locale: z.string(),
    anonymityThreshold: z.number().int(),
    dimensions: z.array(z.object({ id: z.string(), name: z.string(), outcome: z.boolean() })),
    organization: z.object({ name: z.string(), published: sharedGroupSchema.nullable() }),
    team: z.object({
      key: z.string(),
      name: z.string(),
      published: sharedGroupSchema.nullable().describe('null when the report hides the team (R1, R2)'),
    }),
    actions: z.array(
      actionSchema
        .pick({ title: true, teamKey: true, dimension: true, owner: true, dueDate: true, status: true })
        .extend({
          dimensionName: z
            .string()
            .describe("The dimension's name, also when this wave's questionnaire does not ask it"),
        })
        .strict(),
    ),
  })
  .meta({ id: 'SharedResults' });

/** POST /api/waves/:waveId/share: one read-only link per team. */
export const sharedLinksSchema = z.object({
  links: z.array(z.object({ teamKey: z.string(), teamName: z.string(), url: z.string() })),
});

export type SharedResults = Received<typeof sharedResultsSchema>;
export type SharedLinks = Received<typeof sharedLinksSchema>;
