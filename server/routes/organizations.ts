import { z } from 'zod';
import { addMembership } from '../db/accounts.ts';
import { audit } from '../db/audit.ts';
import {
  createOrganization,
  findOrganization,
  listOrganizations,
  listTeams,
  replaceTeams,
  teamKeysWithResponses,
} from '../db/organizations.ts';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import {
  depthFirst,
  MAX_DEPTH,
  MAX_TEAMS,
  type RawTeamRow,
  validateTeams,
} from '../domain/hierarchy/team-import.ts';
import type { App } from '../http/app-types.ts';
import { conflict, errorResponses, HttpError, notFound } from '../http/errors.ts';
import { closeOverdueWavesOf, reclaimQuietly } from '../waves/wave-lifecycle.ts';

export const MIN_ANONYMITY_THRESHOLD = 3;

const organizationSchema = z
  .object({ id: z.uuid(), name: z.string(), anonymityThreshold: z.number().int(), createdAt: z.date() })
  .meta({ id: 'Organization' });

const HEADCOUNT = 'People expected to answer in this team, not counting sub-teams; null when not known';

const teamNodeSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    parentKey: z.string().nullable(),
    headcount: z.number().int().nullable().describe(HEADCOUNT),
    depth: z.number().int(),
  })
  .meta({ id: 'Team' });

const teamsBody = z.object({
  teams: z
    .array(
      z.object({
        key: z.string().max(64),
        name: z.string().max(200),
        parentKey: z.string().max(64).nullable(),
        headcount: z.number().int().min(0).max(1_000_000).nullable().optional().describe(HEADCOUNT),
      }),
    )
    .max(MAX_TEAMS),
});

const orgParams = z.object({ orgId: z.uuid() });
const members = { organization: { via: 'orgId', roles: ['consultant', 'leader'] } } as const;
const consultants = { organization: { via: 'orgId', roles: ['consultant'] } } as const;

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

  app.get(
    '/api/organizations/:orgId/teams',
    {
      config: { access: members },
      schema: {
        tags: ['organizations'],
        summary: 'The team hierarchy, depth first',
        params: orgParams,
        response: { 200: z.object({ teams: z.array(teamNodeSchema) }), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { organizationId, teamScope } = request.organizationAccess!;
      const teams = await listTeams(app.db, organizationId);
      const hierarchy = Hierarchy.from(teams);
      const visible = teamScope ? new Set(hierarchy.subtree(teamScope)) : null;
      return {
        teams: depthFirst(teams, hierarchy)
          .filter((team) => !visible || visible.has(team.key))
          .map(({ key, name, parentKey, headcount, depth }) => ({ key, name, parentKey, headcount, depth })),
      };
    },
  );

  app.put(
    '/api/organizations/:orgId/teams',
    {
      config: { access: consultants },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['organizations'],
        summary:
          'Replace the team hierarchy (JSON, or text/csv with the header key,name,parent_key,headcount)',
        description: `At most ${MAX_TEAMS} teams and ${MAX_DEPTH} levels (a team with an empty parent_key is level 1). Every problem is answered at once with a 400 naming its row (CSV: row 2 is the first line after the header; JSON: teams[i]) and field; nothing is stored then.`,
        params: orgParams,
        body: z.union([teamsBody, z.array(z.record(z.string(), z.string()))]),
        response: {
          200: z.object({ teams: z.array(teamNodeSchema) }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const { organizationId } = request.organizationAccess!;
      const fromCsv = Array.isArray(request.body);
      let rows: RawTeamRow[];
      if (Array.isArray(request.body)) {
        const csvRows = request.body;
        const header = Object.keys(csvRows[0] ?? {});
        const missing = ['key', 'name', 'parent_key'].filter((column) => !header.includes(column));
        if (csvRows.length > 0 && missing.length > 0) {
          throw new HttpError(
            400,
            `The CSV header must be key,name,parent_key,headcount; missing: ${missing.join(', ')}`,
            missing.map((column) => ({ field: `header: ${column}`, message: 'is missing' })),
          );
        }
        // Line 1 is the header, so data rows start at line 2.
        rows = csvRows.map((row, index) => ({
          row: index + 2,
          key: row.key,
          name: row.name,
          parentKey: row.parent_key,
          headcount: row.headcount,
        }));
      } else {
        rows = request.body.teams.map((team, index) => ({
          row: index,
          key: team.key,
          name: team.name,
          parentKey: team.parentKey,
          headcount: team.headcount ?? null,
        }));
      }
      const result = validateTeams(rows, (row) => (fromCsv ? `row ${row}` : `teams[${row}]`));
      if (!result.ok) {
        throw new HttpError(
          400,
          `The hierarchy has ${result.errors.length} problem(s): ${result.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
          result.errors,
        );
      }
      const kept = new Set(result.teams.map((t) => t.key));
      const viewer = request.viewer!;
      const closed = await app.db
        .transaction()
        .execute(async (trx) => {
          // A wave past its deadline is frozen over the tree it had then, before this one replaces it.
          const closedFirst = await closeOverdueWavesOf(trx, app.questionnaires, organizationId, new Date());
          const answered = (await teamKeysWithResponses(trx, organizationId)).filter((key) => !kept.has(key));
          if (answered.length > 0) {
            throw conflict(
              `Team ${answered.map((k) => `"${k}"`).join(', ')} has responses and cannot be removed; keep it in the hierarchy.`,
              answered.map((key) => ({ field: `team ${key}`, message: 'has responses' })),
            );
          }
          await replaceTeams(trx, organizationId, result.teams);
          await audit(trx, {
            organizationId,
            actor: { userId: viewer.userId, email: viewer.email },
            action: 'teams.replace',
            detail: { teams: result.teams.length, source: fromCsv ? 'csv' : 'json' },
          });
          return closedFirst;
        })
        .catch((error: unknown) => {
          // A team being removed received an answer after the check above (PostgreSQL runs them
          // side by side): nothing was saved, and the import answers like the check would have.
          if ((error as { code?: unknown }).code === '23503')
            throw conflict(
              'A team this import removes has just received an answer; keep it in the hierarchy.',
            );
          throw error;
        });
      if (closed > 0) await reclaimQuietly(app.db);
      return { teams: depthFirst(result.teams) };
    },
  );
}
