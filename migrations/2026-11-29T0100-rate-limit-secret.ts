import { type Kysely, sql } from 'kysely';

// The key of the rate-limit keys' HMAC when several instances count in Redis and no
// RATE_LIMIT_SECRET is configured (server/db/rate-limit-secret.ts): one row, made by the first
// instance that needs it, so that every instance names a budget's key alike.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table rate_limit_secret (
      only_row boolean primary key default true check (only_row),
      secret bytea not null check (octet_length(secret) >= 32)
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table rate_limit_secret`.execute(db);
}
