import { describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en.ts';
import { allCatalogs, loadCatalog, supportedLocales, translate } from '../../client/src/i18n/translate.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('client strings', () => {
  it.each(supportedLocales)('%s has every English string, with the same placeholders', async (locale) => {
    const catalog = (await allCatalogs())[locale]!;
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      expect(catalog[key as keyof typeof en].trim().length, key).toBeGreaterThan(0);
      expect(placeholders(catalog[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it('fills placeholders, and answers in English for a language it does not have', async () => {
    await loadCatalog('es');
    expect(translate('es', 'report.suppressed', { k: 5 })).toBe('menos de 5 respuestas');
    expect(translate('fr', 'survey.start')).toBe('Start');
  });
});
