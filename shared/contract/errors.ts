import { z } from 'zod';
import type { Received } from './wire.ts';

/*
 * The body of every refusal (server/http/errors.ts builds it; the error handler sends it). Its
 * codes and their English wording are listed in server/http/error-codes.ts.
 */

export const errorParamsSchema = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .describe('The values its wording names, e.g. `{ "min": 1 }`: never an answer or a code (A2)');

export const fieldErrorSchema = z.object({
  field: z.string().describe('Where the problem is, e.g. `body.answers.ds-1` or `row 3: parent_key`'),
  message: z.string(),
  code: z
    .string()
    .optional()
    .describe("A stable name for this field's problem (e.g. `validation.too-small`), where one is known"),
  params: errorParamsSchema.optional(),
});

export const errorBodySchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string().describe('In English; a page says `code` with `params` in its own language'),
    code: z
      .string()
      .describe('A stable name for the problem (e.g. `wave.closes-at-in-past`); see error-codes.ts'),
    params: errorParamsSchema,
    fields: z.array(fieldErrorSchema).optional(),
    reason: z
      .string()
      .optional()
      .describe(
        'A stable name for the problem (e.g. `invitation-used`), so a page can say it in its own language',
      ),
  })
  .meta({ id: 'Error' });

export type ErrorBody = Received<typeof errorBodySchema>;
export type FieldError = Received<typeof fieldErrorSchema>;
export type ErrorParams = Received<typeof errorParamsSchema>;
