import { z } from 'zod';
import { localize } from '../domain/questionnaire/localize.ts';
import type { App } from '../http/app-types.ts';
import { errorResponses, notFound } from '../http/errors.ts';

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
  .meta({ id: 'LocalizedQuestionnaire' });

const summarySchema = z.object({
  key: z.string(),
  title: z.string(),
  versions: z.array(z.string()),
  latest: z.string(),
});

export async function questionnaireRoutes(app: App) {
  app.get(
    '/api/questionnaires',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['questionnaires'],
        summary: 'Every questionnaire and its published versions',
        response: { 200: z.array(summarySchema) },
      },
    },
    async () =>
      app.questionnaires.list().map(({ key, versions }) => {
        const latest = versions.at(-1)!;
        return {
          key,
          title: latest.title[latest.defaultLocale] ?? key,
          versions: versions.map((v) => v.version),
          latest: latest.version,
        };
      }),
  );

  app.get(
    '/api/questionnaires/:key/versions/:version',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['questionnaires'],
        summary: 'One questionnaire version in one language',
        params: z.object({ key: z.string().max(100), version: z.string().max(40) }),
        querystring: z.object({
          locale: z.string().max(20).optional().describe("Defaults to the questionnaire's default locale"),
        }),
        response: { 200: localizedQuestionnaireSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { key, version } = request.params;
      const definition = app.questionnaires.get(key, version);
      if (!definition) {
        throw notFound(
          app.questionnaires.latest(key)
            ? `Questionnaire ${key} has no version ${version}.`
            : `There is no questionnaire ${key}.`,
        );
      }
      const localized = localize(definition, request.query.locale);
      if (!localized) {
        throw notFound(
          `Questionnaire ${key}@${version} is not available in "${request.query.locale}"; it is in ${definition.locales.join(', ')}.`,
        );
      }
      return localized;
    },
  );
}
