import { type Kysely, sql } from 'kysely';

// The answers of creates sent with an Idempotency-Key (server/plugins/idempotency.ts), kept a
// day so that the same create sent again gets the same answer instead of a second copy.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table idempotent_request (
      user_id uuid not null references app_user (id) on delete cascade,
      key text not null,
      fingerprint text not null,
      claim text not null,
      status smallint,
      body text,
      created_at timestamptz not null default now(),
      primary key (user_id, key)
    )`.execute(db);
  await sql`create index idempotent_request_created_at on idempotent_request (created_at)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table idempotent_request`.execute(db);
}
