import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import { migrateDown, migrateToLatest, pendingMigrations } from '../../../server/db/migrations.ts';
import { createOrganization } from '../../../server/db/organizations.ts';
import { publishQuestionnaires } from '../../../server/db/questionnaire-versions.ts';
import { loadWaveSnapshot } from '../../../server/db/wave-aggregates.ts';
import { surveyDefinitionsDir } from '../../../server/paths.ts';
import { loadCatalog } from '../../../server/questionnaires/catalog.ts';
import { createWave } from '../../../server/waves/wave-lifecycle.ts';
import { testDatabases } from '../../support/databases.ts';

const MIGRATION = '2026-11-26T1800-snapshot-sums';

describe.each(testDatabases())('the snapshot of sums in their database form on $name', (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
    await migrateToLatest(handle.db);
    await publishQuestionnaires(handle.db, (await loadCatalog(surveyDefinitionsDir)).entries());
  });
  afterAll(() => handle?.close());

  async function closedWave(title: string) {
    const organization = await handle.db
      .transaction()
      .execute((trx) => createOrganization(trx, { name: title, anonymityThreshold: 3 }));
    const wave = await createWave(
      handle.db,
      {
        organizationId: organization.id,
        title,
        questionnaireKey: 'trust-os-pulse',
        questionnaireVersion: '1.0.0',
        closesAt: null,
        teamIds: [],
      },
      null,
    );
    await handle.db
      .updateTable('wave')
      .set({ status: 'closed', sealed: true })
      .where('id', '=', wave.id)
      .execute();
    return wave.id;
  }

  it('holds one form or the other, and rolls back to a form the earlier code seals again at its start', async () => {
    const older = await closedWave('older');
    const newer = await closedWave('newer');
    await handle.db
      .insertInto('wave_snapshot')
      .values([
        { wave_id: older, aggregates: '{"teams":{}}', teams: '[]', published: '{}' },
        { wave_id: newer, sums: '{"teams":null}', comments: '[]', teams: '[]', published: '{}' },
      ])
      .execute();
    for (const invalid of [
      { aggregates: null },
      { aggregates: '{}', sums: '{}', comments: '[]' },
      { aggregates: null, sums: '{}' },
    ])
      await expect(
        handle.db.updateTable('wave_snapshot').set(invalid).where('wave_id', '=', older).execute(),
      ).rejects.toThrow(/wave_snapshot_one_form/);

    // Back to just before this migration (later ones, if any, first).
    while (!(await pendingMigrations(handle.db)).includes(MIGRATION)) await migrateDown(handle.db);
    expect((await pendingMigrations(handle.db))[0]).toBe(MIGRATION);
    const { rows } = await sql<{ wave_id: string; aggregates: string; sealed: boolean }>`
      select s.wave_id, s.aggregates::text as aggregates, w.sealed
      from wave_snapshot s join wave w on w.id = s.wave_id`.execute(handle.db);
    const byWave = new Map(rows.map((row) => [row.wave_id, row]));
    // The older snapshot is as it was; the newer, which the earlier code cannot read, is sealed again there.
    expect(byWave.get(older)).toMatchObject({ aggregates: '{"teams":{}}', sealed: true });
    expect(byWave.get(newer)).toMatchObject({ aggregates: 'null', sealed: false });
    await expect(sql`select sums from wave_snapshot`.execute(handle.db)).rejects.toThrow();

    await migrateToLatest(handle.db);
    expect(await pendingMigrations(handle.db)).toEqual([]);
    // Applied again before any start-up seal: the rolled-back snapshot reads as not ready (a report
    // answers 503 until the seal writes it again), and the older one as it was.
    expect((await loadWaveSnapshot(handle.db, newer))?.frozen).toBeNull();
    expect((await loadWaveSnapshot(handle.db, older))?.frozen).toEqual({ aggregates: '{"teams":{}}' });
    await expect(
      handle.db.updateTable('wave_snapshot').set({ aggregates: null }).where('wave_id', '=', older).execute(),
    ).rejects.toThrow(/wave_snapshot_one_form/);
  });
});
