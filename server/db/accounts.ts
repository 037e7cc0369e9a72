import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { MembershipRole } from './tables/account-tables.ts';

type Db = Kysely<Database>;

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string | null;
  isAdmin: boolean;
  isConsultant: boolean;
}

export interface MembershipRecord {
  organizationId: string;
  organizationName: string;
  role: MembershipRole;
  teamKey: string | null;
}

const userColumns = [
  'id',
  'email',
  'password_hash as passwordHash',
  'is_admin as isAdmin',
  'is_consultant as isConsultant',
] as const;

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  return db.selectFrom('app_user').select(userColumns).where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  return db.selectFrom('app_user').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export async function createUser(
  db: Db,
  user: { email: string; passwordHash: string | null; isAdmin?: boolean; isConsultant?: boolean },
): Promise<UserRecord> {
  return db
    .insertInto('app_user')
    .values({
      email: user.email,
      password_hash: user.passwordHash,
      is_admin: user.isAdmin ?? false,
      is_consultant: user.isConsultant ?? false,
    })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function makeConsultant(db: Db, userId: string): Promise<void> {
  await db.updateTable('app_user').set({ is_consultant: true }).where('id', '=', userId).execute();
}

export async function adminExists(db: Db): Promise<boolean> {
  return (
    (await db
      .selectFrom('app_user')
      .select('id')
      .where('is_admin', '=', true)
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

export async function membershipsOf(db: Db, userId: string): Promise<MembershipRecord[]> {
  return db
    .selectFrom('membership')
    .innerJoin('organization', 'organization.id', 'membership.organization_id')
    .select([
      'membership.organization_id as organizationId',
      'organization.name as organizationName',
      'membership.role',
      'membership.team_key as teamKey',
    ])
    .where('membership.user_id', '=', userId)
    .orderBy('organization.name')
    .execute();
}

export async function addMembership(
  db: Db,
  member: { userId: string; organizationId: string; role: MembershipRole; teamKey: string | null },
): Promise<void> {
  await db
    .insertInto('membership')
    .values({
      user_id: member.userId,
      organization_id: member.organizationId,
      role: member.role,
      team_key: member.teamKey,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'organization_id']).doUpdateSet({ role: member.role, team_key: member.teamKey }),
    )
    .execute();
}

export async function listMembers(db: Db, organizationId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select([
      'app_user.id as userId',
      'app_user.email',
      'membership.role',
      'membership.team_key as teamKey',
      'app_user.password_hash as passwordHash',
    ])
    .where('membership.organization_id', '=', organizationId)
    .orderBy('app_user.email')
    .execute();
}

export async function removeMembership(db: Db, organizationId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('membership')
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function createSession(
  db: Db,
  session: { idHash: string; userId: string; now: Date; expiresAt: Date },
) {
  await db
    .insertInto('session')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findSession(db: Db, idHash: string) {
  return db
    .selectFrom('session')
    .select(['user_id as userId', 'last_seen_at as lastSeenAt', 'expires_at as expiresAt'])
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

export async function createAccountInvitation(
  db: Db,
  invitation: { tokenHash: string; userId: string; expiresAt: Date },
) {
  await db
    .insertInto('account_invitation')
    .values({
      token_hash: invitation.tokenHash,
      user_id: invitation.userId,
      expires_at: invitation.expiresAt,
    })
    .execute();
}

/** Uses up an invitation: returns its user when it was valid at `now`, and deletes it either way. */
export async function takeAccountInvitation(db: Db, tokenHash: string, now: Date): Promise<string | null> {
  const row = await db
    .deleteFrom('account_invitation')
    .where('token_hash', '=', tokenHash)
    .returning(['user_id as userId', 'expires_at as expiresAt'])
    .executeTakeFirst();
  return row && row.expiresAt > now ? row.userId : null;
}
