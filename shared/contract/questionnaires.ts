import { z } from 'zod';
import type { LocalizedQuestionnaire } from '../../server/domain/questionnaire/localize.ts';
import type { Received } from './wire.ts';

/** GET /api/questionnaires/:key/versions/:version, and the survey: one questionnaire in one language. */
export const localizedQuestionnaireSchema = z
  .object({
    key: z.string(),
    version: z.string(),
    locale: z.string(),
    locales: z.array(z.string()),
    title: z.string(),
    intro: z.string(),
    scale: z.array(z.object({ value: z.number().int(), label: z.string() })),
    dimensions: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string(),
        recommendations: z.array(z.string()),
        outcome: z.boolean().describe('The outcome the other dimensions drive; kept out of the Trust Index'),
      }),
    ),
    items: z.array(
      z.object({
        id: z.string(),
        dimension: z.string(),
        text: z.string(),
        reverse: z.boolean(),
        required: z.boolean(),
      }),
    ),
    openQuestion: z.object({ id: z.string(), text: z.string(), hint: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'LocalizedQuestionnaire' }) satisfies z.ZodType<LocalizedQuestionnaire>;

/** GET /api/questionnaires: every questionnaire and its published versions. */
export const questionnaireSummarySchema = z.object({
  key: z.string(),
  title: z.string(),
  versions: z.array(z.string()),
  latest: z.string(),
});

export type Questionnaire = Received<typeof localizedQuestionnaireSchema>;
export type QuestionnaireSummary = Received<typeof questionnaireSummarySchema>;
