// The bench's big organization, seeded straight into PostgreSQL: a hierarchy of `teams` teams on
// six levels and a wave of the diagnostic with `responses` answers on its bottom-level teams, made
// by the database itself (`generate_series`) rather than sent through the API, so a million answers
// take a minute instead of an hour. Runs inside the bench's server process (server-process.ts),
// through the server's own database handle.
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/db/database.ts';
import { createOrganization } from '../../server/db/organizations.ts';
import { seededRandom } from '../../server/demo/random.ts';
import type { QuestionnaireDefinition } from '../../server/domain/questionnaire/definition-schema.ts';

export const LEVELS = 6;
const LEVEL_NAMES = ['Division', 'Region', 'Area', 'Department', 'Group', 'Team'];
const COMMENTS = ['More time for planning.', 'Decisions change too often.', 'Good team.'];
/** The share of answers that come with a comment. */
export const COMMENT_RATE = 0.01;

export interface BigTeam {
  id: string;
  key: string;
  name: string;
  parentId: string | null;
  level: number;
}

/**
 * Teams on six levels: four divisions, each level about 4.5 times the one above, and the rest of
 * the teams (about four in five) on the sixth level, shared out among the fifth-level teams in
 * turn. Keys and names are stable for a given size, so two organizations of one size have the
 * same shape.
 */
export function bigHierarchy(total: number): BigTeam[] {
  const fifth = Math.ceil(total / 6);
  const ratio = (fifth / 4) ** (1 / 4);
  const sizes = Array.from({ length: LEVELS - 1 }, (_, level) => Math.round(4 * ratio ** level));
  sizes.push(total - sizes.reduce((a, b) => a + b, 0));
  const teams: BigTeam[] = [];
  let above: BigTeam[] = [];
  sizes.forEach((size, level) => {
    const row = Array.from({ length: size }, (_, i) => ({
      id: randomUUID(),
      key: `l${level + 1}-${i + 1}`,
      name: `${LEVEL_NAMES[level]} ${level + 1}.${i + 1}`,
      parentId: above.length === 0 ? null : above[i % above.length]!.id,
      level: level + 1,
    }));
    teams.push(...row);
    above = row;
  });
  return teams;
}

/**
 * How many answer in each bottom-level team: about the same everywhere, within ±60 %, and one
 * team in twelve with 1 to 4 (so suppression has small groups to protect), adding up to exactly
 * `responses`.
 */
function respondentsPerTeam(teams: number, responses: number, seed: number): number[] {
  const random = seededRandom(seed);
  const weights = Array.from({ length: teams }, () =>
    random.next() < 1 / 12 ? 0 : 0.4 + 1.2 * random.next(),
  );
  const small = weights.map((w) => (w === 0 ? 1 + Math.floor(random.next() * 4) : 0));
  const rest = responses - small.reduce((a, b) => a + b, 0);
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w, i) => small[i]! + Math.floor((rest * w) / total));
  // What rounding down left over goes to the first teams, one each.
  let missing = responses - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % teams) {
    if (weights[i]! > 0) {
      counts[i]!++;
      missing--;
    }
  }
  return counts;
}

/** Creates the organization, its teams, and an open wave's answers. Answers the wave's id. */
export async function seedBigOrganization(
  db: Kysely<Database>,
  options: {
    name: string;
    teams: BigTeam[];
    responses: number;
    definition: QuestionnaireDefinition;
    /** Creates and opens the wave on the given teams, as the app does. */
    openWave(organizationId: string, teamIds: string[]): Promise<string>;
  },
): Promise<string> {
  const organization = await db
    .transaction()
    .execute((trx) => createOrganization(trx, { name: options.name, anonymityThreshold: 5 }));
  // Parents come before their children in `teams`, so each chunk's parents are already stored.
  for (let start = 0; start < options.teams.length; start += 2_000) {
    const chunk = options.teams.slice(start, start + 2_000);
    await sql`
      insert into team (id, organization_id, key, name, parent_id, position)
      select id, ${organization.id}, key, name, parent_id, position
      from unnest(
        ${chunk.map((t) => t.id)}::uuid[], ${chunk.map((t) => t.key)}::text[],
        ${chunk.map((t) => t.name)}::text[], ${chunk.map((t) => t.parentId)}::uuid[],
        ${chunk.map((_, i) => start + i)}::int[]
      ) as t (id, key, name, parent_id, position)`.execute(db);
  }
  const waveId = await options.openWave(
    organization.id,
    options.teams.map((t) => t.id),
  );

  const answering = options.teams.filter((t) => t.level === LEVELS);
  const counts = respondentsPerTeam(answering.length, options.responses, 11);
  const random = seededRandom(13);
  // Each team leans its own way, so the heat map has colours; each item a little too.
  const bias = answering.map(() => random.normal(0, 0.5));
  const { items } = options.definition;
  const answers = sql.join(
    items.map((_, i) => {
      const lean = ((i % 5) - 2) * 0.15;
      return sql`greatest(1, least(5, round(3.2 + t.bias + ${sql.lit(lean)} + (random() + random() + random() - 1.5) * 1.4)))::smallint`;
    }),
  );
  const version = `${options.definition.key}@${options.definition.version}`;
  const comments = sql.join(COMMENTS.map((c) => sql.lit(c)));
  // About 50,000 answers a statement, so the database never holds one huge statement's work.
  for (let start = 0; start < answering.length; ) {
    let end = start;
    for (let sum = 0; end < answering.length && sum < 50_000; end++) sum += counts[end]!;
    const slice = answering.slice(start, end);
    await sql`
      insert into response (id, wave_id, team_id, questionnaire_version, answers, comment)
      select gen_random_uuid(), ${waveId}, t.team_id, ${version},
        array[${answers}],
        case when random() < ${sql.lit(COMMENT_RATE)} then (array[${comments}])[1 + floor(random() * 3)::int] end
      from unnest(
        ${slice.map((t) => t.id)}::uuid[], ${counts.slice(start, end)}::int[],
        ${bias.slice(start, end)}::float8[]
      ) as t (team_id, respondents, bias)
      cross join lateral generate_series(1, t.respondents)`.execute(db);
    start = end;
  }
  await sql`analyze response`.execute(db);
  return waveId;
}
