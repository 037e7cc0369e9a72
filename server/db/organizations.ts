import type { Kysely, Transaction } from 'kysely';
import type { TeamInput } from '../domain/hierarchy/team-import.ts';
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
      db.selectFrom('membership').select('organization_id').where('user_id', '=', viewer.userId),
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

/** Teams that have responses: they cannot be removed, or those answers would lose their place. */
export async function teamKeysWithResponses(
  db: Db | Transaction<Database>,
  organizationId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('team')
    .select('team.key')
    .where('team.organization_id', '=', organizationId)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('response').select('response.id').whereRef('response.team_id', '=', 'team.id')),
    )
    .execute();
  return rows.map((r) => r.key);
}

/**
 * Replaces an organization's hierarchy, keeping the ids of teams whose key stays so waves,
 * responses and leader scopes follow them.
 */
export async function replaceTeams(
  trx: Transaction<Database>,
  organizationId: string,
  teams: TeamInput[],
): Promise<void> {
  const existing = await trx
    .selectFrom('team')
    .select(['id', 'key'])
    .where('organization_id', '=', organizationId)
    .execute();
  const idOfKey = new Map(existing.map((t) => [t.key, t.id]));
  const wanted = new Set(teams.map((t) => t.key));

  // Detach every parent first so the new shape can be written in any order.
  await trx
    .updateTable('team')
    .set({ parent_id: null })
    .where('organization_id', '=', organizationId)
    .execute();
  const removed = existing.filter((t) => !wanted.has(t.key)).map((t) => t.id);
  if (removed.length > 0) await trx.deleteFrom('team').where('id', 'in', removed).execute();

  for (const [position, team] of teams.entries()) {
    const id = idOfKey.get(team.key);
    if (id) {
      await trx
        .updateTable('team')
        .set({ name: team.name, headcount: team.headcount, position })
        .where('id', '=', id)
        .execute();
    } else {
      const inserted = await trx
        .insertInto('team')
        .values({
          organization_id: organizationId,
          key: team.key,
          name: team.name,
          headcount: team.headcount,
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      idOfKey.set(team.key, inserted.id);
    }
  }
  for (const team of teams) {
    if (team.parentKey === null) continue;
    await trx
      .updateTable('team')
      .set({ parent_id: idOfKey.get(team.parentKey)! })
      .where('id', '=', idOfKey.get(team.key)!)
      .execute();
  }
}
