import { z } from 'zod';
import { orgParams, waveParams } from '../../shared/contract/params.ts';
import {
  invitationRequestSchema,
  issuedInvitationsSchema,
  newWaveSchema,
  teamParticipationSchema,
  waveScheduleChangeSchema,
  waveSchema,
  waveWithLinksSchema,
} from '../../shared/contract/waves.ts';
import { findOrganization, listTeams } from '../db/organizations.ts';
import { hashInvitationCode } from '../db/responses.ts';
import { askedTeams } from '../db/wave-progress.ts';
import { findWave, listWaves, teamsWithCodes, type WaveRecord, waveLinks } from '../db/waves.ts';
import { answerCap } from '../domain/participation/answer-cap.ts';
import { smallTeams } from '../domain/participation/small-teams.ts';
import { publishedParticipation } from '../domain/report/participation-view.ts';
import type { App } from '../http/app-types.ts';
import { errorResponses, HttpError, IDEMPOTENT_CREATE, invalidField, notFound } from '../http/errors.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { headcountsOf, waveReport } from '../reports/wave-report.ts';
import { newInvitationCode } from '../waves/invitation-codes.ts';
import { warnSummedInPlace } from '../waves/seal-wave.ts';
import { tooFarAhead, updateSchedule } from '../waves/wave-delivery.ts';
import {
  closeWave,
  createWave,
  issueInvitations,
  openWave,
  WaveStateError,
} from '../waves/wave-lifecycle.ts';

export const toWave = (wave: WaveRecord, defaultLocale: string) => ({
  id: wave.id,
  organizationId: wave.organizationId,
  title: wave.title,
  questionnaire: { key: wave.questionnaireKey, version: wave.questionnaireVersion },
  status: wave.status,
  closesAt: wave.closesAt,
  openedAt: wave.openedAt,
  closedAt: wave.closedAt,
  createdAt: wave.createdAt,
  opensAt: wave.opensAt,
  reminderDays: wave.reminderDays,
  remindersSent: wave.remindersSent,
  locale: wave.locale ?? defaultLocale,
});

const consultantsOfWave = { organization: { via: 'waveId', roles: ['consultant'] } } as const;
const membersOfWave = { organization: { via: 'waveId', roles: ['consultant', 'leader'] } } as const;

export async function waveRoutes(app: App) {
  /**
   * The teams a draft or open wave asks on their own with fewer than k people, today's
   * headcounts (`smallTeams`), but not one whose link already takes no answer (personal codes on,
   * none issued), as the wave page advises. None once the wave has closed: its answers are stored.
   */
  async function smallTeamsAsked(wave: WaveRecord, rows: Awaited<ReturnType<typeof waveLinks>>) {
    if (wave.status === 'closed') return [];
    const organization = await findOrganization(app.db, wave.organizationId);
    const small = smallTeams(
      rows.map((row) => ({ key: row.teamKey, name: row.teamName, headcount: row.headcount })),
      organization!.anonymityThreshold,
    );
    const locked = rows.filter(
      (row) => row.personalCodes && small.some((team) => team.teamKey === row.teamKey),
    );
    const withCodes = await teamsWithCodes(
      app.db,
      wave.id,
      locked.map((row) => row.teamId),
    );
    const shut = new Set(locked.filter((row) => !withCodes.has(row.teamId)).map((row) => row.teamKey));
    return small.filter((team) => !shut.has(team.teamKey));
  }
  const asWave = (wave: WaveRecord) =>
    toWave(
      wave,
      app.questionnaires.get(wave.questionnaireKey, wave.questionnaireVersion)?.defaultLocale ?? 'en',
    );

  /** Loads the wave the access check already tied to the caller's organization. */
  async function loadWave(waveId: string, role: string): Promise<WaveRecord> {
    const wave = await findWave(app.db, waveId);
    // R6: leaders see nothing of a wave until it closes.
    if (!wave || (role === 'leader' && wave.status !== 'closed')) throw notFound('wave.not-found');
    return wave;
  }

  const actor = (request: { viewer: { userId: string; email: string } | null }) => ({
    userId: request.viewer!.userId,
    email: request.viewer!.email,
  });

  app.post(
    '/api/organizations/:orgId/waves',
    {
      config: { access: { organization: { via: 'orgId', roles: ['consultant'] } }, idempotent: true },
      schema: {
        tags: ['waves'],
        summary: 'Create a wave (draft) of a questionnaire for some or all teams',
        params: orgParams,
        body: newWaveSchema,
        description: IDEMPOTENT_CREATE,
        response: { 201: waveSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { organizationId } = request.organizationAccess!;
      const { title, questionnaire, closesAt } = request.body;
      if (!app.questionnaires.get(questionnaire.key, questionnaire.version)) {
        throw invalidField('body.questionnaire', 'wave.unknown-questionnaire', {
          questionnaire: `${questionnaire.key}@${questionnaire.version}`,
        });
      }
      const definition = app.questionnaires.get(questionnaire.key, questionnaire.version)!;
      const now = new Date();
      const closes = closesAt ? new Date(closesAt) : null;
      if (closes && closes <= now) throw invalidField('body.closesAt', 'wave.closes-at-in-past');
      if (closes && tooFarAhead(closes, now)) throw invalidField('body.closesAt', 'wave.time-too-far');
      const opens = request.body.opensAt ? new Date(request.body.opensAt) : null;
      if (opens && opens <= now) throw invalidField('body.opensAt', 'wave.opens-at-in-past');
      if (opens && tooFarAhead(opens, now)) throw invalidField('body.opensAt', 'wave.time-too-far');
      if (opens && closes && opens >= closes) throw invalidField('body.opensAt', 'wave.opens-after-closing');
      const { locale } = request.body;
      if (locale !== undefined && !definition.locales.includes(locale))
        throw invalidField('body.locale', 'wave.locale-unavailable', {
          locales: definition.locales.join(', '),
        });
      const teams = await listTeams(app.db, organizationId);
      if (teams.length === 0) throw invalidField('body.teamKeys', 'wave.needs-teams');
      let chosen = teams;
      if (request.body.teamKeys) {
        const unknown = request.body.teamKeys.filter((key) => !teams.some((team) => team.key === key));
        if (unknown.length > 0)
          throw invalidField('body.teamKeys', 'wave.unknown-teams', {
            teams: unknown.join(', '),
            count: unknown.length,
          });
        chosen = teams.filter((team) => request.body.teamKeys!.includes(team.key));
      }
      const wave = await createWave(
        app.db,
        {
          organizationId,
          title,
          questionnaireKey: questionnaire.key,
          questionnaireVersion: questionnaire.version,
          closesAt: closes,
          teamIds: chosen.map((team) => team.id),
          opensAt: opens,
          reminderDays: request.body.reminderDays ?? [],
          locale: locale ?? null,
        },
        actor(request),
      ).catch((error: unknown) => {
        if (error instanceof WaveStateError) throw new HttpError(409, error.code, error.params);
        throw error;
      });
      return reply.code(201).send(asWave(wave));
    },
  );

  app.get(
    '/api/organizations/:orgId/waves',
    {
      config: { access: { organization: { via: 'orgId', roles: ['consultant', 'leader'] } } },
      schema: {
        tags: ['waves'],
        summary: "The organization's waves, newest first (leaders: closed waves only)",
        params: orgParams,
        response: { 200: z.array(waveSchema), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { organizationId, role } = request.organizationAccess!;
      return (await listWaves(app.db, organizationId, { closedOnly: role === 'leader' })).map(asWave);
    },
  );

  app.get(
    '/api/waves/:waveId',
    {
      config: { access: membersOfWave },
      schema: {
        tags: ['waves'],
        summary: 'A wave, with one participation link per team (consultants)',
        params: waveParams,
        response: { 200: waveWithLinksSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { role } = request.organizationAccess!;
      const wave = await loadWave(request.params.waveId, role);
      // Leaders run nothing, and see only what the report publishes, which names no team this small (R1).
      if (role === 'leader') return { ...asWave(wave), links: [], smallTeams: [] };
      const base = publicBaseUrl(app, request);
      const rows = await waveLinks(app.db, wave.id);
      const links = rows.map(({ teamKey, teamName, code, personalCodes }) => ({
        teamKey,
        teamName,
        code,
        url: `${base}/s/${code}`,
        personalCodes,
      }));
      return { ...asWave(wave), links, smallTeams: await smallTeamsAsked(wave, rows) };
    },
  );

  for (const target of ['open', 'close'] as const) {
    app.post(
      `/api/waves/:waveId/${target}`,
      {
        config: { access: consultantsOfWave },
        schema: {
          tags: ['waves'],
          summary:
            target === 'open'
              ? 'Open a draft wave for answers'
              : 'Close an open wave; its report becomes final',
          params: waveParams,
          response: { 200: waveSchema, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { waveId } = request.params;
        const now = new Date();
        try {
          // The figures are frozen in the close's own transaction, once for every viewer and
          // export (R3).
          const wave =
            target === 'open'
              ? await openWave(app.db, waveId, actor(request), now)
              : await closeWave(
                  app.db,
                  app.questionnaires,
                  waveId,
                  actor(request),
                  now,
                  warnSummedInPlace(request.log),
                );
          return asWave(wave);
        } catch (error) {
          if (error instanceof WaveStateError) throw new HttpError(409, error.code, error.params);
          throw error;
        }
      },
    );
  }

  app.patch(
    '/api/waves/:waveId',
    {
      config: { access: consultantsOfWave },
      schema: {
        tags: ['waves'],
        summary:
          "Change a wave's schedule: its opening time (drafts), its deadline, reminder days, emails' language",
        params: waveParams,
        body: waveScheduleChangeSchema,
        response: { 200: waveSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const wave = await loadWave(request.params.waveId, 'consultant');
      const { opensAt, closesAt, reminderDays, locale } = request.body;
      const definition = app.questionnaires.get(wave.questionnaireKey, wave.questionnaireVersion)!;
      if (locale !== undefined && !definition.locales.includes(locale))
        throw invalidField('body.locale', 'wave.locale-unavailable', {
          locales: definition.locales.join(', '),
        });
      const now = new Date();
      if (opensAt && tooFarAhead(new Date(opensAt), now))
        throw invalidField('body.opensAt', 'wave.time-too-far');
      if (closesAt && tooFarAhead(new Date(closesAt), now))
        throw invalidField('body.closesAt', 'wave.time-too-far');
      try {
        return asWave(
          await updateSchedule(
            app.db,
            wave.id,
            {
              ...(opensAt !== undefined ? { opensAt: opensAt === null ? null : new Date(opensAt) } : {}),
              ...(closesAt !== undefined ? { closesAt: closesAt === null ? null : new Date(closesAt) } : {}),
              ...(reminderDays !== undefined ? { reminderDays } : {}),
              ...(locale !== undefined ? { locale } : {}),
            },
            actor(request),
            now,
          ),
        );
      } catch (error) {
        if (!(error instanceof WaveStateError)) throw error;
        // An opening time the wave cannot take is a bad field, as when the wave is created.
        if (error.code === 'wave.opening-in-past' || error.code === 'wave.must-open-before-closing')
          throw invalidField('body.opensAt', error.code);
        // A deadline likewise: in the past, or before the opening time the draft keeps.
        if (error.code === 'wave.closes-at-in-past' || error.code === 'wave.closes-before-opening')
          throw invalidField('body.closesAt', error.code);
        throw new HttpError(409, error.code, error.params);
      }
    },
  );

  app.post(
    '/api/waves/:waveId/invitations',
    {
      config: { access: consultantsOfWave },
      schema: {
        tags: ['waves'],
        summary: 'Single-use personal codes for one team with personal codes on, shown once',
        description:
          'For handing out by hand (on paper, say). The team must have personal codes on (PUT /api/waves/{waveId}/teams/{teamKey}): issuing codes never changes what a link needs.',
        params: waveParams,
        body: invitationRequestSchema,
        response: {
          201: issuedInvitationsSchema,
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const wave = await loadWave(request.params.waveId, 'consultant');
      const link = (await waveLinks(app.db, wave.id)).find((l) => l.teamKey === request.body.teamKey);
      if (!link) throw invalidField('body.teamKey', 'wave.team-not-in-wave', { team: request.body.teamKey });
      if (!link.personalCodes)
        throw new HttpError(
          409,
          'wave.personal-codes-off',
          { team: link.teamKey },
          { reason: 'personal-codes-off' },
        );
      const codes = Array.from({ length: request.body.count }, newInvitationCode);
      try {
        await issueInvitations(
          app.db,
          {
            waveId: wave.id,
            teamId: link.teamId,
            teamKey: link.teamKey,
            codeHashes: codes.map(hashInvitationCode),
          },
          actor(request),
          new Date(),
        );
      } catch (error) {
        if (error instanceof WaveStateError) throw new HttpError(409, error.code, error.params);
        throw error;
      }
      return reply
        .code(201)
        .send({ teamKey: link.teamKey, codes, url: `${publicBaseUrl(app, request)}/s/${link.code}` });
    },
  );

  app.get(
    '/api/waves/:waveId/participation',
    {
      config: { access: membersOfWave },
      schema: {
        tags: ['waves'],
        summary:
          "Responses per team (consultants: live counts per team; leaders: the closed report's published groups in their scope, with its n)",
        params: waveParams,
        response: {
          200: z.array(teamParticipationSchema),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request) => {
      const { role, teamScope } = request.organizationAccess!;
      const wave = await loadWave(request.params.waveId, role);
      if (role === 'leader') {
        const headcounts = await headcountsOf(app.db, wave);
        // Everything a leader sees comes from the wave's one frozen publication (R1–R3): the
        // published groups of the report, cut to the leader's scope, with the report's n.
        const definition = app.questionnaires.get(wave.questionnaireKey, wave.questionnaireVersion)!;
        const report = await waveReport(app.db, wave, app.questionnaires, {
          locale: definition.defaultLocale,
          withItems: false,
        });
        // Only where each group sits and its n, read from the kept report without parsing its figures.
        return publishedParticipation(report.outline(teamScope), headcounts);
      }
      // Consultants follow each team's count while the wave runs: counts reveal no answer. Once
      // it has closed, its teams, names, order and rates are those of its close, as its leaders'
      // are (`askedTeams`): a headcount edited since does not change them.
      const { asked } = await askedTeams(app.db, wave);
      return asked.map(({ key, name, responses, headcount }) => ({
        teamKey: key,
        teamName: name,
        responses,
        headcount,
        rate: headcount ? Math.min(1, responses / headcount) : null,
        // More answers than the team has people: someone may be answering for others.
        full: headcount !== null && responses >= answerCap(headcount),
      }));
    },
  );
}
