import { type Kysely, sql } from 'kysely';

// Whether a queued message may have been delivered already: a round is handing it to the mail
// server, or a send of it was lost with the connection. A personal-code recipient taken off the
// list and put back is invited again only when theirs certainly did not go, so nobody holds two
// codes, and nobody whose invitation was refused in words (a 5.7.1, a 4xx) is left uninvited.
// Until now "tried, or an error recorded" stood for it, which took in refusals in words too. Like
// the rest of `mail_outbox` it says nothing about answering and is deleted when the wave closes.
//
// Messages queued before cannot be told apart: any tried or with an error may have gone, as was
// assumed of them until now.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_outbox add column may_have_gone boolean not null default false`.execute(db);
  await sql`update mail_outbox set may_have_gone = true where attempts > 0 or last_error is not null`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_outbox drop column may_have_gone`.execute(db);
}
