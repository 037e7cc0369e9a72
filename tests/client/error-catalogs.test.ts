import { describe, expect, it } from 'vitest';
import { allErrorCatalogs, errorLocales } from '../../client/src/i18n/error-catalogs.ts';
import { en } from '../../client/src/i18n/errors/en.ts';
import { supportedLocales } from '../../client/src/i18n/translate.ts';
import { errorMessages, placeholdersOf } from '../../server/http/error-codes.ts';

const serverCodes = Object.keys(errorMessages).sort();

describe("the server's problems in every language", () => {
  it('has an error catalog for every language the interface offers', () => {
    expect([...errorLocales].sort()).toEqual([...supportedLocales].sort());
  });

  it.each(errorLocales)('%s says every code the server can send, with its placeholders', async (locale) => {
    const catalog: Record<string, string> = (await allErrorCatalogs())[locale]!;
    expect(Object.keys(catalog).sort()).toEqual(serverCodes);
    for (const [code, english] of Object.entries(errorMessages)) {
      expect(catalog[code]!.trim().length, code).toBeGreaterThan(0);
      expect(placeholdersOf(catalog[code]!), `${locale} ${code}`).toEqual(placeholdersOf(english));
    }
  });

  it.each(errorLocales.filter((locale) => locale !== 'en'))(
    '%s has no English left in it',
    async (locale) => {
      const catalog: Record<string, string> = (await allErrorCatalogs())[locale]!;
      const untranslated = Object.entries(en).filter(([code, english]) => catalog[code] === english);
      expect(untranslated).toEqual([]);
    },
  );

  it('names codes the way the server does: dotted, in lower-case words joined by hyphens', () => {
    for (const code of serverCodes) expect(code).toMatch(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
