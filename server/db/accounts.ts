import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.ts';
import type { MembershipRole } from './tables/account-tables.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string | null;
  isAdmin: boolean;
  canCreateOrganizations: boolean;
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
  'can_create_organizations as canCreateOrganizations',
] as const;

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  return db.selectFrom('app_user').select(userColumns).where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  return db.selectFrom('app_user').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export async function createUser(
  db: Db,
  user: { email: string; passwordHash: string | null; isAdmin?: boolean; canCreateOrganizations?: boolean },
): Promise<UserRecord> {
  return db
    .insertInto('app_user')
    .values({
      email: user.email,
      password_hash: user.passwordHash,
      is_admin: user.isAdmin ?? false,
      can_create_organizations: user.canCreateOrganizations ?? false,
    })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
}

/**
 * The one way a password changes. Every session of the account ends with it, so whoever held one
 * (a stolen cookie, an old device) is out; the caller starts the new session in the same transaction.
 */
export async function changePassword(trx: Trx, userId: string, passwordHash: string): Promise<void> {
  await trx.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  await trx.deleteFrom('session').where('user_id', '=', userId).execute();
}

/**
 * Grants or takes back the right to create organizations. Granted only to an account someone has
 * activated (it has a password): an account still waiting for its owner can be activated by any
 * organization's invitation link, which its consultant holds, and a right given to it would go to
 * whoever opened a link first. Undefined when no account was changed (none, or not yet active).
 */
export async function setCanCreateOrganizations(trx: Trx, userId: string, allowed: boolean) {
  let update = trx
    .updateTable('app_user')
    .set({ can_create_organizations: allowed })
    .where('id', '=', userId);
  if (allowed) update = update.where('password_hash', 'is not', null);
  return update.returning(userColumns).executeTakeFirst();
}

/** Whether an account of this id exists, active or not. */
export async function accountExists(trx: Trx, userId: string): Promise<boolean> {
  return (
    (await trx.selectFrom('app_user').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined
  );
}

/** Every account, for administrators. */
export async function listAccounts(db: Db) {
  return db
    .selectFrom('app_user')
    .select([...userColumns, 'created_at as createdAt'])
    .orderBy('email')
    .execute();
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
  return (
    db
      .selectFrom('membership')
      .innerJoin('organization', 'organization.id', 'membership.organization_id')
      .select([
        'membership.organization_id as organizationId',
        'organization.name as organizationName',
        'membership.role',
        'membership.team_key as teamKey',
      ])
      .where('membership.user_id', '=', userId)
      // An invitation not yet accepted grants nothing, and does not even name its organization.
      .where('membership.accepted_at', 'is not', null)
      .orderBy('organization.name')
      .execute()
  );
}

/** Access given directly, already accepted: the creator of an organization, the demo, tests. */
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
      accepted_at: new Date(),
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'organization_id']).doUpdateSet((eb) => ({
        role: member.role,
        team_key: member.teamKey,
        accepted_at: eb.fn.coalesce('membership.accepted_at', 'excluded.accepted_at'),
      })),
    )
    .execute();
}

/** The account for an email, created without a password when there is none. Race-safe. */
export async function findOrCreateInvitee(trx: Trx, email: string): Promise<string> {
  const created = await trx
    .insertInto('app_user')
    .values({ email, password_hash: null })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (created) return created.id;
  return (await trx.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow())
    .id;
}

export interface MemberRecord {
  id: string;
  email: string;
  role: MembershipRole;
  teamKey: string | null;
  acceptedAt: Date | null;
}

/**
 * Someone's access to an organization as it stands, locked until the transaction ends so a change
 * to it is judged against what it replaces; undefined when they have none there.
 */
export async function lockedMembership(
  trx: Trx,
  userId: string,
  organizationId: string,
): Promise<{ role: MembershipRole; teamKey: string | null } | undefined> {
  return trx
    .selectFrom('membership')
    .select(['role', 'team_key as teamKey'])
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * The organization's consultants who have accepted (those who can manage it), their membership rows
 * locked until the transaction ends, in one order: of two consultants removing each other at once,
 * the second waits for the first and then finds itself the last.
 */
export async function lockedConsultants(
  trx: Trx,
  organizationId: string,
): Promise<{ id: string; userId: string }[]> {
  return trx
    .selectFrom('membership')
    .select(['id', 'user_id as userId'])
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'consultant')
    .where('accepted_at', 'is not', null)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * Adds someone to an organization, or changes the role of someone already in it. A new membership
 * waits for its invitation to be accepted; one already accepted keeps that.
 */
export async function upsertMembership(
  trx: Trx,
  member: { userId: string; organizationId: string; role: MembershipRole; teamKey: string | null },
): Promise<MemberRecord> {
  const row = await trx
    .insertInto('membership')
    .values({
      user_id: member.userId,
      organization_id: member.organizationId,
      role: member.role,
      team_key: member.teamKey,
      accepted_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'organization_id']).doUpdateSet({ role: member.role, team_key: member.teamKey }),
    )
    .returning(['id', 'role', 'team_key as teamKey', 'accepted_at as acceptedAt'])
    .executeTakeFirstOrThrow();
  const { email } = await trx
    .selectFrom('app_user')
    .select('email')
    .where('id', '=', member.userId)
    .executeTakeFirstOrThrow();
  return { ...row, email };
}

/** Accepts this organization's membership of the account; other organizations are untouched. */
export async function acceptMembership(trx: Trx, organizationId: string, userId: string, now: Date) {
  await trx
    .updateTable('membership')
    .set({ accepted_at: now })
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('accepted_at', 'is', null)
    .execute();
}

export async function listMembers(db: Db, organizationId: string): Promise<MemberRecord[]> {
  return db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select([
      'membership.id',
      'app_user.email',
      'membership.role',
      'membership.team_key as teamKey',
      'membership.accepted_at as acceptedAt',
    ])
    .where('membership.organization_id', '=', organizationId)
    .orderBy('app_user.email')
    .execute();
}

/**
 * Ends someone's access to this organization only: their sessions and other memberships stay, and
 * a pending invitation dies with the membership (foreign key). Access is resolved from memberships
 * on every request, so the next request to this organization already fails.
 */
export async function removeMembership(
  trx: Trx,
  organizationId: string,
  memberId: string,
): Promise<{ email: string } | undefined> {
  const removed = await trx
    .deleteFrom('membership')
    .where('organization_id', '=', organizationId)
    .where('id', '=', memberId)
    .returning('user_id')
    .executeTakeFirst();
  if (!removed) return undefined;
  return trx.selectFrom('app_user').select('email').where('id', '=', removed.user_id).executeTakeFirst();
}

export async function createSession(
  db: Db | Trx,
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

/**
 * A new invitation for a membership, replacing any earlier one for the same organization and
 * account: an old link a consultant kept is dead the moment a new one exists.
 */
export async function replaceInvitation(
  trx: Trx,
  invitation: { tokenHash: string; userId: string; organizationId: string; expiresAt: Date },
): Promise<void> {
  await trx
    .insertInto('account_invitation')
    .values({
      token_hash: invitation.tokenHash,
      user_id: invitation.userId,
      organization_id: invitation.organizationId,
      expires_at: invitation.expiresAt,
    })
    .onConflict((oc) =>
      oc.columns(['organization_id', 'user_id']).doUpdateSet({
        token_hash: invitation.tokenHash,
        expires_at: invitation.expiresAt,
      }),
    )
    .execute();
}

/** Whether a token names an invitation that has not expired, without locking it. */
export async function invitationIsLive(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('account_invitation')
    .select('token_hash')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

/** A live invitation and the account it is for, locked until the transaction ends. */
export async function findInvitation(trx: Trx, tokenHash: string, now: Date) {
  return trx
    .selectFrom('account_invitation')
    .innerJoin('app_user', 'app_user.id', 'account_invitation.user_id')
    .select([
      'account_invitation.user_id as userId',
      'account_invitation.organization_id as organizationId',
      'app_user.email',
      'app_user.password_hash as passwordHash',
    ])
    .where('account_invitation.token_hash', '=', tokenHash)
    .where('account_invitation.expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst();
}

export async function deleteInvitation(trx: Trx, tokenHash: string): Promise<void> {
  await trx.deleteFrom('account_invitation').where('token_hash', '=', tokenHash).execute();
}
