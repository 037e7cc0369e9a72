import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localeQuery, waveParams } from '../../shared/contract/params.ts';
import { reportQuerySchema, reportSchema } from '../../shared/contract/reports.ts';
import { actionsInReport } from '../actions/report-actions.ts';
import { audit } from '../db/audit.ts';
import { findWave, previousClosedWave, type WaveRecord } from '../db/waves.ts';
import type { Report } from '../domain/report/build-report.ts';
import { rankHotspots } from '../domain/report/hotspots.ts';
import { scopeReport } from '../domain/report/scope-report.ts';
import { MAX_SLICE_DEPTH, sliceReport } from '../domain/report/slice-report.ts';
import type { App } from '../http/app-types.ts';
import { conflict, errorResponses, fieldError, notFound } from '../http/errors.ts';
import type { OrganizationAccess } from '../plugins/access-control.ts';
import { dimensionName } from '../questionnaires/dimension-name.ts';
import type { KeptReport } from '../reports/kept-report.ts';
import { reportToCsv } from '../reports/report-csv.ts';
import { trendsReadable, withReadableTrends } from '../reports/scoped-trends.ts';
import { waveItemSlice, wavePreview, waveReport } from '../reports/wave-report.ts';

/**
 * A report is the largest body the API sends (megabytes with items at 500 teams), and checking
 * it against its schema on every read cost more than building it. `buildReport` returns exactly
 * this shape, which the report tests check strictly against `reportSchema` for every report they
 * read; errors still go through the checking serializer.
 */
// Fastify passes the response schema of one status here, which its types do not express.
const reportSerializer = (route: { httpStatus?: string }) =>
  route.httpStatus === '200'
    ? (data: unknown) => reportBody(data as ReportBody)
    : serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);

/**
 * A closed wave's report is built once and kept as its text (`KeptReport`), so a whole read writes
 * each body around that text: the wave and the actions, which can change, are written anew every
 * time. A report cut for one reader (a leader's subtree, a slice, a preview) is a new object each
 * time and is written whole.
 */
const keptReport = Symbol('the kept report this body is written around');
const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

type ReportBody = { wave: unknown; actions: unknown; [keptReport]?: KeptReport };

function reportBody(data: ReportBody): string {
  const kept = data[keptReport];
  if (!kept) return JSON.stringify(data);
  return bodyText(kept, JSON.stringify(data.wave), JSON.stringify(data.actions));
}

/** The same text as JSON.stringify({ wave, ...report, actions }), key for key. */
function bodyText(kept: KeptReport, wave: string, actions: string): string {
  const { text } = kept;
  const fields = text.length > 2 ? `${text.slice(1, -1)},` : '';
  return `{"wave":${wave},${fields}"actions":${actions}}`;
}

type Encoding = 'br' | 'gzip';

/**
 * A kept report's body, compressed, is kept too, for as long as the report and for the wave and
 * actions it was written with. Compressing is most of a warm read of a large organization (9.8 MB
 * of JSON at 10,000 teams), and the compression plugin does it again for every read (on libuv's
 * threads for a body that size). Here it is done once per encoding, with the plugin's settings:
 * Brotli at quality 4, gzip at its default level.
 */
const compressedBodies = new WeakMap<
  KeptReport,
  Map<Encoding, { wave: string; actions: string; bytes: Promise<Buffer> }>
>();

/** How many kept bodies have been compressed in this process (for tests and diagnostics). */
export let keptBodiesCompressed = 0;

function compressedBody(
  report: KeptReport,
  wave: unknown,
  actions: unknown,
  encoding: Encoding,
): Promise<Buffer> {
  const waveText = JSON.stringify(wave);
  const actionsText = JSON.stringify(actions);
  let kept = compressedBodies.get(report);
  if (!kept) {
    kept = new Map();
    compressedBodies.set(report, kept);
  }
  const known = kept.get(encoding);
  if (known && known.wave === waveText && known.actions === actionsText) return known.bytes;
  const text = bodyText(report, waveText, actionsText);
  keptBodiesCompressed += 1;
  const bytes =
    encoding === 'br'
      ? brotliCompress(text, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })
      : gzip(text);
  const entry = { wave: waveText, actions: actionsText, bytes };
  kept.set(encoding, entry);
  bytes.catch(() => {
    if (kept.get(encoding) === entry) kept.delete(encoding);
  });
  return bytes;
}

/**
 * Brotli or gzip, whichever the client takes with the higher weight (Brotli on a tie; `*` counts
 * for gzip, as the plugin reads it). Null leaves the body to the plugin, which then sends it
 * uncompressed or in another encoding the client asked for.
 */
export function preferredEncoding(header: string | string[] | undefined): Encoding | null {
  if (typeof header !== 'string') return null;
  const named = new Map<string, number>();
  let anyOther = 0;
  for (const part of header.toLowerCase().split(',')) {
    const [token = '', ...parameters] = part.split(';').map((p) => p.trim());
    const q = parameters.find((p) => p.startsWith('q='));
    const parsed = q === undefined ? 1 : Number(q.slice(2));
    const weight = Number.isFinite(parsed) ? parsed : 0;
    // A token named twice counts at its higher weight.
    if (token === '*') anyOther = Math.max(anyOther, weight);
    else {
      const name = token === 'x-gzip' ? 'gzip' : token;
      named.set(name, Math.max(named.get(name) ?? 0, weight));
    }
  }
  const br = named.get('br') ?? 0;
  const gz = named.get('gzip') ?? anyOther;
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : null;
}

/** The body of a whole kept report's read: the wave and the actions, written around its text. */
function aroundKept(wave: unknown, actions: unknown, kept: KeptReport): ReportBody {
  const body: ReportBody = { wave, actions };
  Object.defineProperty(body, keptReport, { value: kept, enumerable: false });
  return body;
}
const readers = { organization: { via: 'waveId', roles: ['consultant', 'leader'] } } as const;

interface ReportRequest {
  params: { waveId: string };
  organizationAccess: OrganizationAccess | null;
}

export async function reportRoutes(app: App) {
  /**
   * The closed wave a closed one's trends compare with, or null: an open wave's preview has none.
   * A report where no cell has a trend then says why (the groups' people differ, or a cell was
   * hidden in one of the two waves), rather than look like a first wave.
   */
  async function comparedWith(wave: WaveRecord) {
    if (wave.status !== 'closed') return null;
    const previous = await previousClosedWave(app.db, wave);
    return previous ? { id: previous.id, title: previous.title } : null;
  }

  /**
   * A wave's report as `request` may read it: a leader's scoped to their subtree, or, with `slice`,
   * the part of the whole report it asks for (null for a root the report does not have, or outside
   * the leader's subtree). A closed wave's whole report, read with the organization's scope, comes
   * as it is kept (`kept`), its groups not parsed; anything cut from it, or a preview, comes as
   * `report`.
   */
  async function reportFor(
    request: ReportRequest,
    locale: string | undefined,
    withItems: boolean,
    slice: { root: string | null; depth: number } | null = null,
  ): Promise<
    { wave: WaveRecord; teamScope: string | null; locale: string } & (
      | { report: Report | null; kept: null }
      | { report: null; kept: KeptReport }
    )
  > {
    const { role, teamScope } = request.organizationAccess!;
    const wave = await findWave(app.db, request.params.waveId);
    // R6: leaders see nothing of a wave until it closes; a consultant's preview has counts, no figures.
    if (!wave || (role === 'leader' && wave.status !== 'closed')) throw notFound('report.not-found');
    const definition = app.questionnaires.get(wave.questionnaireKey, wave.questionnaireVersion)!;
    const chosen = locale && definition.locales.includes(locale) ? locale : definition.defaultLocale;
    // A slice is cut from the whole report, not from a leader's scoped copy of it, with its
    // suppression decisions (R3); a closed wave's item detail is made for the groups sent alone.
    const within = slice ? { ...slice, within: teamScope } : null;
    // A scoped leader reads the trends of the teams that lay in their part in the previous wave.
    const readable = wave.status === 'closed' ? await trendsReadable(app.db, wave, teamScope) : null;
    const cut = (report: Report | null) => ({
      wave,
      teamScope,
      locale: chosen,
      report: report && withReadableTrends(report, readable),
      kept: null,
    });
    if (within && withItems && wave.status === 'closed')
      return cut(await waveItemSlice(app.db, wave, app.questionnaires, { locale: chosen, slice: within }));
    const options = { locale: chosen, withItems };
    if (wave.status !== 'closed') {
      const preview = await wavePreview(app.db, wave, app.questionnaires, options);
      // An open wave shows no figure (R6), so no hotspot either.
      const ranking = rankHotspots(preview.groups, []);
      if (within) return cut(sliceReport(preview, within, ranking));
      return cut(teamScope ? scopeReport(preview, teamScope, ranking) : preview);
    }
    const kept = await waveReport(app.db, wave, app.questionnaires, options);
    if (within) return cut(kept.slice(within));
    if (teamScope) return cut(kept.scoped(teamScope));
    return { wave, teamScope, locale: chosen, report: null, kept };
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
    async (request, reply) => {
      const { root, depth } = request.query;
      const sliced = root !== undefined || depth !== undefined;
      // By hierarchy level, for organizations too large to send whole (R3, see reportFor).
      const { wave, report, kept, teamScope, locale } = await reportFor(
        request,
        request.query.locale,
        request.query.detail === 'items',
        sliced ? { root: root ?? null, depth: depth ?? MAX_SLICE_DEPTH } : null,
      );
      if (!report && !kept) {
        // Only a slice answers null, and with no root only for a leader whose team the report lacks,
        // which `sliceReport` answers with the organization's row; should that change, still a 404.
        if (root === undefined) throw notFound('report.not-found');
        // The wave's own tree: a team added since, or one outside a leader's part, alike (neither
        // tells a leader what lies beyond their part).
        throw notFound('wave.team-not-in-wave', { team: root }).withFields([
          fieldError('query.root', 'wave.team-not-in-wave', { team: root }),
        ]);
      }
      const waveBody = {
        id: wave.id,
        organizationId: wave.organizationId,
        title: wave.title,
        status: wave.status,
        questionnaire: { key: wave.questionnaireKey, version: wave.questionnaireVersion },
        closedAt: wave.closedAt,
        // What its trends compare with, so that a report where no cell has one can say why.
        previous: await comparedWith(wave),
      };
      // Each named in the report's language, its dimension too when this wave did not ask it.
      const definition = app.questionnaires.get(wave.questionnaireKey, wave.questionnaireVersion)!;
      const actions = (await actionsInReport(app.db, wave, teamScope)).map((action) => ({
        ...action,
        dimensionName: dimensionName(app.questionnaires, definition, action.dimension, locale),
      }));
      if (!kept) return { wave: waveBody, ...report!, actions };
      // The whole report of a closed wave, as every reader with the organization's scope gets it.
      const encoding = preferredEncoding(request.headers['accept-encoding']);
      if (encoding) {
        const bytes = await compressedBody(kept, waveBody, actions, encoding);
        return (
          reply
            .header('content-encoding', encoding)
            .header('vary', [reply.getHeader('vary'), 'accept-encoding'].filter(Boolean).join(', '))
            .type('application/json; charset=utf-8')
            // The same document, written and compressed already; the route's types know only its shape.
            .send(bytes as never)
        );
      }
      // Written around the kept text by `reportSerializer`; the route's types know only the shape.
      return aroundKept(waveBody, actions, kept) as never;
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
      const found = await reportFor(request, request.query.locale, false);
      const { wave } = found;
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
        .send(reportToCsv(found.kept ? found.kept.whole() : found.report!));
    },
  );
}
