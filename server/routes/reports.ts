import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localeQuery, waveParams } from '../../shared/contract/params.ts';
import { reportQuerySchema, reportSchema } from '../../shared/contract/reports.ts';
import { actionsInReport } from '../actions/report-actions.ts';
import { audit } from '../db/audit.ts';
import { findWave } from '../db/waves.ts';
import type { Report } from '../domain/report/build-report.ts';
import { scopeReport } from '../domain/report/scope-report.ts';
import { MAX_SLICE_DEPTH, sliceReport } from '../domain/report/slice-report.ts';
import type { App } from '../http/app-types.ts';
import { conflict, errorResponses, fieldError, notFound } from '../http/errors.ts';
import { reportToCsv } from '../reports/report-csv.ts';
import { wavePreview, waveReport } from '../reports/wave-report.ts';

/**
 * A report is the largest body the API sends (megabytes with items at 500 teams), and checking
 * it against its schema on every read cost more than building it. `buildReport` returns exactly
 * this shape, which the report tests check strictly against `reportSchema` for every report they
 * read; errors still go through the checking serializer.
 */
// Fastify passes the response schema of one status here, which its types do not express.
const reportSerializer = (route: { httpStatus?: string }) =>
  route.httpStatus === '200'
    ? (data: unknown) => JSON.stringify(data)
    : serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);
const readers = { organization: { via: 'waveId', roles: ['consultant', 'leader'] } } as const;

export async function reportRoutes(app: App) {
  async function reportFor(
    request: {
      params: { waveId: string };
      organizationAccess: import('../plugins/access-control.ts').OrganizationAccess | null;
    },
    locale: string | undefined,
    withItems: boolean,
    unscoped = false,
  ) {
    const { role, teamScope } = request.organizationAccess!;
    const wave = await findWave(app.db, request.params.waveId);
    // R6: leaders see nothing of a wave until it closes; a consultant's preview has counts, no figures.
    if (!wave || (role === 'leader' && wave.status !== 'closed')) throw notFound('report.not-found');
    const definition = app.questionnaires.get(wave.questionnaireKey, wave.questionnaireVersion)!;
    const chosen = locale && definition.locales.includes(locale) ? locale : definition.defaultLocale;
    const options = { locale: chosen, withItems };
    const full =
      wave.status === 'closed'
        ? await waveReport(app.db, wave, app.questionnaires, options)
        : await wavePreview(app.db, wave, app.questionnaires, options);
    const report: Report = teamScope && !unscoped ? scopeReport(full, teamScope) : full;
    return { wave, report, teamScope };
  }

  app.get(
    '/api/waves/:waveId/report',
    {
      config: { access: readers },
      schema: {
        tags: ['reports'],
        summary: "The wave's diagnostic report: heat map groups, hotspots, drivers, reliability, comments",
        params: waveParams,
        querystring: reportQuerySchema,
        response: { 200: reportSchema, ...errorResponses(400, 401, 404, 503) },
      },
      serializerCompiler: reportSerializer,
      compress: {},
    },
    async (request) => {
      const { root, depth } = request.query;
      const sliced = root !== undefined || depth !== undefined;
      const {
        wave,
        report: whole,
        teamScope,
      } = await reportFor(
        request,
        request.query.locale,
        request.query.detail === 'items',
        // A slice is cut from the whole report, not from a leader's scoped copy of it.
        sliced,
      );
      // By hierarchy level, for organizations too large to send whole: cut from the one report
      // of the wave, with its suppression decisions (R3).
      const report = sliced
        ? sliceReport(whole, { root: root ?? null, depth: depth ?? MAX_SLICE_DEPTH, within: teamScope })
        : whole;
      if (!report)
        throw notFound('member.unknown-team', { team: root! }).withFields([
          fieldError('query.root', 'member.unknown-team', { team: root! }),
        ]);
      return {
        wave: {
          id: wave.id,
          title: wave.title,
          status: wave.status,
          questionnaire: { key: wave.questionnaireKey, version: wave.questionnaireVersion },
          closedAt: wave.closedAt,
        },
        ...report,
        actions: await actionsInReport(app.db, wave, teamScope),
      };
    },
  );

  app.get(
    '/api/waves/:waveId/report.csv',
    {
      config: { access: readers },
      schema: {
        tags: ['reports'],
        summary: 'The report as CSV: one row per group and dimension, with the same suppression',
        params: waveParams,
        querystring: localeQuery,
        response: { 200: z.string(), ...errorResponses(401, 404, 409, 503) },
      },
      compress: {},
    },
    async (request, reply) => {
      const { wave, report } = await reportFor(request, request.query.locale, false);
      // A preview has no figures to export (see withoutFigures); the file comes with the close.
      if (wave.status !== 'closed') throw conflict('wave.csv-after-close');
      const viewer = request.viewer!;
      await audit(app.db, {
        organizationId: wave.organizationId,
        actor: { userId: viewer.userId, email: viewer.email },
        action: 'report.export',
        detail: { waveId: wave.id, format: 'csv' },
      });
      const filename = `trust-os-report-${wave.title.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60)}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(reportToCsv(report));
    },
  );
}
