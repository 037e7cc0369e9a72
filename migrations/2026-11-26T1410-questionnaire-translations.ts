import { type Kysely, sql } from 'kysely';

// A language added to a published questionnaire version is pinned on its own, the first time a
// server loads it: one row per version and added locale, with the hash of that locale's texts.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('questionnaire_translation')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('questionnaire_translation_pk', ['key', 'version', 'locale'])
    .addForeignKeyConstraint(
      'questionnaire_translation_version_fk',
      ['key', 'version'],
      'questionnaire_version',
      ['key', 'version'],
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('questionnaire_translation').execute();
}
