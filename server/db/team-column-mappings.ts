import type { Kysely, Transaction } from 'kysely';
import type { ColumnMapping } from '../domain/hierarchy/team-columns.ts';
import type { Database } from './database.ts';

/** The columns this organization's last spreadsheet import used, or null before the first. */
export async function rememberedMapping(
  db: Kysely<Database>,
  organizationId: string,
): Promise<ColumnMapping | null> {
  const row = await db
    .selectFrom('team_column_mapping')
    .select('mapping')
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row?.mapping ?? null;
}

/** Saved with the import that used it, in the same transaction. */
export async function rememberMapping(
  trx: Transaction<Database>,
  organizationId: string,
  mapping: ColumnMapping,
): Promise<void> {
  const value = JSON.stringify(mapping);
  await trx
    .insertInto('team_column_mapping')
    .values({ organization_id: organizationId, mapping: value })
    .onConflict((conflict) => conflict.column('organization_id').doUpdateSet({ mapping: value }))
    .execute();
}
