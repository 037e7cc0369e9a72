import { z } from 'zod';
import {
  ACTION_STATUSES,
  type Figure,
  type Outcome,
  VERDICTS,
} from '../../server/domain/actions/action-types.ts';
import { displayText } from './display-text.ts';
import type { Received, Sent } from './wire.ts';

/**
 * The wire shapes of actions, defined once for the actions API, the report and the client. Times
 * are ISO strings, not dates: the report is serialized without its schema (see
 * server/routes/reports.ts), and a string reads back the same however it was written.
 */
export const figureSchema = z
  .object({
    score: z.number().describe('0 to 100'),
    n: z.number().int(),
    ci95: z.tuple([z.number(), z.number()]).describe('95% t interval of the mean, 1 to 5'),
  })
  .meta({ id: 'Figure' }) satisfies z.ZodType<Figure>;

export const outcomeSchema = z
  .object({
    waveId: z.uuid(),
    waveTitle: z.string().describe('The later wave that measured it, as it is titled'),
    current: figureSchema.nullable().describe('null when the later wave hides the cell'),
    delta: z.number().nullable(),
    verdict: z.enum(VERDICTS),
  })
  .meta({ id: 'ActionOutcome' }) satisfies z.ZodType<Outcome>;

export const actionSchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    waveId: z.uuid(),
    waveTitle: z.string(),
    teamKey: z.string().nullable().describe('null: the whole organization'),
    teamName: z
      .string()
      .nullable()
      .describe(
        "The team's name in the tree the action's wave froze at close, whatever it is called now or whether a later wave asked it; null: the whole organization",
      ),
    dimension: z.string(),
    dimensionName: z
      .string()
      .optional()
      .describe(
        "In a report: the dimension's name in the report's language, also for one its wave did not ask",
      ),
    title: z.string(),
    owner: z.string(),
    steps: z.array(z.string()),
    dueDate: z.string(),
    status: z.enum(ACTION_STATUSES),
    baseline: figureSchema,
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    revision: z
      .number()
      .int()
      .describe(
        'How many times the action has been changed; a change names the revision it was made against',
      ),
    checkIns: z.array(
      z.object({
        at: z.iso.datetime(),
        author: z.string(),
        status: z.enum(ACTION_STATUSES).nullable(),
        note: z.string().nullable(),
      }),
    ),
    outcome: outcomeSchema.nullable(),
    outcomeOutsideScope: z
      .literal(true)
      .optional()
      .describe(
        'Only for a leader limited to a subtree: a later wave measured the action, but its team lay outside their subtree in that wave, so its outcome is withheld. Never for a wave that did not ask the team: it published nothing of it, and its outcome (not measurable) is shown',
      ),
  })
  .meta({ id: 'Action' });

/** A calendar date that exists: 2026-02-30 is refused, not rolled over to March. */
export const calendarDate = z
  .string()
  .regex(/^(19|2\d)\d{2}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD, from 1900 to 2999')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'is not a calendar date');

/** POST /api/waves/:waveId/actions */
export const newActionSchema = z.object({
  teamKey: z.string().max(64).nullable().describe('null: the whole organization'),
  dimension: z.string().max(100),
  title: displayText(200),
  owner: displayText(120).describe('A name or a role; owners need no account'),
  dueDate: calendarDate,
  steps: z.array(displayText(300)).max(20).optional(),
});

/** PATCH /api/actions/:actionId: what may change; a status or a note becomes a check-in. */
export const actionChangeSchema = z.object({
  status: z.enum(ACTION_STATUSES).optional(),
  note: z.string().trim().min(1).max(1000).optional(),
  dueDate: calendarDate.optional(),
  owner: displayText(120).optional(),
  title: displayText(200).optional(),
  revision: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      'The revision the change was made against; if the action has changed since, 409 and nothing is changed',
    ),
});

export type Action = Received<typeof actionSchema>;
export type NewAction = Sent<typeof newActionSchema>;
export type ActionChange = Sent<typeof actionChangeSchema>;
