import { z } from 'zod';
import { addMembership } from '../db/accounts.ts';
import { audit } from '../db/audit.ts';
import { createOrganization, findOrganization, listOrganizations } from '../db/organizations.ts';
import type { App } from '../http/app-types.ts';
import { errorResponses, notFound } from '../http/errors.ts';

export const MIN_ANONYMITY_THRESHOLD = 3;

const organizationSchema = z
  .object({ id: z.uuid(), name: z.string(), anonymityThreshold: z.number().int(), createdAt: z.date() })
  .meta({ id: 'Organization' });

const orgParams = z.object({ orgId: z.uuid() });
const members = { organization: { via: 'orgId', roles: ['consultant', 'leader'] } } as const;

export async function organizationRoutes(app: App) {
  app.post(
    '/api/organizations',
    {
      config: { access: { consultantAccount: true } },
      schema: {
        tags: ['organizations'],
        summary: 'Create a client organization; you become its consultant',
        body: z.object({
          name: z.string().trim().min(1).max(200),
          anonymityThreshold: z
            .number()
            .int()
            .min(
              MIN_ANONYMITY_THRESHOLD,
              `must be at least ${MIN_ANONYMITY_THRESHOLD}: smaller groups could be identified`,
            )
            .max(100)
            .default(5)
            .describe('k: no figure is shown for fewer respondents than this (R1)'),
        }),
        response: { 201: organizationSchema, ...errorResponses(400, 401, 403) },
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
        summary: 'One organization',
        params: orgParams,
        response: { 200: organizationSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const organization = await findOrganization(app.db, request.organizationAccess!.organizationId);
      if (!organization) throw notFound('There is no such organization.');
      return organization;
    },
  );
}
