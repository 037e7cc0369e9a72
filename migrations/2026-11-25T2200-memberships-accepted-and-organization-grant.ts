import { type Kysely, sql } from 'kysely';

// Issue 12, points 1 and 4.
//
// A membership now grants access only once its invitation is accepted (`accepted_at`): until then
// the organization sees an invited person, and nothing about any account that person may have
// elsewhere. Each membership gets its own id, so an organization names its members without
// learning account ids. An invitation belongs to one membership: at most one per organization
// and account (a new one replaces the old), and removing the member deletes it with them.
//
// The right to create organizations was `is_consultant`, set as a side effect of every consultant
// membership. It becomes an explicit grant an administrator gives and takes back. Everyone who had
// it, or held a consultant membership that implied it, keeps it.
//
// Existing data keeps what it can do today: memberships of accounts with a password are accepted.
// Invitations of accounts that already have a password are deleted (they could only be used to
// take the account over); an invitation of an account without one is kept only when that account
// is a member of exactly one organization, since the old table did not say which one issued it.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('membership')
    .addColumn('id', 'uuid', (c) => c.notNull().unique().defaultTo(sql`gen_random_uuid()`))
    .execute();
  await db.schema.alterTable('membership').addColumn('accepted_at', 'timestamptz').execute();
  await sql`
    update membership set accepted_at = membership.created_at
    from app_user where app_user.id = membership.user_id and app_user.password_hash is not null
  `.execute(db);

  await db.schema.alterTable('account_invitation').addColumn('organization_id', 'uuid').execute();
  await sql`
    delete from account_invitation
    using app_user where app_user.id = account_invitation.user_id and app_user.password_hash is not null
  `.execute(db);
  await sql`
    update account_invitation set organization_id = only_membership.organization_id
    from (
      select user_id, min(organization_id::text)::uuid as organization_id
      from membership group by user_id having count(*) = 1
    ) as only_membership
    where only_membership.user_id = account_invitation.user_id
  `.execute(db);
  await sql`delete from account_invitation where organization_id is null`.execute(db);
  // Several links for the same person: only the newest stays live.
  await sql`
    delete from account_invitation as older
    using account_invitation as newer
    where newer.user_id = older.user_id and newer.organization_id = older.organization_id
      and (newer.expires_at, newer.token_hash) > (older.expires_at, older.token_hash)
  `.execute(db);
  await db.schema
    .alterTable('account_invitation')
    .alterColumn('organization_id', (c) => c.setNotNull())
    .execute();
  await db.schema
    .alterTable('account_invitation')
    .addUniqueConstraint('account_invitation_one_per_member', ['organization_id', 'user_id'])
    .execute();
  await db.schema
    .alterTable('account_invitation')
    .addForeignKeyConstraint(
      'account_invitation_membership_fk',
      ['user_id', 'organization_id'],
      'membership',
      ['user_id', 'organization_id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();

  await db.schema.alterTable('app_user').renameColumn('is_consultant', 'can_create_organizations').execute();
  await sql`
    update app_user set can_create_organizations = true
    where id in (select user_id from membership where role = 'consultant')
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').renameColumn('can_create_organizations', 'is_consultant').execute();
  await db.schema
    .alterTable('account_invitation')
    .dropConstraint('account_invitation_membership_fk')
    .execute();
  await db.schema
    .alterTable('account_invitation')
    .dropConstraint('account_invitation_one_per_member')
    .execute();
  await db.schema.alterTable('account_invitation').dropColumn('organization_id').execute();
  // Pending memberships granted access before; an invitation was only a way to set a password.
  await db.schema.alterTable('membership').dropColumn('accepted_at').execute();
  await db.schema.alterTable('membership').dropColumn('id').execute();
}
