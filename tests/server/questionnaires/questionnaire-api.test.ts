import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import { migrateToLatest } from '../../../server/db/migrations.ts';
import { publishQuestionnaires } from '../../../server/db/questionnaire-versions.ts';
import { loadDefinitions } from '../../../server/questionnaires/load-definitions.ts';
import { startTestApp, type TestApp, testConfig } from '../../support/app.ts';
import { testDatabases } from '../../support/databases.ts';
import {
  minimalDefinition,
  withAddedFrench,
  writeDefinitions,
} from '../../support/questionnaire-fixtures.ts';

describe.each(testDatabases())('the questionnaire API on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  it('lists both questionnaires with their versions', async () => {
    const response = await test.app.inject('/api/questionnaires');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      { key: 'trust-os-diagnostic', title: 'Trust OS Diagnostic', versions: ['1.0.0'], latest: '1.0.0' },
      { key: 'trust-os-pulse', title: 'Trust OS Pulse', versions: ['1.0.0'], latest: '1.0.0' },
    ]);
  });

  it.each([
    ['trust-os-diagnostic', 'en', 30, 'Decision stability'],
    ['trust-os-diagnostic', 'es', 30, 'Estabilidad de las decisiones'],
    ['trust-os-pulse', 'en', 10, 'Decision stability'],
    ['trust-os-pulse', 'es', 10, 'Estabilidad de las decisiones'],
    ['trust-os-diagnostic', 'fr', 30, 'Stabilité des décisions'],
    ['trust-os-diagnostic', 'de', 30, 'Entscheidungsstabilität'],
    ['trust-os-pulse', 'fr', 10, 'Stabilité des décisions'],
    ['trust-os-pulse', 'de', 10, 'Entscheidungsstabilität'],
  ])('serves %s in %s', async (key, locale, itemCount, firstDimension) => {
    const response = await test.app.inject(`/api/questionnaires/${key}/versions/1.0.0?locale=${locale}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ key, version: '1.0.0', locale, locales: ['en', 'es', 'fr', 'de'] });
    expect(body.items).toHaveLength(itemCount);
    expect(body.dimensions[0].name).toBe(firstDimension);
    expect(body.dimensions.find((d: { id: string }) => d.id === 'execution').outcome).toBe(true);
    expect(body.scale).toHaveLength(5);
    expect(body.openQuestion.text.length).toBeGreaterThan(10);
  });

  it('uses the default locale when none is asked for', async () => {
    const response = await test.app.inject('/api/questionnaires/trust-os-pulse/versions/1.0.0');
    expect(response.json().locale).toBe('en');
  });

  it.each([
    ['/api/questionnaires/no-such/versions/1.0.0', /no questionnaire no-such/],
    ['/api/questionnaires/trust-os-pulse/versions/9.9.9', /has no version 9\.9\.9/],
    [
      '/api/questionnaires/trust-os-pulse/versions/1.0.0?locale=it',
      /not available in "it"; it is in en, es, fr, de/,
    ],
  ])('answers %s with a clear 404', async (url, message) => {
    const response = await test.app.inject(url);
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toMatch(message);
  });

  it('appears in the OpenAPI document', async () => {
    const document = (await test.app.inject('/api/openapi.json')).json();
    expect(document.paths).toHaveProperty(['/api/questionnaires/{key}/versions/{version}']);
  });
});

describe.each(testDatabases())('publishing questionnaire versions on $name', (database) => {
  it('refuses to start when a published version was edited, and when a new version moves backwards', async () => {
    const handle = await database.open();
    try {
      const folder = await writeDefinitions([
        minimalDefinition({
          version: '1.1.0',
          changelog: [{ version: '1.1.0', date: '2026-11-24', changes: 'x' }],
        }),
      ]);
      const first = await buildApp(testConfig(), { database: handle, logger: false, definitionsDir: folder });
      await first.close();

      // Same version, new wording: refused with the file, the version and what to do.
      const file = path.join(folder, 'fixture-pulse', '1.1.0.yaml');
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace('Decisions hold.', 'Decisions mostly hold.'),
      );
      await expect(
        buildApp(testConfig(), { database: handle, logger: false, definitionsDir: folder }),
      ).rejects.toThrow(
        /fixture-pulse\/1\.1\.0\.yaml: fixture-pulse@1\.1\.0 was published with different content\. .*new version/,
      );

      // A brand-new version older than the published one is refused too, even when the history
      // on disk is consistent: only the database knows that 1.1.0 was published first.
      const older = await writeDefinitions([
        minimalDefinition({
          version: '1.0.5',
          changelog: [{ version: '1.0.5', date: '2026-11-24', changes: 'y' }],
        }),
        minimalDefinition({
          version: '1.1.0',
          changelog: [
            { version: '1.0.5', date: '2026-11-24', changes: 'y' },
            { version: '1.1.0', date: '2026-11-24', changes: 'x' },
          ],
        }),
      ]);
      await expect(
        buildApp(testConfig(), { database: handle, logger: false, definitionsDir: older }),
      ).rejects.toThrow(
        /fixture-pulse@1\.0\.5 comes before the published fixture-pulse@1\.1\.0; versions only move forward/,
      );
    } finally {
      await handle.close();
    }
  });
});

describe.each(testDatabases())('adding a language to a published version on $name', (database) => {
  // What a server does with the definitions at start-up, without the rest of the app.
  const start = async (handle: DatabaseHandle, folder: string) => {
    const { definitions, problems } = await loadDefinitions(folder);
    expect(problems).toEqual([]);
    await publishQuestionnaires(handle.db, definitions);
  };

  // One database for the whole story: a fresh PGlite costs seconds on a busy machine.
  it('accepts a declared language, then pins it; refuses anything that touches what was published', async () => {
    const handle = await database.open();
    try {
      // Published in English and Spanish, as the shipped 1.0.0 files were.
      await migrateToLatest(handle.db);
      await start(handle, await writeDefinitions([minimalDefinition()]));

      // French slipped into the locales without being declared as added: the version changed.
      const { addedTranslations: _, ...undeclared } = withAddedFrench(minimalDefinition());
      await expect(start(handle, await writeDefinitions([undeclared]))).rejects.toThrow(
        /was published with different content\. .*list it under "addedTranslations"/,
      );
      // Declared, but a Spanish text was edited along the way.
      const reworded = withAddedFrench(minimalDefinition());
      reworded.items[0] = {
        ...reworded.items[0]!,
        text: { ...reworded.items[0]!.text, es: 'Se mantienen siempre.' },
      };
      await expect(start(handle, await writeDefinitions([reworded]))).rejects.toThrow(
        /fixture-pulse@1\.0\.0 was published with different content/,
      );
      expect(await handle.db.selectFrom('questionnaire_translation').selectAll().execute()).toEqual([]);

      const withFrench = await writeDefinitions([withAddedFrench(minimalDefinition())]);
      await start(handle, withFrench);
      const pinned = await handle.db
        .selectFrom('questionnaire_translation')
        .select(['key', 'version', 'locale'])
        .execute();
      expect(pinned).toEqual([{ key: 'fixture-pulse', version: '1.0.0', locale: 'fr' }]);
      // A restart with the same files is fine.
      await start(handle, withFrench);

      // From now on the French texts never change, and French cannot be taken away.
      await expect(
        start(handle, await writeDefinitions([withAddedFrench(minimalDefinition(), ' (revu)')])),
      ).rejects.toThrow(
        /fixture-pulse\/1\.0\.0\.yaml: the "fr" texts of fixture-pulse@1\.0\.0 were published with different wording/,
      );
      await expect(start(handle, await writeDefinitions([minimalDefinition()]))).rejects.toThrow(
        /fixture-pulse@1\.0\.0 was published in "fr": restore its "fr" texts/,
      );
    } finally {
      await handle.close();
    }
  });
});

describe('npm run definitions:check', () => {
  it('passes on the shipped files and fails naming file and field on a broken one', async () => {
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/check-definitions.ts'], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('ok  trust-os-pulse/1.0.0.yaml');

    const broken = minimalDefinition();
    broken.items[2] = { ...broken.items[2]!, dimension: 'nowhere' };
    const folder = await writeDefinitions([broken]);
    const bad = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli/check-definitions.ts', '--dir', folder],
      {
        encoding: 'utf8',
      },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      'fixture-pulse/1.0.0.yaml: items[2].dimension: "nowhere" is not a declared dimension',
    );
  });
});
