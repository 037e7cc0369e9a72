import { type Kysely, sql } from 'kysely';

// The right to create organizations is granted only to an account its owner has activated (it has
// a password): an account still waiting for its owner can be activated by any organization's
// invitation link, which that organization's consultant holds, and the right would go to whoever
// opened a link first. Grants made before that rule, to accounts still waiting, are taken back
// here; an administrator grants them again once the owner has signed in.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update app_user set can_create_organizations = false
            where can_create_organizations and password_hash is null`.execute(db);
}

// Nothing to restore: which waiting accounts held the right is not kept, and none should.
export async function down(): Promise<void> {}
