import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../../../server/db/migrations.ts';
import { createOrganization, listTeams, replaceTeams } from '../../../server/db/organizations.ts';
import { publishQuestionnaires } from '../../../server/db/questionnaire-versions.ts';
import { surveyDefinitionsDir } from '../../../server/paths.ts';
import { loadCatalog } from '../../../server/questionnaires/catalog.ts';
import { createWave } from '../../../server/waves/wave-lifecycle.ts';
import { PULSE_ITEMS } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

const BEFORE = '2026-11-26T1420-wave-snapshot-as-json';

describe.each(testDatabases())('storing answers in item order on $name', (database) => {
  /**
   * A database migrated to just before, with a wave of the pulse holding `answers` as jsonb, and
   * a wave of the diagnostic holding `diagnostic`.
   */
  async function migratedBefore(
    answers: Record<string, number | null>[],
    diagnostic: Record<string, number | null>[] = [],
  ) {
    const handle = await database.open();
    // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before the migration.
    const db = handle.db as unknown as Kysely<any>;
    const migrated = await (await createMigrator(db)).migrateTo(BEFORE);
    expect(migrated.error).toBeUndefined();
    await publishQuestionnaires(handle.db, (await loadCatalog(surveyDefinitionsDir)).entries());
    // Nothing these write changed after BEFORE, so today's code writes them as they were then.
    const organization = await handle.db
      .transaction()
      .execute((trx) => createOrganization(trx, { name: 'Old rows', anonymityThreshold: 3 }));
    await handle.db
      .transaction()
      .execute((trx) =>
        replaceTeams(trx, organization.id, [
          { key: 'north', name: 'North', parentKey: null, headcount: null },
        ]),
      );
    const team = (await listTeams(handle.db, organization.id))[0]!.id;
    const waveOf = async (questionnaireKey: string, given: Record<string, number | null>[]) => {
      const { id } = await createWave(
        handle.db,
        {
          organizationId: organization.id,
          title: questionnaireKey,
          questionnaireKey,
          questionnaireVersion: '1.0.0',
          closesAt: null,
          teamIds: [team],
        },
        null,
      );
      for (const [i, one] of given.entries()) {
        await sql`insert into response (id, wave_id, team_id, questionnaire_version, answers, comment)
          values (gen_random_uuid(), ${id}, ${team}, ${`${questionnaireKey}@1.0.0`},
            ${JSON.stringify(one)}::jsonb, ${`c${i}`})`.execute(db);
      }
      return async () =>
        (
          await db
            .selectFrom('response')
            .select(['comment', 'answers'])
            .where('wave_id', '=', id)
            .orderBy('comment')
            .execute()
        ).map((row) => row.answers);
    };
    const stored = await waveOf('trust-os-pulse', answers);
    const storedDiagnostic = await waveOf('trust-os-diagnostic', diagnostic);
    return { handle, db, stored, storedDiagnostic };
  }

  const all = (value: number) => Object.fromEntries(PULSE_ITEMS.map((id) => [id, value]));

  it('puts each answer at its item’s place, skipped and left-out items as null, and back again', async () => {
    // Keys in an order of their own, a skipped item and an item left out altogether.
    const mixed = Object.fromEntries(
      [...PULSE_ITEMS].reverse().map((id, i) => [id, id === 'ow-next-step-clear' ? null : (i % 5) + 1]),
    );
    delete mixed['ps-raise-problems'];
    // Each version by its own order: the diagnostic's items are others, in another number.
    const diagnosticItems = (await loadCatalog(surveyDefinitionsDir))
      .get('trust-os-diagnostic', '1.0.0')!
      .items.map((item) => item.id);
    const diagnostic = Object.fromEntries(diagnosticItems.map((id, i) => [id, (i % 5) + 1]));
    const { handle, db, stored, storedDiagnostic } = await migratedBefore([all(4), mixed], [diagnostic]);
    try {
      await migrateToLatest(db);
      const expected = PULSE_ITEMS.map((id) => mixed[id] ?? null);
      expect(await stored()).toEqual([PULSE_ITEMS.map(() => 4), expected]);
      expect(diagnosticItems.length).toBeGreaterThan(PULSE_ITEMS.length);
      expect(await storedDiagnostic()).toEqual([diagnosticItems.map((_, i) => (i % 5) + 1)]);
      const { rows } = await sql<{ type: string }>`
        select format_type(atttypid, atttypmod) as type from pg_attribute
        where attrelid = 'response'::regclass and attname = 'answers'`.execute(db);
      expect(rows[0]!.type).toBe('smallint[]');

      // Down keeps every answer under its item id; skipped and left out are both null.
      expect((await (await createMigrator(db)).migrateTo(BEFORE)).error).toBeUndefined();
      expect(await stored()).toEqual([
        all(4),
        Object.fromEntries(PULSE_ITEMS.map((id) => [id, mixed[id] ?? null])),
      ]);
    } finally {
      await handle.close();
    }
  });

  it('refuses, and converts nothing, when the definition on disk is not what was published', async () => {
    const { handle, db, stored } = await migratedBefore([all(3)]);
    try {
      await db.updateTable('questionnaire_version').set({ content_hash: 'edited since' }).execute();
      await expect(migrateToLatest(db)).rejects.toThrow(
        /responses of trust-os-pulse@1\.0\.0 cannot be converted: its definition file .* no longer what was published/,
      );
      expect(await stored()).toEqual([all(3)]);
    } finally {
      await handle.close();
    }
  });
});
