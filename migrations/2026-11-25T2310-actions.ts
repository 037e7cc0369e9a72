import { type Kysely, sql } from 'kysely';

// Actions are leaders' records about a published cell of a closed wave: who committed to what,
// and how later waves measured it. They hold names of leaders and owners, never anything about a
// respondent, and reference the wave (not a response), so nothing here can pair an answer with a
// person. Team keys are stored as the reports publish them, since teams can be re-imported.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('action')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('wave_id', 'uuid', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    // null: the whole organization.
    .addColumn('team_key', 'text')
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('steps', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('planned').check(sql`status in ('planned', 'in-progress', 'done', 'dropped')`),
    )
    // The cell as the wave published it when the action was made: {score, n, ci95}.
    .addColumn('baseline', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('action_organization_idx')
    .on('action')
    .columns(['organization_id', 'due_date'])
    .execute();

  await db.schema
    .createTable('action_check_in')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('action_id', 'uuid', (c) => c.notNull().references('action.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('action_check_in_action_idx')
    .on('action_check_in')
    .column('action_id')
    .execute();

  // One outcome per action and later wave, written in the transaction that closes that wave.
  await db.schema
    .createTable('action_outcome')
    .addColumn('action_id', 'uuid', (c) => c.notNull().references('action.id').onDelete('cascade'))
    .addColumn('wave_id', 'uuid', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    .addColumn('current', 'jsonb')
    .addColumn('delta', 'double precision')
    .addColumn('verdict', 'text', (c) =>
      c.notNull().check(sql`verdict in ('improved', 'no-clear-change', 'worsened', 'not-measurable')`),
    )
    .addPrimaryKeyConstraint('action_outcome_pk', ['action_id', 'wave_id'])
    .execute();

  // Results shared back with a team: the token opens that team's read-only page. It is shown to
  // consultants and leaders again, so it is stored as is, like a participation link; it gives
  // read access to figures the report already publishes, nothing more.
  await db.schema
    .createTable('shared_results_link')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('wave_id', 'uuid', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    .addColumn('team_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('shared_results_link_wave_team', ['wave_id', 'team_key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shared_results_link').execute();
  await db.schema.dropTable('action_outcome').execute();
  await db.schema.dropTable('action_check_in').execute();
  await db.schema.dropTable('action').execute();
}
