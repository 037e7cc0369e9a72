import { z } from 'zod';
import { orgParams } from '../../shared/contract/params.ts';
import {
  teamImportBodySchema,
  teamImportPreviewSchema,
  teamImportQuerySchema,
  teamImportResultSchema,
  teamListSchema,
} from '../../shared/contract/teams.ts';
import { audit } from '../db/audit.ts';
import {
  hierarchyVersion,
  listTeams,
  lockHierarchy,
  pastTeamKeys,
  replaceTeams,
  scopedTeamKeys,
  teamKeysWithResponses,
  teamsInDraftWaves,
  teamsInOpenWaves,
} from '../db/organizations.ts';
import { reclaimSoon } from '../db/reclaim.ts';
import { rememberedMapping, rememberMapping } from '../db/team-column-mappings.ts';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import {
  type ColumnMapping,
  type MappingProblem,
  TEAM_FIELDS,
  type TeamField,
  teamSheetRows,
} from '../domain/hierarchy/team-columns.ts';
import {
  columnParameter,
  readTeamFile,
  type Spreadsheet,
  type TeamFile,
} from '../domain/hierarchy/team-file.ts';
import {
  depthFirst,
  MAX_DEPTH,
  MAX_TEAMS,
  type RawTeamRow,
  validateTeams,
} from '../domain/hierarchy/team-import.ts';
import {
  draftWaveLosses,
  openWaveProblems,
  pastTeamProblems,
  planTeamImport,
  removalProblems,
  scopeProblems,
} from '../domain/hierarchy/team-import-plan.ts';
import { letOthersIn } from '../event-loop-turns.ts';
import type { App } from '../http/app-types.ts';
import { badRequest, conflict, errorResponses, fieldError, unreadableFile } from '../http/errors.ts';
import { acceptSpreadsheets } from '../plugins/spreadsheet-body.ts';
import { csvField } from '../reports/report-csv.ts';
import { writeXlsx, XLSX_TYPE } from '../spreadsheets/xlsx-file.ts';
import { closeOverdueWavesOf } from '../waves/wave-lifecycle.ts';

/** The largest upload of a hierarchy, CSV, `.xlsx` or JSON (documented in the README). */
export const TEAM_FILE_LIMIT_BYTES = 2 * 1024 * 1024;

const members = { organization: { via: 'orgId', roles: ['consultant', 'leader'] } } as const;
const consultants = { organization: { via: 'orgId', roles: ['consultant'] } } as const;

type ImportBody = z.infer<typeof teamImportBodySchema>;
type ImportQuery = z.infer<typeof teamImportQuerySchema>;

/** An import read from its request: the rows to check and, for a spreadsheet, how they were read. */
interface ReadImport {
  format: 'csv' | 'xlsx' | 'json';
  rows: RawTeamRow[];
  rowLabel: (row: number) => string;
  file: Extract<TeamFile, { ok: true }> | null;
}

const givenMapping = (query: ImportQuery): Partial<ColumnMapping> => {
  const given: Partial<ColumnMapping> = {};
  for (const field of TEAM_FIELDS) {
    const column = query[columnParameter(field)];
    if (column !== undefined) given[field] = column.trim() === '' ? null : column;
  }
  return given;
};

const mappingFields = (problems: readonly MappingProblem[]) =>
  problems.map((p) => ({ field: columnParameter(p.field as TeamField), message: p.message }));

const importSummary =
  'At most ' +
  `${MAX_TEAMS} teams and ${MAX_DEPTH} levels (a team with an empty parent key is level 1). Send JSON, ` +
  'text/csv (comma, semicolon or tab, detected from the header line; UTF-8 with or without BOM) or an ' +
  `.xlsx workbook (${XLSX_TYPE}), at most ${TEAM_FILE_LIMIT_BYTES / 1024 / 1024} MB. Columns are recognised ` +
  'from common header names in English, Spanish, French and German, else taken from the mapping this ' +
  'organization saved last; the *Column parameters choose them.';

export async function teamRoutes(app: App) {
  acceptSpreadsheets(app, TEAM_FILE_LIMIT_BYTES);

  async function readImport(
    organizationId: string,
    body: ImportBody,
    query: ImportQuery,
  ): Promise<ReadImport> {
    if ('teams' in body) {
      return {
        format: 'json',
        rows: body.teams.map((team, index) => ({
          row: index,
          key: team.key,
          name: team.name,
          parentKey: team.parentKey,
          headcount: team.headcount ?? null,
        })),
        rowLabel: (row) => `teams[${row}]`,
        file: null,
      };
    }
    const file = readTeamFile(body as Spreadsheet, {
      sheet: query.sheet,
      given: givenMapping(query),
      remembered: await rememberedMapping(app.db, organizationId),
    });
    if (!file.ok) throw unreadableFile(file.problem);
    return { format: body.format, rows: file.rows, rowLabel: (row) => `row ${row}`, file };
  }

  app.get(
    '/api/organizations/:orgId/teams',
    {
      config: { access: members },
      schema: {
        tags: ['organizations'],
        summary: 'The team hierarchy, depth first',
        params: orgParams,
        response: { 200: teamListSchema, ...errorResponses(401, 404) },
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

  app.post(
    '/api/organizations/:orgId/teams/preview',
    {
      config: { access: consultants },
      bodyLimit: TEAM_FILE_LIMIT_BYTES,
      schema: {
        tags: ['organizations'],
        summary: 'What replacing the hierarchy with this file would do, checked as the save checks it',
        description: `${importSummary} Stores nothing. Answers 200 with every problem beside its row; \`ok\` is true exactly when the same request to PUT /teams would succeed (unless the stored data changes meanwhile). A file that cannot be read at all is a 400.`,
        params: orgParams,
        querystring: teamImportQuerySchema,
        body: teamImportBodySchema,
        response: { 200: teamImportPreviewSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const { organizationId } = request.organizationAccess!;
      const read = await readImport(organizationId, request.body, request.query);
      // A team name is at most 200 characters; longer cells are cut so the preview stays small.
      const text = (value: unknown) => {
        const cell = value === null || value === undefined ? '' : String(value);
        return cell.length > 200 ? `${cell.slice(0, 200)}…` : cell;
      };
      // Past the limit the only problem is the count: the rows are not echoed back.
      const shownRows = read.rows.length > MAX_TEAMS ? [] : read.rows;
      const fileSide = {
        format: read.format,
        sheets: read.file?.sheets ?? [],
        sheet: read.file?.sheet ?? null,
        columns: read.file?.columns ?? [],
        mapping: read.file?.mapping ?? null,
        mappingSource: read.file?.mappingSource ?? null,
      };
      if (read.file && read.file.mappingProblems.length > 0) {
        return {
          ...fileSide,
          ok: false,
          rows: [],
          problems: read.file.mappingProblems.map((p) => ({ ...p, field: columnParameter(p.field) })),
          changes: null,
          draftWaveLosses: [],
          hierarchyVersion: null,
        };
      }
      const [current, answeredKeys, inOpenWaves, scopedKeys, inDraftWaves, pastKeys] = await Promise.all([
        listTeams(app.db, organizationId),
        teamKeysWithResponses(app.db, organizationId),
        teamsInOpenWaves(app.db, organizationId),
        scopedTeamKeys(app.db, organizationId),
        teamsInDraftWaves(app.db, organizationId),
        pastTeamKeys(app.db, organizationId),
      ]);
      const plan = planTeamImport(read.rows, read.rowLabel, {
        teams: current,
        answeredKeys,
        inOpenWaves,
        scopedKeys,
        inDraftWaves,
        pastKeys,
      });
      const problems = plan.ok ? [] : plan.problems;
      // Each row's problems, found once: a file of 5,000 rows can have a problem on every row.
      const byRow = new Map<number, typeof problems>();
      for (const problem of problems) {
        if (problem.row === null) continue;
        const mine = byRow.get(problem.row);
        if (mine) mine.push(problem);
        else byRow.set(problem.row, [problem]);
      }
      const named = (p: (typeof problems)[number]) => ({
        field: p.row === null ? 'teams' : `${read.rowLabel(p.row)}: ${p.column}`,
        code: p.code,
        values: p.values,
        message: p.message,
      });
      const preview = {
        ...fileSide,
        ok: plan.ok,
        rows: shownRows.map((row) => ({
          row: row.row,
          key: text(row.key),
          name: text(row.name),
          parentKey: text(row.parentKey),
          headcount: text(row.headcount),
          problems: (byRow.get(row.row) ?? []).map(named),
        })),
        problems: problems.filter((p) => p.row === null).map(named),
        changes: plan.ok ? plan.changes : null,
        draftWaveLosses: plan.ok ? plan.draftWaveLosses : [],
        hierarchyVersion: hierarchyVersion(current),
      };
      await letOthersIn();
      return preview;
    },
  );

  app.put(
    '/api/organizations/:orgId/teams',
    {
      config: { access: consultants },
      bodyLimit: TEAM_FILE_LIMIT_BYTES,
      schema: {
        tags: ['organizations'],
        summary: 'Replace the team hierarchy (JSON, CSV or .xlsx)',
        description: `${importSummary} Every problem is answered at once with a 400 naming its row (a spreadsheet's own row number, the header being row 1; JSON: teams[i]) and field, or 409 when a team with responses, one taking part in an open wave, or one a member's access is limited to would be removed; nothing is stored then. A removed team of a draft wave leaves that draft, with its recipients and personal codes there: the answer lists what each draft lost, as the preview did. A spreadsheet's column mapping is remembered for the organization.`,
        params: orgParams,
        querystring: teamImportQuerySchema,
        body: teamImportBodySchema,
        response: {
          200: teamImportResultSchema,
          ...errorResponses(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request) => {
      const { organizationId } = request.organizationAccess!;
      const read = await readImport(organizationId, request.body, request.query);
      if (read.file && read.file.mappingProblems.length > 0) {
        const fields = mappingFields(read.file.mappingProblems);
        throw badRequest('teams.columns-unreadable').withFields(fields);
      }
      // Reading a file of 5,000 teams, checking its rows, ordering the tree and checking and writing
      // the answer each take some tens of milliseconds on a slow machine; one after another in one
      // turn of the event loop, they held it for over 100 ms (issue 15). Each gets a turn of its own.
      await letOthersIn();
      const result = validateTeams(read.rows, read.rowLabel);
      if (!result.ok) {
        throw badRequest('teams.invalid').withFields(result.errors);
      }
      const viewer = request.viewer!;
      const { closedFirst: closed, losses } = await app.db
        .transaction()
        .execute(async (trx) => {
          // First, so that a second import of this organization waits for this one to commit,
          // the overdue waves' close included, and then reads what it wrote; and so that no wave
          // opens, or is created, between the check of open waves' teams below and the removals.
          await lockHierarchy(trx, organizationId);
          // Saved from a preview of a hierarchy someone else has replaced since: what that preview
          // said the save would do (teams added, removed) is no longer true, so nothing is saved.
          const basedOn = request.query.basedOn;
          if (basedOn !== undefined && basedOn !== hierarchyVersion(await listTeams(trx, organizationId)))
            throw conflict('teams.changed-since-preview');
          // A wave past its deadline is frozen over the tree it had then, before this one replaces it.
          const closedFirst = await closeOverdueWavesOf(trx, app.questionnaires, organizationId, new Date());
          const answeredKeys = await teamKeysWithResponses(trx, organizationId);
          const removals = removalProblems(result.teams, answeredKeys);
          if (removals.length > 0) {
            throw conflict('teams.removed-team-has-responses', {
              teams: removals.map((p) => p.values.key).join(', '),
              count: removals.length,
            }).withFields(
              removals.map((p) => fieldError(`team ${p.values.key}`, 'teams.team-has-responses')),
            );
          }
          const inOpenWaves = openWaveProblems(
            result.teams,
            await teamsInOpenWaves(trx, organizationId),
            answeredKeys,
          );
          if (inOpenWaves.length > 0) {
            throw conflict('teams.removed-team-in-open-wave', {
              teams: inOpenWaves.map((p) => p.values.key).join(', '),
              count: inOpenWaves.length,
            }).withFields(
              inOpenWaves.map((p) =>
                fieldError(`team ${p.values.key}`, 'teams.team-in-open-wave', {
                  wave: String(p.values.wave),
                }),
              ),
            );
          }
          const currentKeys = (await listTeams(trx, organizationId)).map((team) => team.key);
          const scoped = scopeProblems(result.teams, currentKeys, await scopedTeamKeys(trx, organizationId));
          const removedScopes = scoped.filter((p) => p.code === 'scopesMember');
          if (removedScopes.length > 0) {
            throw conflict('teams.removed-team-scopes-member', {
              teams: removedScopes.map((p) => p.values.key).join(', '),
              count: removedScopes.length,
            }).withFields(
              removedScopes.map((p) => fieldError(`team ${p.values.key}`, 'teams.team-scopes-member')),
            );
          }
          if (scoped.length > 0) {
            throw conflict('teams.new-team-scopes-member', {
              teams: scoped.map((p) => p.values.key).join(', '),
              count: scoped.length,
            }).withFields(
              scoped.map((p) => fieldError(`team ${p.values.key}`, 'teams.team-key-scopes-member')),
            );
          }
          const reused = pastTeamProblems(result.teams, currentKeys, await pastTeamKeys(trx, organizationId));
          if (reused.length > 0) {
            throw conflict('teams.key-of-past-team', {
              teams: reused.map((p) => p.values.key).join(', '),
              count: reused.length,
            }).withFields(
              reused.map((p) =>
                fieldError(`team ${p.values.key}`, 'teams.team-key-of-past-team', {
                  wave: String(p.values.wave),
                }),
              ),
            );
          }
          // Counted under the hierarchy's lock, which a change to a draft's recipients or codes
          // waits for: what the draft loses is what the answer and the audit entry say.
          const losses = draftWaveLosses(result.teams, await teamsInDraftWaves(trx, organizationId));
          await replaceTeams(trx, organizationId, result.teams);
          if (read.file) await rememberMapping(trx, organizationId, read.file.mapping);
          await audit(trx, {
            organizationId,
            actor: { userId: viewer.userId, email: viewer.email },
            action: 'teams.replace',
            detail: {
              teams: result.teams.length,
              source: read.format,
              ...(losses.length > 0 ? { draftWaves: losses } : {}),
            },
          });
          return { closedFirst, losses };
        })
        .catch((error: unknown) => {
          // A team being removed received an answer after the check above (PostgreSQL runs them
          // side by side): nothing was saved, and the import answers like the check would have.
          if ((error as { code?: unknown }).code === '23503')
            throw conflict('teams.removed-team-just-answered');
          throw error;
        });
      if (closed > 0) reclaimSoon(app.db);
      const teams = depthFirst(result.teams);
      await letOthersIn();
      return { teams, draftWaveLosses: losses };
    },
  );

  const exportSchema = <Body extends z.ZodType>(format: string, body: Body) => ({
    tags: ['organizations'],
    summary: `The team hierarchy as ${format}, in the import's own format (key, name, parent_key, headcount)`,
    description: 'Teams in the order they were imported. Importing the file again unchanged changes nothing.',
    params: orgParams,
    response: { 200: body, ...errorResponses(401, 403, 404) },
  });

  app.get(
    '/api/organizations/:orgId/teams.csv',
    { config: { access: consultants }, schema: exportSchema('CSV', z.string()) },
    async (request, reply) => {
      const teams = await listTeams(app.db, request.organizationAccess!.organizationId);
      const text = teamSheetRows(teams)
        .map((row) => row.map(csvField).join(','))
        .join('\r\n');
      // The byte-order mark tells Excel the file is UTF-8; without it accents come back mangled
      // and re-importing the file renames every team that has one. The import reads it.
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="teams.csv"')
        .send(`\uFEFF${text}\r\n`);
    },
  );

  app.get(
    '/api/organizations/:orgId/teams.xlsx',
    {
      config: { access: consultants },
      schema: exportSchema(
        'an .xlsx workbook',
        z.custom<Buffer>((value) => Buffer.isBuffer(value)).meta({ type: 'string', format: 'binary' }),
      ),
    },
    async (request, reply) => {
      const teams = await listTeams(app.db, request.organizationAccess!.organizationId);
      const file = await writeXlsx('Teams', teamSheetRows(teams));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="teams.xlsx"')
        .send(file);
    },
  );
}
