import { type Kysely, sql } from 'kysely';

// Issue 14: invitations and reminders by email, and personal codes a person can type.
//
// A team of a wave needs personal codes only when a consultant says so (`personal_codes`), not
// because codes happen to exist: a team's already-shared link must not start refusing people
// silently. Teams that had codes before keep needing them.
//
// A wave may open itself (`opens_at`), remind on given days after it opened (`reminder_days`,
// `reminders_sent` says how many of them went out) and has a language for its emails
// (`locale`, null for its questionnaire's default).
//
// `wave_recipient` and `mail_outbox` hold addresses. Nothing in either says whether a person
// answered, and both are emptied in the transaction that closes the wave. A queued message holds
// no code: a personal code is drawn when the message is sent, and only its hash is stored (A3).
// What stays after close is a count per team of messages sent and failed.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('wave_team')
    .addColumn('personal_codes', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('mail_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mail_failed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update wave_team set personal_codes = true
    where exists (
      select 1 from invitation
      where invitation.wave_id = wave_team.wave_id and invitation.team_id = wave_team.team_id
    )`.execute(db);

  await db.schema
    .alterTable('wave')
    .addColumn('opens_at', 'timestamptz')
    .addColumn('reminder_days', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('reminders_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locale', 'text')
    .execute();
  await db.schema
    .createIndex('wave_opens_idx')
    .on('wave')
    .column('opens_at')
    .where(sql.ref('status'), '=', 'draft')
    .execute();

  await db.schema
    .createTable('wave_recipient')
    .addColumn('wave_id', 'uuid', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('team.id').onDelete('cascade'))
    .addColumn('invited', 'boolean', (c) => c.notNull().defaultTo(false))
    // Taken off the list while the wave runs: kept (until close) so that being put back does not
    // bring a second invitation, and with it a second personal code.
    .addColumn('removed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('wave_recipient_pk', ['wave_id', 'email'])
    .execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('wave_id', 'uuid', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('team.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invitation', 'reminder')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    // Given up after its last attempt; kept until close so the consultant can fix the address.
    .addColumn('failed', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('mail_outbox_due_idx').on('mail_outbox').column('next_attempt_at').execute();
  await db.schema.createIndex('mail_outbox_wave_idx').on('mail_outbox').column('wave_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.dropTable('wave_recipient').execute();
  await db.schema.dropIndex('wave_opens_idx').execute();
  for (const column of ['locale', 'reminders_sent', 'reminder_days', 'opens_at'])
    await db.schema.alterTable('wave').dropColumn(column).execute();
  for (const column of ['mail_failed', 'mail_sent', 'personal_codes'])
    await db.schema.alterTable('wave_team').dropColumn(column).execute();
}
