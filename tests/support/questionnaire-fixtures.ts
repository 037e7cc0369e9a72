import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

const both = <T>(en: T, es: T) => ({ en, es });

/** A small valid definition; tests change one thing at a time to break one rule. */
export function minimalDefinition(overrides: Record<string, unknown> = {}) {
  return {
    key: 'fixture-pulse',
    version: '1.0.0',
    defaultLocale: 'en',
    locales: ['en', 'es'],
    title: both('Fixture pulse', 'Pulso de prueba'),
    intro: both('An introduction.', 'Una introducción.'),
    scale: [1, 2, 3, 4, 5].map((value) => ({ value, label: both(`Point ${value}`, `Punto ${value}`) })),
    dimensions: [
      {
        id: 'decision-stability',
        name: both('Decision stability', 'Estabilidad'),
        description: both('Decisions hold.', 'Las decisiones se mantienen.'),
        recommendations: both(['Write decisions down.'], ['Escribe las decisiones.']),
      },
      {
        id: 'execution',
        outcome: true,
        name: both('Execution', 'Ejecución'),
        description: both('Work moves.', 'El trabajo avanza.'),
        recommendations: both(['Remove obstacles.'], ['Elimina obstáculos.']),
      },
    ],
    items: [
      {
        id: 'ds-holds',
        dimension: 'decision-stability',
        reverse: false,
        text: both('Decisions hold.', 'Se mantienen.'),
      },
      {
        id: 'ds-reopened',
        dimension: 'decision-stability',
        reverse: true,
        text: both('They reopen.', 'Se reabren.'),
      },
      { id: 'ex-moves', dimension: 'execution', reverse: false, text: both('Work moves.', 'Avanza.') },
    ],
    changelog: [{ version: '1.0.0', date: '2026-11-24', changes: 'First version.' }],
    ...overrides,
  };
}

/** Writes definitions as `<key>/<version>.yaml` into a fresh temporary folder and returns it. */
export async function writeDefinitions(definitions: Record<string, unknown>[]): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'trust-os-definitions-'));
  for (const definition of definitions) {
    const key = String(definition.key);
    await mkdir(path.join(folder, key), { recursive: true });
    await writeFile(path.join(folder, key, `${definition.version}.yaml`), stringify(definition));
  }
  return folder;
}

/**
 * The fixture with French added after publication: every text in French, `fr` appended to the
 * locales and listed under `addedTranslations`. `suffix` rewords the French items.
 */
export function withAddedFrench(raw: ReturnType<typeof minimalDefinition>, suffix = '') {
  const fr = (record: Record<string, unknown>, value: unknown) => Object.assign(record, { fr: value });
  fr(raw.title, 'Pulse de test');
  fr(raw.intro, 'Une introduction.');
  for (const point of raw.scale) fr(point.label, `Point ${point.value}`);
  for (const d of raw.dimensions) {
    fr(d.name, `Nom ${d.id}`);
    fr(d.description, `Description ${d.id}`);
    fr(d.recommendations, [`Conseil ${d.id}`]);
  }
  for (const item of raw.items) fr(item.text, `Énoncé ${item.id}${suffix}`);
  return { ...raw, locales: ['en', 'es', 'fr'], addedTranslations: [{ locale: 'fr', date: '2026-11-26' }] };
}
