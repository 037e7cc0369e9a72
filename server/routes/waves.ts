import { z } from 'zod';
import { audit } from '../db/audit.ts';
import { listTeams } from '../db/organizations.ts';
import { hashInvitationCode } from '../db/responses.ts';
import {
  closeWave,
  createInvitations,
  createWave,
  findWave,
  listWaves,
  newCode,
  openWave,
  participationCounts,
  type WaveRecord,
  waveLinks,
} from '../db/waves.ts';
import { canMove } from '../domain/participation/wave-state.ts';
import type { App } from '../http/app-types.ts';
import { conflict, errorResponses, invalidField, notFound } from '../http/errors.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { snapshotWave } from '../reports/wave-report.ts';

const waveSchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    title: z.string(),
    questionnaire: z.object({ key: z.string(), version: z.string() }),
    status: z.enum(['draft', 'open', 'closed']),
    closesAt: z.date().nullable(),
    openedAt: z.date().nullable(),
    closedAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'Wave' });

const linkSchema = z.object({ teamKey: z.string(), teamName: z.string(), code: z.string(), url: z.string() });

const toWave = (wave: WaveRecord) => ({
  id: wave.id,
  organizationId: wave.organizationId,
  title: wave.title,
  questionnaire: { key: wave.questionnaireKey, version: wave.questionnaireVersion },
  status: wave.status,
  closesAt: wave.closesAt,
  openedAt: wave.openedAt,
  closedAt: wave.closedAt,
  createdAt: wave.createdAt,
});

const waveParams = z.object({ waveId: z.uuid() });
const consultantsOfWave = { organization: { via: 'waveId', roles: ['consultant'] } } as const;
const membersOfWave = { organization: { via: 'waveId', roles: ['consultant', 'leader'] } } as const;

export async function waveRoutes(app: App) {
  /** Loads the wave the access check already tied to the caller's organization. */
  async function loadWave(waveId: string, role: string): Promise<WaveRecord> {
    const wave = await findWave(app.db, waveId);
    // R6: leaders see nothing of a wave until it closes.
    if (!wave || (role === 'leader' && wave.status !== 'closed')) throw notFound('There is no such wave.');
    return wave;
  }

  const actor = (request: { viewer: { userId: string; email: string } | null }) => ({
    userId: request.viewer!.userId,
    email: request.viewer!.email,
  });

  app.post(
    '/api/organizations/:orgId/waves',
    {
      config: { access: { organization: { via: 'orgId', roles: ['consultant'] } } },
      schema: {
        tags: ['waves'],
        summary: 'Create a wave (draft) of a questionnaire for some or all teams',
        params: z.object({ orgId: z.uuid() }),
        body: z.object({
          title: z.string().trim().min(1).max(200),
          questionnaire: z.object({ key: z.string().max(100), version: z.string().max(40) }),
          teamKeys: z
            .array(z.string().max(64))
            .min(1)
            .max(5000)
            .optional()
            .describe('Defaults to every team'),
          closesAt: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 201: waveSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { organizationId } = request.organizationAccess!;
      const { title, questionnaire, closesAt } = request.body;
      if (!app.questionnaires.get(questionnaire.key, questionnaire.version)) {
        throw invalidField(
          'body.questionnaire',
          `there is no questionnaire ${questionnaire.key}@${questionnaire.version}`,
        );
      }
      const closes = closesAt ? new Date(closesAt) : null;
      if (closes && closes <= new Date()) throw invalidField('body.closesAt', 'must be in the future');
      const teams = await listTeams(app.db, organizationId);
      if (teams.length === 0)
        throw invalidField('body.teamKeys', 'import the team hierarchy before creating a wave');
      let chosen = teams;
      if (request.body.teamKeys) {
        const unknown = request.body.teamKeys.filter((key) => !teams.some((team) => team.key === key));
        if (unknown.length > 0)
          throw invalidField('body.teamKeys', `unknown team ${unknown.map((k) => `"${k}"`).join(', ')}`);
        chosen = teams.filter((team) => request.body.teamKeys!.includes(team.key));
      }
      const wave = await app.db.transaction().execute((trx) =>
        createWave(trx, {
          organizationId,
          title,
          questionnaireKey: questionnaire.key,
          questionnaireVersion: questionnaire.version,
          closesAt: closes,
          teamIds: chosen.map((team) => team.id),
        }),
      );
      await audit(app.db, {
        organizationId,
        actor: actor(request),
        action: 'wave.create',
        detail: { waveId: wave.id, title },
      });
      return reply.code(201).send(toWave(wave));
    },
  );

  app.get(
    '/api/organizations/:orgId/waves',
    {
      config: { access: { organization: { via: 'orgId', roles: ['consultant', 'leader'] } } },
      schema: {
        tags: ['waves'],
        summary: "The organization's waves, newest first (leaders: closed waves only)",
        params: z.object({ orgId: z.uuid() }),
        response: { 200: z.array(waveSchema), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { organizationId, role } = request.organizationAccess!;
      return (await listWaves(app.db, organizationId, { closedOnly: role === 'leader' })).map(toWave);
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
        response: { 200: waveSchema.extend({ links: z.array(linkSchema) }), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { role } = request.organizationAccess!;
      const wave = await loadWave(request.params.waveId, role);
      const base = publicBaseUrl(app, request);
      const links =
        role === 'leader'
          ? []
          : (await waveLinks(app.db, wave.id)).map(({ teamKey, teamName, code }) => ({
              teamKey,
              teamName,
              code,
              url: `${base}/s/${code}`,
            }));
      return { ...toWave(wave), links };
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
        const { organizationId } = request.organizationAccess!;
        const wave = await loadWave(request.params.waveId, 'consultant');
        const next = target === 'open' ? 'open' : 'closed';
        if (!canMove(wave.status, next)) {
          throw conflict(`This wave is ${wave.status}; it can only go draft → open → closed.`);
        }
        const now = new Date();
        if (target === 'open') {
          if (wave.closesAt && wave.closesAt <= now)
            throw conflict('Its closing time has passed; create a new wave.');
          await openWave(app.db, wave.id, now);
        } else {
          await app.db.transaction().execute((trx) => closeWave(trx, wave.id, now));
          // The figures are frozen now, once for every viewer and export (R3).
          await snapshotWave(app.db, { ...wave, status: 'closed' }, app.questionnaires);
        }
        await audit(app.db, {
          organizationId,
          actor: actor(request),
          action: `wave.${target}`,
          detail: { waveId: wave.id },
        });
        return toWave((await findWave(app.db, wave.id))!);
      },
    );
  }

  app.post(
    '/api/waves/:waveId/invitations',
    {
      config: { access: consultantsOfWave },
      schema: {
        tags: ['waves'],
        summary: "Single-use invitation codes for one team, shown once; that team's link then needs one",
        params: waveParams,
        body: z.object({ teamKey: z.string().max(64), count: z.number().int().min(1).max(2000) }),
        response: {
          201: z.object({ teamKey: z.string(), codes: z.array(z.string()), url: z.string() }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { organizationId } = request.organizationAccess!;
      const wave = await loadWave(request.params.waveId, 'consultant');
      if (wave.status === 'closed') throw conflict('This wave is closed.');
      const link = (await waveLinks(app.db, wave.id)).find((l) => l.teamKey === request.body.teamKey);
      if (!link)
        throw invalidField('body.teamKey', `team "${request.body.teamKey}" is not part of this wave`);
      const codes = Array.from({ length: request.body.count }, newCode);
      await createInvitations(app.db, {
        waveId: wave.id,
        teamId: link.teamId,
        codeHashes: codes.map(hashInvitationCode),
      });
      await audit(app.db, {
        organizationId,
        actor: actor(request),
        action: 'wave.invitations',
        detail: { waveId: wave.id, teamKey: link.teamKey, count: codes.length },
      });
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
        summary: 'Responses per team (leaders: only teams with at least the anonymity threshold)',
        params: waveParams,
        response: {
          200: z.array(
            z.object({
              teamKey: z.string(),
              teamName: z.string(),
              responses: z.number().int(),
              headcount: z.number().int().nullable(),
              rate: z.number().nullable().describe('responses / headcount, when the headcount is known'),
            }),
          ),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request) => {
      const { role, organizationId } = request.organizationAccess!;
      const wave = await loadWave(request.params.waveId, role);
      const organization = await app.db
        .selectFrom('organization')
        .select('anonymity_threshold')
        .where('id', '=', organizationId)
        .executeTakeFirstOrThrow();
      const rows = (await participationCounts(app.db, wave.id)).map((row) => {
        const responses = row.responses ?? 0;
        return {
          teamKey: row.teamKey,
          teamName: row.teamName,
          responses,
          headcount: row.headcount,
          rate: row.headcount ? Math.min(1, responses / row.headcount) : null,
        };
      });
      // R1: a leader never learns how many answered in a team below the threshold.
      return role === 'leader'
        ? rows.filter((row) => row.responses >= organization.anonymity_threshold)
        : rows;
    },
  );
}
