import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../../server/questionnaires/load-definitions.ts';
import { minimalDefinition, writeDefinitions } from '../../../support/questionnaire-fixtures.ts';

async function problemsOf(...definitions: Record<string, unknown>[]) {
  const { problems } = await loadDefinitions(await writeDefinitions(definitions));
  return problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
}

describe('questionnaire definition rules', () => {
  it('accepts a valid definition', async () => {
    expect(await problemsOf(minimalDefinition())).toEqual([]);
  });

  it('refuses a duplicate item id, naming file and field', async () => {
    const base = minimalDefinition();
    const items = [...base.items, { ...base.items[0]!, text: { en: 'Again.', es: 'Otra vez.' } }];
    expect(await problemsOf({ ...base, items })).toContainEqual(
      'fixture-pulse/1.0.0.yaml: items: item id "ds-holds" is used twice',
    );
  });

  it('refuses an item of an undeclared dimension', async () => {
    const base = minimalDefinition();
    const items = [
      ...base.items,
      { id: 'xx-one', dimension: 'trust-fall', reverse: false, text: { en: 'a', es: 'b' } },
    ];
    expect(await problemsOf({ ...base, items })).toContainEqual(
      'fixture-pulse/1.0.0.yaml: items[3].dimension: "trust-fall" is not a declared dimension',
    );
  });

  it('refuses a missing translation', async () => {
    const base = minimalDefinition();
    const items = base.items.map((item, i) => (i === 1 ? { ...item, text: { en: item.text.en } } : item));
    expect(await problemsOf({ ...base, items })).toContainEqual(
      'fixture-pulse/1.0.0.yaml: items[1].text.es: missing translation for "es"',
    );
  });

  it('refuses an added translation that is not a locale, or is the default one', async () => {
    const definition = minimalDefinition({
      addedTranslations: [
        { locale: 'fr', date: '2026-11-26' },
        { locale: 'en', date: '2026-11-26' },
      ],
    });
    expect(await problemsOf(definition)).toEqual([
      'fixture-pulse/1.0.0.yaml: addedTranslations[0].locale: "fr" is not one of the locales',
      'fixture-pulse/1.0.0.yaml: addedTranslations[1].locale: "en" is the default locale, which every version has from the start',
    ]);
  });

  it('refuses ids that are not lower-case hyphenated words', async () => {
    const base = minimalDefinition();
    const items = base.items.map((item, i) => (i === 0 ? { ...item, id: 'DS_Holds' } : item));
    const problems = await problemsOf({ ...base, items });
    expect(
      problems.some((p) => p.startsWith('fixture-pulse/1.0.0.yaml: items.0.id: must be lower-case')),
    ).toBe(true);
  });

  it('refuses a version moving backwards in the changelog', async () => {
    const definition = minimalDefinition({
      version: '1.0.0',
      changelog: [
        { version: '1.1.0', date: '2026-11-01', changes: 'Later.' },
        { version: '1.0.0', date: '2026-11-24', changes: 'Earlier.' },
      ],
    });
    expect(await problemsOf(definition)).toContainEqual(
      'fixture-pulse/1.0.0.yaml: changelog[1].version: 1.0.0 does not come after 1.1.0: versions only move forward',
    );
  });

  it('refuses a new version that rewrites the history of an older one', async () => {
    const first = minimalDefinition();
    const second = minimalDefinition({
      version: '1.1.0',
      changelog: [{ version: '1.1.0', date: '2026-12-01', changes: 'History dropped.' }],
    });
    expect(await problemsOf(first, second)).toContainEqual(
      'fixture-pulse/1.1.0.yaml: changelog: must keep the history of 1.0.0 (fixture-pulse/1.0.0.yaml) and add to it',
    );
  });

  it('refuses an item id whose wording changed between versions', async () => {
    const first = minimalDefinition();
    const items = first.items.map((item, i) =>
      i === 0 ? { ...item, text: { ...item.text, en: 'Decisions mostly hold.' } } : item,
    );
    const second = minimalDefinition({
      version: '1.1.0',
      items,
      changelog: [...first.changelog, { version: '1.1.0', date: '2026-12-01', changes: 'Reworded.' }],
    });
    const problems = await problemsOf(first, second);
    expect(
      problems.some((p) =>
        p.startsWith('fixture-pulse/1.1.0.yaml: items[0].text.en: item "ds-holds" means something else'),
      ),
    ).toBe(true);
  });

  it('refuses a file whose name does not match its key and version', async () => {
    const folder = await writeDefinitions([minimalDefinition()]);
    const { rename } = await import('node:fs/promises');
    const path = await import('node:path');
    await rename(
      path.join(folder, 'fixture-pulse', '1.0.0.yaml'),
      path.join(folder, 'fixture-pulse', '2.0.0.yaml'),
    );
    const { problems } = await loadDefinitions(folder);
    expect(problems.map((p) => p.message)).toContain(
      'key and version say this file should be fixture-pulse/1.0.0.yaml',
    );
  });
});
