import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../../../server/db/migrations.ts';
import { testDatabases } from '../../support/databases.ts';

const BEFORE = '2026-11-25T2100-wave-sealed';

describe.each(testDatabases())(
  'moving accounts to explicit grants and accepted memberships on $name',
  (database) => {
    it('keeps what every existing account can do, and drops only links that could take one over', async () => {
      const handle = await database.open();
      try {
        // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before the migration.
        const db = handle.db as unknown as Kysely<any>;
        const migrated = await (await createMigrator(db)).migrateTo(BEFORE);
        expect(migrated.error).toBeUndefined();

        const org = async (name: string) =>
          (await db.insertInto('organization').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
        const x = await org('X');
        const y = await org('Y');
        const user = async (email: string, password: boolean, isConsultant = false) =>
          (
            await db
              .insertInto('app_user')
              .values({ email, password_hash: password ? 'hash' : null, is_consultant: isConsultant })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        const member = (userId: string, organizationId: string, role: string) =>
          db
            .insertInto('membership')
            .values({ user_id: userId, organization_id: organizationId, role })
            .execute();
        const invitation = (userId: string, token: string, days: number) =>
          db
            .insertInto('account_invitation')
            .values({
              token_hash: token,
              user_id: userId,
              expires_at: new Date(Date.now() + days * 86_400_000),
            })
            .execute();

        const consultant = await user('consultant@example.org', true, true);
        await member(consultant, x, 'consultant');
        const implicit = await user('implicit@example.org', true, false);
        await member(implicit, y, 'consultant');
        const leader = await user('leader@example.org', true);
        await member(leader, x, 'leader');
        await invitation(leader, 'stale-link-of-active-account', 7);
        const invited = await user('invited@example.org', false);
        await member(invited, x, 'leader');
        await invitation(invited, 'older-link', 3);
        await invitation(invited, 'newer-link', 7);
        const twice = await user('twice@example.org', false);
        await member(twice, x, 'leader');
        await member(twice, y, 'leader');
        await invitation(twice, 'link-of-unknown-organization', 7);

        await migrateToLatest(db);

        const users = await db
          .selectFrom('app_user')
          .select(['email', 'can_create_organizations'])
          .orderBy('email')
          .execute();
        expect(users).toEqual([
          { email: 'consultant@example.org', can_create_organizations: true },
          { email: 'implicit@example.org', can_create_organizations: true },
          { email: 'invited@example.org', can_create_organizations: false },
          { email: 'leader@example.org', can_create_organizations: false },
          { email: 'twice@example.org', can_create_organizations: false },
        ]);
        const memberships = await db
          .selectFrom('membership')
          .innerJoin('app_user', 'app_user.id', 'membership.user_id')
          .select(['email', sql<boolean>`membership.accepted_at is not null`.as('accepted'), 'membership.id'])
          .orderBy('email')
          .execute();
        expect(memberships.map(({ email, accepted }) => [email, accepted])).toEqual([
          ['consultant@example.org', true],
          ['implicit@example.org', true],
          ['invited@example.org', false],
          ['leader@example.org', true],
          ['twice@example.org', false],
          ['twice@example.org', false],
        ]);
        expect(new Set(memberships.map((m) => m.id)).size).toBe(6);
        const invitations = await db
          .selectFrom('account_invitation')
          .select(['token_hash', 'organization_id'])
          .execute();
        expect(invitations).toEqual([{ token_hash: 'newer-link', organization_id: x }]);

        // The invitation now dies with its membership.
        await db.deleteFrom('membership').where('user_id', '=', invited).execute();
        expect(await db.selectFrom('account_invitation').select('token_hash').execute()).toEqual([]);
      } finally {
        await handle.close();
      }
    });
  },
);
