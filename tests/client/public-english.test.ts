import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en.ts';
import { enPublic } from '../../client/src/i18n/en-public.ts';

const pages = path.resolve(import.meta.dirname, '../../client/src/pages');
const sources = (...dirs: string[]) =>
  dirs.flatMap((dir) =>
    readdirSync(path.join(pages, dir))
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => readFileSync(path.join(pages, dir, file), 'utf8')),
  );

/**
 * The survey and the shared results ship with the public English strings only (en-public.ts):
 * every string they name must be among them, or an English phone would see a key instead.
 */
describe('the English strings the pages employees open ship with', () => {
  it('hold every string the survey and the shared results name', () => {
    const named = new Set<string>();
    for (const text of sources('survey', 'results'))
      for (const match of text.matchAll(/['`]([a-z]+\.[a-zA-Z0-9_.${}-]+)['`]/g)) named.add(match[1]!);
    expect(named.size).toBeGreaterThan(20);
    const known = Object.keys(enPublic);
    // Only names of strings: a field such as `body.invitation` is not one.
    const families = new Set(Object.keys(en).map((key) => key.split('.')[0]));
    for (const key of [...named].filter((name) => families.has(name.split('.')[0]))) {
      // A key built from a value (`actions.status.${status}`) stands for all that share its start.
      const start = key.split('${')[0]!;
      const present = key.includes('${') ? known.some((k) => k.startsWith(start)) : key in enPublic;
      expect({ key, present }).toEqual({ key, present: true });
    }
  });
});
