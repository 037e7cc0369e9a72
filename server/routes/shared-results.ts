import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { localeQuery, waveParams } from '../../shared/contract/params.ts';
import { sharedLinksSchema, sharedResultsSchema } from '../../shared/contract/shared-results.ts';
import { actionRows } from '../actions/action-store.ts';
import { findSharedLink, revokeResults, sharedLinksOf, shareResults } from '../actions/shared-links.ts';
import type { Config } from '../config.ts';
import { loadFrozenTeams } from '../db/wave-aggregates.ts';
import { findWave, type WaveRecord } from '../db/waves.ts';
import { sharedResults } from '../domain/actions/shared-results.ts';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import type { App } from '../http/app-types.ts';
import { conflict, errorResponses, notFound } from '../http/errors.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { budgetsHook } from '../plugins/security.ts';
import { dimensionName } from '../questionnaires/dimension-name.ts';
import { PublicationNotReadyError, waveReport } from '../reports/wave-report.ts';

const membersOfWave = { organization: { via: 'waveId', roles: ['consultant', 'leader'] } } as const;

export async function sharedResultsRoutes(app: App, { config }: { config: Config }) {
  // A results page is read by a whole team through one link, often at once from one office
  // address (an all-hands): budgeted as opening a survey is, per link and address together and per
  // link, keyed on hashes (A2). Beside them, one budget per address across all links, as large as
  // a link's, so nobody can try tokens by the thousand from one address.
  const token = (request: FastifyRequest) => String((request.params as { token?: string }).token ?? '');
  const keys = app.rateKeys;
  const readBudget = budgetsHook(
    app,
    [
      {
        name: 'results-address',
        max: config.participationOpenAddressRateLimitPerMinute,
        key: (request) => keys.key('results-address', `${token(request)}:${keys.client(request)}`),
      },
      {
        name: 'results-link',
        max: config.participationOpenRateLimitPerMinute,
        key: (request) => keys.key('results-link', token(request)),
      },
      {
        name: 'results-any-link',
        max: config.participationOpenRateLimitPerMinute,
        key: (request) => keys.key('results-any-link', keys.client(request)),
      },
    ],
    // As the survey's: a rate-limit store that is away admits the request uncounted.
    { whenUncounted: 'admit' },
  );

  const actor = (request: FastifyRequest) => ({
    userId: request.viewer!.userId,
    email: request.viewer!.email,
  });

  /** Links as the console shows them: in the frozen tree's order, with the team's name then. */
  function listed(
    request: FastifyRequest,
    links: { teamKey: string; token: string }[],
    keys: readonly string[],
    names: ReadonlyMap<string, string>,
  ) {
    const base = publicBaseUrl(app, request);
    const order = new Map(keys.map((key, i) => [key, i]));
    return {
      links: links
        .sort((a, b) => order.get(a.teamKey)! - order.get(b.teamKey)!)
        .map(({ teamKey, token }) => ({
          teamKey,
          teamName: names.get(teamKey)!,
          url: `${base}/r/${token}`,
        })),
    };
  }

  /** A closed wave the caller may read, and the teams of it they may share: their scope, frozen at close. */
  async function shareable(request: FastifyRequest & { params: { waveId: string } }) {
    const { role, teamScope } = request.organizationAccess!;
    const wave = await findWave(app.db, request.params.waveId);
    // R6: leaders see nothing of a wave until it closes.
    if (!wave || (role === 'leader' && wave.status !== 'closed')) throw notFound('wave.not-found');
    if (wave.status !== 'closed') throw conflict('results.needs-closed-wave');
    const frozenTeams = await loadFrozenTeams(app.db, wave.id);
    if (!frozenTeams) throw new PublicationNotReadyError();
    const keys = teamScope
      ? Hierarchy.from(frozenTeams).subtree(teamScope)
      : frozenTeams.map((team) => team.key);
    const names = new Map(frozenTeams.map((team) => [team.key, team.name]));
    return { wave, keys, names };
  }

  app.post(
    '/api/waves/:waveId/share',
    {
      config: { access: membersOfWave },
      schema: {
        tags: ['shared results'],
        summary:
          "Publish the wave's results to employees: one read-only link per team (a scoped leader's teams), kept if already made",
        params: waveParams,
        response: {
          201: sharedLinksSchema,
          ...errorResponses(401, 403, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const { wave, keys, names } = await shareable(request);
      const links = await shareResults(app.db, wave, keys, actor(request));
      return reply.code(201).send(listed(request, links, keys, names));
    },
  );

  app.get(
    '/api/waves/:waveId/share',
    {
      config: { access: membersOfWave },
      schema: {
        tags: ['shared results'],
        summary: "The results links already made for the wave's teams (a scoped leader's teams); makes none",
        params: waveParams,
        response: {
          200: sharedLinksSchema,
          ...errorResponses(401, 403, 404, 409, 503),
        },
      },
    },
    async (request) => {
      // Seeing what is out, to withdraw it, must not publish anything.
      const { wave, keys, names } = await shareable(request);
      return listed(request, await sharedLinksOf(app.db, wave.id, keys), keys, names);
    },
  );

  app.delete(
    '/api/waves/:waveId/share',
    {
      config: { access: membersOfWave },
      schema: {
        tags: ['shared results'],
        summary: "Withdraw the wave's results links (a scoped leader's teams only)",
        params: waveParams,
        response: { 204: z.null(), ...errorResponses(401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const { wave, keys } = await shareable(request);
      await revokeResults(app.db, wave, keys, actor(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/shared/:token',
    {
      config: { access: { public: true } },
      onRequest: readBudget,
      schema: {
        tags: ['shared results'],
        summary:
          "A team's read-only results page: the organization's published scores, the team's own when the report publishes them, and the actions on them. No comments.",
        params: z.object({ token: z.string().max(64) }),
        querystring: localeQuery,
        response: { 200: sharedResultsSchema, ...errorResponses(404, 429, 503) },
      },
    },
    async (request) => {
      const { token } = request.params;
      if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw notFound('results.link-unknown');
      const link = await findSharedLink(app.db, token);
      const wave: WaveRecord | undefined = link && (await findWave(app.db, link.waveId));
      if (!link || !wave || wave.status !== 'closed') throw notFound('results.link-unknown');
      const definition = app.questionnaires.get(wave.questionnaireKey, wave.questionnaireVersion)!;
      const asked = request.query.locale;
      const locale =
        [asked, asked?.split('-')[0]].find((l) => l !== undefined && definition.locales.includes(l)) ??
        definition.defaultLocale;
      // The one report of the wave, as every leader sees it (R3): the page is cut from it.
      const report = (
        await waveReport(app.db, wave, app.questionnaires, { locale, withItems: false })
      ).withGroup(link.teamKey);
      const group = report.groups.find((g) => g.teamKey === link.teamKey);
      if (!group) throw notFound('results.link-unknown');
      const actions = (
        await actionRows(app.db, wave.organizationId, {
          madeBefore: { id: wave.id, inclusive: true },
        }).execute()
      )
        // Dropped ones too: employees see what came of every commitment, not only the kept ones.
        .map(({ title, teamKey, dimension, owner, dueDate, status }) => ({
          title,
          teamKey,
          dimension,
          dimensionName: dimensionName(app.questionnaires, definition, dimension, locale),
          owner,
          dueDate,
          status,
        }));
      return {
        wave: { title: wave.title, closedAt: wave.closedAt },
        locale,
        ...sharedResults(report, { key: group.teamKey!, name: group.name }, actions),
      };
    },
  );
}
