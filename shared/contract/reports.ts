import { z } from 'zod';
import { TEAM_KEY_PATTERN } from '../../server/domain/hierarchy/team-import.ts';
import type { Group, Hotspot, Report as ReportFigures } from '../../server/domain/report/report-types.ts';
import { MAX_SLICE_DEPTH } from '../../server/domain/report/slice-report.ts';
import type { Cell, Trend } from '../../server/domain/scoring/cells.ts';
import type { Driver } from '../../server/domain/scoring/reliability.ts';
import { actionSchema } from './actions.ts';
import type { Received, Sent } from './wire.ts';

/*
 * The report as it crosses the wire. The domain builds it (server/domain/report/report-types.ts
 * names its parts and documents them); each schema here `satisfies` the domain type it carries,
 * so a field the domain adds or retypes fails the typecheck here, and a field only the schema
 * has fails it in the route that returns the domain's value.
 */

const trendSchema = z.object({
  previousScore: z.number(),
  change: z.number(),
  significant: z.boolean(),
}) satisfies z.ZodType<Trend>;

export const cellSchema = z
  .object({
    n: z.number().int(),
    mean: z.number(),
    score: z.number().describe('(mean − 1) / 4 × 100'),
    favorable: z.number().describe('Share of keyed answers that are 4 or 5, 0 to 1'),
    neutral: z.number(),
    unfavorable: z.number(),
    ci95: z.tuple([z.number(), z.number()]).describe('95% t interval of the mean, 1 to 5'),
    rwg: z.number().nullable().describe('Within-group agreement, 0 (split) to 1 (shared view)'),
    delta: z.number().nullable().describe('Score minus the organization score'),
    trend: trendSchema.optional(),
  })
  .meta({ id: 'Cell' }) satisfies z.ZodType<Cell>;

export const groupSchema = z
  .object({
    teamKey: z.string().nullable(),
    name: z.string(),
    parentKey: z.string().nullable(),
    depth: z.number().int(),
    suppressed: z.boolean(),
    suppressionReason: z.enum(['below-threshold', 'complementary']).optional(),
    n: z.number().int().nullable(),
    trustIndex: z.number().nullable(),
    dimensions: z.record(z.string(), cellSchema.nullable()),
    items: z.record(z.string(), cellSchema.nullable()).optional(),
  })
  .meta({ id: 'Group' }) satisfies z.ZodType<Group>;

const hotspotSchema = z.object({
  teamKey: z.string(),
  teamName: z.string(),
  dimension: z.string(),
  score: z.number(),
  delta: z.number(),
  recommendations: z.array(z.string()),
}) satisfies z.ZodType<Hotspot>;

/** What the domain computes for a wave: every figure, already suppressed. */
const reportFiguresSchema = z.object({
  anonymityThreshold: z.number().int(),
  dimensions: z.array(z.object({ id: z.string(), name: z.string(), outcome: z.boolean() })),
  organization: groupSchema,
  groups: z.array(groupSchema),
  hotspots: z.array(hotspotSchema),
  drivers: z.array(
    z.object({ dimension: z.string(), correlation: z.number(), n: z.number().int() }),
  ) satisfies z.ZodType<Driver[]>,
  reliability: z.record(z.string(), z.object({ alpha: z.number().nullable(), n: z.number().int() })),
  comments: z.array(
    z.object({ teamKey: z.string().nullable(), name: z.string(), comments: z.array(z.string()) }),
  ),
}) satisfies z.ZodType<ReportFigures>;

/** GET /api/waves/:waveId/report: the figures, with the wave they describe and its actions. */
export const reportSchema = z
  .object({
    wave: z.object({
      id: z.uuid(),
      organizationId: z.uuid(),
      title: z.string(),
      status: z.enum(['draft', 'open', 'closed']),
      questionnaire: z.object({ key: z.string(), version: z.string() }),
      closedAt: z.date().nullable(),
      previous: z
        .object({ id: z.uuid(), title: z.string() })
        .nullable()
        .describe(
          'The closed wave its trends compare with (the one closed just before it); null for an open wave or the first to close',
        ),
    }),
    ...reportFiguresSchema.shape,
    actions: z
      .array(actionSchema)
      .describe(
        "Earlier waves' actions, each with its outcome in this wave (scoped leaders: inside their subtree)",
      ),
  })
  .meta({ id: 'Report' });

/** The query of GET /api/waves/:waveId/report. */
export const reportQuerySchema = z.object({
  locale: z.string().max(20).optional(),
  detail: z.enum(['items']).optional(),
  root: z
    .string()
    .regex(TEAM_KEY_PATTERN)
    .optional()
    .describe('Send this team and the levels below it (with `depth`) instead of the whole report'),
  depth: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_SLICE_DEPTH)
    .optional()
    .describe('Levels below `root` (or below the organization) to send: 0 is the root alone'),
});

export type ReportQuery = Sent<typeof reportQuerySchema>;
export type Report = Received<typeof reportSchema>;
export type ReportGroup = Received<typeof groupSchema>;
export type ReportCell = Received<typeof cellSchema>;
