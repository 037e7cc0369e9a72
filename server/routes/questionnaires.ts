import { z } from 'zod';
import {
  localizedQuestionnaireSchema,
  questionnaireSummarySchema,
} from '../../shared/contract/questionnaires.ts';
import { localize } from '../domain/questionnaire/localize.ts';
import type { App } from '../http/app-types.ts';
import { errorResponses, notFound } from '../http/errors.ts';

export async function questionnaireRoutes(app: App) {
  app.get(
    '/api/questionnaires',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['questionnaires'],
        summary: 'Every questionnaire and its published versions',
        response: { 200: z.array(questionnaireSummarySchema) },
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
        throw app.questionnaires.latest(key)
          ? notFound('questionnaire.version-not-found', { questionnaire: key, version })
          : notFound('questionnaire.not-found', { questionnaire: key });
      }
      const localized = localize(definition, request.query.locale);
      if (!localized) {
        throw notFound('questionnaire.locale-unavailable', {
          questionnaire: `${key}@${version}`,
          locale: request.query.locale ?? '',
          locales: definition.locales.join(', '),
        });
      }
      return localized;
    },
  );
}
