import { z } from 'zod';
import { MAX_TEAMS } from '../../server/domain/hierarchy/team-import.ts';
import type { Received, Sent } from './wire.ts';

const HEADCOUNT = 'People expected to answer in this team, not counting sub-teams; null when not known';

export const teamSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    parentKey: z.string().nullable(),
    headcount: z.number().int().nullable().describe(HEADCOUNT),
    depth: z.number().int(),
  })
  .meta({ id: 'Team' });

export const teamListBodySchema = z.object({
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

const spreadsheetBody = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    sheets: z.array(z.object({ name: z.string(), rows: z.array(z.array(z.string())) })),
  })
  .describe(
    'What a text/csv or .xlsx upload is read into; send the file itself with its content type, not this',
  );

export const teamImportBodySchema = z.union([teamListBodySchema, spreadsheetBody]);

const columnChoice = (field: string) =>
  z
    .string()
    .max(300)
    .optional()
    .describe(`The file's column that holds ${field}, by its header; empty for none`);

export const teamImportQuerySchema = z.object({
  sheet: z
    .string()
    .max(300)
    .optional()
    .describe('The .xlsx sheet to read, by name; the first when not given'),
  keyColumn: columnChoice('the team key'),
  nameColumn: columnChoice('the team name'),
  parentKeyColumn: columnChoice("the parent team's key"),
  headcountColumn: columnChoice('the headcount'),
  basedOn: z
    .string()
    .max(100)
    .optional()
    .describe(
      "Saving: the preview's `hierarchyVersion`. The save is refused (409) if the teams changed since that preview",
    ),
});

const mappingSchema = z.object({
  key: z.string().nullable(),
  name: z.string().nullable(),
  parentKey: z.string().nullable(),
  headcount: z.string().nullable(),
});

const problemSchema = z.object({
  field: z.string().describe('`row 3: parent_key`, `keyColumn`, or `teams` for the whole list'),
  code: z.string().describe('A stable name for the problem, for the console to say it in its language'),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});

const draftWaveLossesSchema = z
  .array(
    z.object({
      waveId: z.string(),
      wave: z.string().describe("The draft's title"),
      teams: z.array(z.string()).describe('The keys of its teams the import removes'),
      recipients: z
        .number()
        .int()
        .describe('Recipients listed for those teams in the draft, deleted with them'),
      personalCodes: z
        .number()
        .int()
        .describe('Personal codes issued for those teams in the draft, deleted with them'),
      teamsLeft: z.number().int().describe('Its teams the import keeps; with none left it cannot open'),
    }),
  )
  .describe(
    'Per wave still in draft, the teams it loses with this import and what goes with them; importing a team again does not put it back',
  );

export const teamImportPreviewSchema = z
  .object({
    ok: z.boolean().describe('Saving this exact request would succeed'),
    format: z.enum(['csv', 'xlsx', 'json']),
    sheets: z.array(z.string()),
    sheet: z.string().nullable(),
    columns: z.array(z.string()).describe("The file's columns, named by their headers"),
    mapping: mappingSchema.nullable(),
    mappingSource: z.enum(['given', 'remembered', 'recognized']).nullable(),
    rows: z.array(
      z.object({
        row: z.number().int(),
        key: z.string(),
        name: z.string(),
        parentKey: z.string(),
        headcount: z.string(),
        problems: z.array(problemSchema),
      }),
    ),
    problems: z.array(problemSchema).describe('Problems of the mapping or of the list as a whole'),
    hierarchyVersion: z
      .string()
      .nullable()
      .describe(
        'The stored hierarchy this preview was checked against, to send back as `basedOn` when saving; null when the columns could not be read',
      ),
    changes: z
      .object({
        added: z.number().int(),
        removed: z.number().int(),
        moved: z.number().int(),
        renamed: z.number().int(),
        unchanged: z.number().int(),
      })
      .nullable(),
    draftWaveLosses: draftWaveLossesSchema,
  })
  .meta({ id: 'TeamImportPreview' });

/** GET and PUT /api/organizations/:orgId/teams: the hierarchy, depth first. */
export const teamListSchema = z.object({ teams: z.array(teamSchema) });

/** PUT /api/organizations/:orgId/teams: the hierarchy saved, and what draft waves lost with it. */
export const teamImportResultSchema = teamListSchema.extend({ draftWaveLosses: draftWaveLossesSchema });

export type Team = Received<typeof teamSchema>;
export type TeamList = Received<typeof teamListSchema>;
export type TeamListBody = Sent<typeof teamListBodySchema>;
export type TeamImportQuery = Sent<typeof teamImportQuerySchema>;
export type TeamImportPreview = Received<typeof teamImportPreviewSchema>;
export type TeamImportProblem = TeamImportPreview['problems'][number];
export type DraftWaveLoss = TeamImportPreview['draftWaveLosses'][number];
export type TeamImportResult = Received<typeof teamImportResultSchema>;
