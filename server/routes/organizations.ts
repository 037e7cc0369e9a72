import { z } from 'zod';
import { latestWaveSchema } from '../../shared/contract/latest-wave.ts';
import {
  newOrganizationSchema,
  organizationSchema,
  organizationViewSchema,
} from '../../shared/contract/organizations.ts';
import { orgParams } from '../../shared/contract/params.ts';
import { addMembership } from '../db/accounts.ts';
import { audit } from '../db/audit.ts';
import { createOrganization, findOrganization, listOrganizations } from '../db/organizations.ts';
import { loadWaveProgress } from '../db/wave-progress.ts';
import { listWaves, type WaveRecord } from '../db/waves.ts';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import { waveProgress } from '../domain/participation/progress.ts';
import { publishedTotal } from '../domain/report/participation-view.ts';
import type { App } from '../http/app-types.ts';
import { errorResponses, IDEMPOTENT_CREATE, notFound } from '../http/errors.ts';
import { headcountsOf, PublicationNotReadyError, waveReport } from '../reports/wave-report.ts';

const members = { organization: { via: 'orgId', roles: ['consultant', 'leader'] } } as const;

export async function organizationRoutes(app: App) {
  app.post(
    '/api/organizations',
    {
      config: { access: { consultantAccount: true }, idempotent: true },
      schema: {
        tags: ['organizations'],
        summary: 'Create a client organization; you become its consultant',
        description: IDEMPOTENT_CREATE,
        body: newOrganizationSchema,
        response: { 201: organizationSchema, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const viewer = request.viewer!;
      const organization = await app.db.transaction().execute(async (trx) => {
        const created = await createOrganization(trx, request.body);
        if (!viewer.isAdmin) {
          await addMembership(trx, {
            userId: viewer.userId,
            organizationId: created.id,
            role: 'consultant',
            teamKey: null,
          });
        }
        await audit(trx, {
          organizationId: created.id,
          actor: { userId: viewer.userId, email: viewer.email },
          action: 'organization.create',
          detail: { name: created.name, anonymityThreshold: created.anonymityThreshold },
        });
        return created;
      });
      return reply.code(201).send(organization);
    },
  );

  app.get(
    '/api/organizations',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['organizations'],
        summary: 'The organizations you can see',
        response: { 200: z.array(organizationSchema), ...errorResponses(401) },
      },
    },
    async (request) => listOrganizations(app.db, request.viewer!),
  );

  app.get(
    '/api/organizations/:orgId',
    {
      config: { access: members },
      schema: {
        tags: ['organizations'],
        summary: 'One organization, and your standing in it',
        params: orgParams,
        response: { 200: organizationViewSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { organizationId, role } = request.organizationAccess!;
      const organization = await findOrganization(app.db, organizationId);
      if (!organization) throw notFound('organization.not-found');
      return { ...organization, viewerRole: role };
    },
  );

  app.get(
    '/api/organizations/:orgId/latest-wave',
    {
      config: { access: members },
      schema: {
        tags: ['organizations'],
        summary: "The organization's newest wave with its response rate, for the list of organizations",
        params: orgParams,
        response: { 200: latestWaveSchema, ...errorResponses(401, 404, 503) },
      },
    },
    async (request) => {
      const { organizationId, role, teamScope } = request.organizationAccess!;
      // R6: leaders see nothing of a wave until it closes.
      const [wave] = await listWaves(app.db, organizationId, { closedOnly: role === 'leader' });
      if (!wave) return { wave: null, participation: null };
      const { id, title, status, openedAt, closesAt, closedAt } = wave;
      return {
        wave: { id, title, status, openedAt, closesAt, closedAt },
        participation: await participationOf(wave, role, teamScope),
      };
    },
  );

  /**
   * The same figure each viewer already gets elsewhere: a consultant's live total is the progress
   * view's; a leader's comes from the wave's one frozen publication (R1–R3), never a new count.
   */
  async function participationOf(wave: WaveRecord, role: string, teamScope: string | null) {
    if (role !== 'leader') {
      const { teams, inWave } = await loadWaveProgress(app.db, wave);
      return waveProgress(Hierarchy.from(teams), inWave).total;
    }
    const definition = app.questionnaires.get(wave.questionnaireKey, wave.questionnaireVersion)!;
    const headcounts = await headcountsOf(app.db, wave);
    try {
      const report = await waveReport(app.db, wave, app.questionnaires, {
        locale: definition.defaultLocale,
        withItems: false,
      });
      return publishedTotal(
        { organization: report.head.organization, groups: report.outlines },
        headcounts,
        teamScope,
      );
    } catch (error) {
      // A wave sealed a moment ago is still listed; its figure comes with the next look.
      if (error instanceof PublicationNotReadyError) return null;
      throw error;
    }
  }
}
