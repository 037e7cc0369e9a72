import { createHash, randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { type Kysely, sql, type Transaction } from 'kysely';
import { Hierarchy } from '../domain/hierarchy/hierarchy.ts';
import type { TeamInput } from '../domain/hierarchy/team-import.ts';
import type { TeamInDraftWave, TeamInOpenWave } from '../domain/hierarchy/team-import-plan.ts';
import { letOthersIn } from '../event-loop-turns.ts';
import type { Database } from './database.ts';

type Db = Kysely<Database>;

const organizationColumns = [
  'id',
  'name',
  'anonymity_threshold as anonymityThreshold',
  'created_at as createdAt',
] as const;

export async function createOrganization(
  trx: Transaction<Database>,
  organization: { name: string; anonymityThreshold: number },
) {
  return trx
    .insertInto('organization')
    .values({ name: organization.name, anonymity_threshold: organization.anonymityThreshold })
    .returning(organizationColumns)
    .executeTakeFirstOrThrow();
}

export async function findOrganization(db: Db, id: string) {
  return db.selectFrom('organization').select(organizationColumns).where('id', '=', id).executeTakeFirst();
}

/** Every organization for an administrator; the ones a person is a member of otherwise. */
export async function listOrganizations(db: Db, viewer: { userId: string; isAdmin: boolean }) {
  let query = db.selectFrom('organization').select(organizationColumns).orderBy('name');
  if (!viewer.isAdmin) {
    query = query.where(
      'id',
      'in',
      db
        .selectFrom('membership')
        .select('organization_id')
        .where('user_id', '=', viewer.userId)
        // An invitation not yet accepted does not even name its organization (issue 12).
        .where('accepted_at', 'is not', null),
    );
  }
  return query.execute();
}

export async function listTeams(db: Db, organizationId: string): Promise<(TeamInput & { id: string })[]> {
  const rows = await db
    .selectFrom('team')
    .leftJoin('team as parent', 'parent.id', 'team.parent_id')
    .select(['team.id', 'team.key', 'team.name', 'parent.key as parentKey', 'team.headcount'])
    .where('team.organization_id', '=', organizationId)
    .orderBy('team.position')
    .execute();
  return rows.map((row) => ({ ...row, parentKey: row.parentKey ?? null }));
}

/**
 * A short fingerprint of a stored hierarchy (every team's key, name, parent and headcount, in
 * order): a save that names the one its preview showed is refused once another import changed it.
 */
export function hierarchyVersion(teams: readonly TeamInput[]): string {
  const text = JSON.stringify(teams.map((t) => [t.key, t.name, t.parentKey, t.headcount]));
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/** Whether an organization has a team with this key. */
export async function hasTeam(db: Db, organizationId: string, teamKey: string): Promise<boolean> {
  const team = await db
    .selectFrom('team')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('key', '=', teamKey)
    .executeTakeFirst();
  return team !== undefined;
}

/**
 * Teams that have responses: they cannot be removed, or those answers would lose their place.
 * Found through the organization's waves, whose answers the responses' key reaches by (wave, team),
 * as the check on deleting a team does: there is no index by team alone, and without the wave each
 * team's question read the answers of every organization.
 */
export async function teamKeysWithResponses(
  db: Db | Transaction<Database>,
  organizationId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('team')
    .select('team.key')
    .where('team.organization_id', '=', organizationId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('wave')
          .innerJoin('response', (join) =>
            join.onRef('response.wave_id', '=', 'wave.id').onRef('response.team_id', '=', 'team.id'),
          )
          .select('response.id')
          .where('wave.organization_id', '=', organizationId),
      ),
    )
    .execute();
  return rows.map((r) => r.key);
}

/**
 * Rows written per statement, each chunk one statement with a turn of the event loop after it.
 * Chosen when the embedded database still ran on the server's thread, where 250 rows held it for
 * 150–175 ms and 500 rows for 175–190 ms; it now runs on a thread of its own, and the import's
 * longest stall, against its target of 100 ms, is in `npm run bench -- --only=team-import`.
 */
const CHUNK = 250;

/**
 * The teams taking part in the organization's open waves, with the wave's title, that an import
 * may not remove. A wave past its deadline counts until it is closed: the save closes those first
 * (`closeOverdueWavesOf`) and then asks again.
 */
export async function teamsInOpenWaves(
  db: Db | Transaction<Database>,
  organizationId: string,
): Promise<TeamInOpenWave[]> {
  return db
    .selectFrom('wave_team')
    .innerJoin('wave', 'wave.id', 'wave_team.wave_id')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .select(['team.key as key', 'wave.title as wave'])
    .where('wave.organization_id', '=', organizationId)
    .where('wave.status', '=', 'open')
    .orderBy('wave.opened_at')
    .orderBy('team.key')
    .execute();
}

/**
 * The teams of the organization's draft waves, with the recipients listed and the personal codes
 * issued for each: what a draft loses with a team an import removes (the rows cascade away with
 * the team). Counted per wave and team in SQL, over the drafts' own rows only.
 */
export async function teamsInDraftWaves(
  db: Db | Transaction<Database>,
  organizationId: string,
): Promise<TeamInDraftWave[]> {
  const drafts = db
    .selectFrom('wave')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'draft');
  // One after another: the save asks inside its transaction, whose one connection runs one at a time.
  const teams = await db
    .selectFrom('wave_team')
    .innerJoin('wave', 'wave.id', 'wave_team.wave_id')
    .innerJoin('team', 'team.id', 'wave_team.team_id')
    .select(['wave.id as waveId', 'wave.title as wave', 'team.id as teamId', 'team.key as key'])
    .where('wave.organization_id', '=', organizationId)
    .where('wave.status', '=', 'draft')
    .orderBy('wave.created_at')
    .orderBy('wave.id')
    .orderBy('team.key')
    .execute();
  if (teams.length === 0) return [];
  const recipients = await db
    .selectFrom('wave_recipient')
    .select(['wave_id', 'team_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('wave_id', 'in', drafts)
    .where('removed', '=', false)
    .groupBy(['wave_id', 'team_id'])
    .execute();
  const codes = await db
    .selectFrom('invitation')
    .select(['wave_id', 'team_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('wave_id', 'in', drafts)
    .groupBy(['wave_id', 'team_id'])
    .execute();
  const countOf = (rows: { wave_id: string; team_id: string; count: string | number | bigint }[]) =>
    new Map(rows.map((r) => [`${r.wave_id} ${r.team_id}`, Number(r.count)]));
  const recipientsOf = countOf(recipients);
  const codesOf = countOf(codes);
  return teams.map(({ waveId, wave, teamId, key }) => ({
    waveId,
    wave,
    key,
    recipients: recipientsOf.get(`${waveId} ${teamId}`) ?? 0,
    personalCodes: codesOf.get(`${waveId} ${teamId}`) ?? 0,
  }));
}

/**
 * Every team key in the trees the organization's closed waves froze, with the latest such wave's
 * title: a key an import brings back after it was removed would take over that team's history
 * (`pastTeamProblems`).
 */
export async function pastTeamKeys(
  db: Db | Transaction<Database>,
  organizationId: string,
): Promise<{ key: string; wave: string }[]> {
  const { rows } = await sql<{ key: string; wave: string }>`
    select distinct on (team->>'key') team->>'key' as key, wave.title as wave
    from wave_snapshot
    join wave on wave.id = wave_snapshot.wave_id
    cross join lateral json_array_elements(
      case when json_typeof(wave_snapshot.teams) = 'array' then wave_snapshot.teams else '[]'::json end
    ) as team
    where wave.organization_id = ${organizationId} and wave.status = 'closed'
    order by team->>'key', wave.closed_at desc, wave.id`.execute(db);
  return rows;
}

/**
 * The team keys that limit someone's access to the organization (accepted or still invited): an
 * import may not remove them (`scopeProblems`).
 */
export async function scopedTeamKeys(
  db: Db | Transaction<Database>,
  organizationId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('membership')
    .select('team_key')
    .distinct()
    .where('organization_id', '=', organizationId)
    .where('team_key', 'is not', null)
    .orderBy('team_key')
    .execute();
  return rows.map((r) => r.team_key!);
}

/**
 * Holds an organization's hierarchy until the transaction ends, so that two replacements of it run
 * one after the other: each reads the teams the one before it wrote. Side by side, the second read
 * the tree from before the first, kept the first's new teams it had never seen beside its own (a
 * tree nobody imported), and could name a parent id of its own for a team the first had just
 * created. A `no key update` lock, as an `update` of the row takes: rows that merely refer to the
 * organization (a wave, an audit event) still go in meanwhile.
 */
export async function lockHierarchy(trx: Transaction<Database>, organizationId: string): Promise<void> {
  await trx
    .selectFrom('organization')
    .select('id')
    .where('id', '=', organizationId)
    .forNoKeyUpdate()
    .execute();
  // And the waves not closed yet, shared: a draft opening meanwhile waits for the replacement, or
  // the replacement for it, so its check of the teams of open waves cannot be passed by a wave
  // that opens between that check and the removals. In the order a team import closes overdue
  // waves and an action share-locks later ones: by deadline, then id.
  await trx
    .selectFrom('wave')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('status', '!=', 'closed')
    .orderBy('closes_at')
    .orderBy('id')
    .forShare()
    .execute();
}

/**
 * Waits for a replacement of the organization's hierarchy under way (`lockHierarchy`) and keeps
 * the next one from starting until the transaction ends, without holding up others that do the
 * same: a wave created then cannot be missed by that replacement's check of its teams.
 */
export async function holdHierarchy(trx: Transaction<Database>, organizationId: string): Promise<void> {
  await trx.selectFrom('organization').select('id').where('id', '=', organizationId).forShare().execute();
}

/**
 * Replaces an organization's hierarchy, keeping the ids of teams whose key stays so waves,
 * responses and leader scopes follow them.
 *
 * A hierarchy can have 5,000 teams, and the embedded database runs on this thread, its promises
 * settling without ever returning to the event loop: one statement per team held every other
 * request for seconds. So teams are written a chunk per statement, with a turn for the event loop
 * after each, and nothing touches every row at once (not even detaching all parents first).
 * Parents are written before their children, with ids made here for new teams, so each row names
 * its parent as it is written.
 */
export async function replaceTeams(
  trx: Transaction<Database>,
  organizationId: string,
  teams: readonly TeamInput[],
): Promise<void> {
  await lockHierarchy(trx, organizationId);
  const existing = await trx
    .selectFrom('team')
    .select(['id', 'key'])
    .where('organization_id', '=', organizationId)
    .execute();
  // Each step below takes some tens of milliseconds at 5,000 teams on a slow machine, garbage
  // collection included; run together they held the event loop for over 100 ms.
  await letOthersIn();
  const idOfKey = new Map(existing.map((t) => [t.key, t.id]));
  for (const team of teams) if (!idOfKey.has(team.key)) idOfKey.set(team.key, randomUUID());
  await letOthersIn();
  const positionOf = new Map(teams.map((team, position) => [team.key, position]));
  const teamOf = new Map(teams.map((team) => [team.key, team]));
  await letOthersIn();
  // Top down, so a parent is always written in an earlier chunk or earlier in the same statement.
  const ordered = Hierarchy.from(teams).canonical.slice(1);
  await letOthersIn();
  for (let start = 0; start < ordered.length; start += CHUNK) {
    const rows = ordered.slice(start, start + CHUNK).map((key) => {
      const team = teamOf.get(key)!;
      return {
        id: idOfKey.get(key)!,
        organization_id: organizationId,
        key,
        name: team.name,
        headcount: team.headcount,
        position: positionOf.get(key)!,
        parent_id: team.parentKey === null ? null : idOfKey.get(team.parentKey)!,
      };
    });
    // A key already there keeps its row and id; only what the import says about it changes.
    await trx
      .insertInto('team')
      .values(rows)
      .onConflict((conflict) =>
        conflict.columns(['organization_id', 'key']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          headcount: eb.ref('excluded.headcount'),
          position: eb.ref('excluded.position'),
          parent_id: eb.ref('excluded.parent_id'),
        })),
      )
      .execute();
    await setImmediate();
  }

  // Every kept team now points at a kept parent, so only removed teams can still point at removed
  // ones: detached first, they can then go in any order.
  const wanted = new Set(teams.map((t) => t.key));
  const removed = existing.filter((t) => !wanted.has(t.key)).map((t) => t.id);
  for (let start = 0; start < removed.length; start += CHUNK) {
    await trx
      .updateTable('team')
      .set({ parent_id: null })
      .where('id', 'in', removed.slice(start, start + CHUNK))
      .execute();
    await setImmediate();
  }
  for (let start = 0; start < removed.length; start += CHUNK) {
    await trx
      .deleteFrom('team')
      .where('id', 'in', removed.slice(start, start + CHUNK))
      .execute();
    await setImmediate();
  }
}
