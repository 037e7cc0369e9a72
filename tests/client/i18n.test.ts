import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../client/src/i18n/en.ts';
import { allErrorCatalogs } from '../../client/src/i18n/error-catalogs.ts';
import { allCatalogs, loadCatalog, supportedLocales, translate } from '../../client/src/i18n/translate.ts';
import { errorMessages } from '../../server/http/error-codes.ts';
import { MIN_ANONYMITY_THRESHOLD } from '../../shared/contract/organizations.ts';
import { formatMessage, messageParameters, pluralCategoriesOf } from '../../shared/message-format.ts';

const placeholders = messageParameters;

/**
 * Words a translation may share with English because they are the same word there, and strings with
 * no words at all ("n = {n}"). Anything else equal to the English is a string nobody translated.
 */
const sameAsEnglish: Record<string, string[]> = {
  es: ['CSV', 'Excel (.xlsx)'],
  fr: ['CSV', 'Excel (.xlsx)', 'Questionnaire', 'Participation', 'Consultant', 'Score', 'Actions'],
  de: ['CSV', 'Excel (.xlsx)', 'Name', 'Teams', 'Team', 'Team: {team}', 'Status'],
};
const hasWords = (text: string) => /\p{L}{2,}/u.test(text.replace(/\{\w+\}/g, ''));

/** Counts that are never one: the product's own limits on a hierarchy (k is at least 3, R1). */
const neverOne: Record<string, string[]> = { 'import.tooManyTeams': ['max'], 'import.tooDeep': ['max'] };

/**
 * Every English message filled in with one of its parameters at 1 (and the others as words): where
 * a count of one is followed by a plural noun ("1 characters left"), the message needs a plural.
 */
function countsOfOne(messages: Record<string, string>): string[] {
  const said: string[] = [];
  for (const [key, text] of Object.entries(messages))
    for (const name of messageParameters(text)) {
      if (name === 'k' || neverOne[key]?.includes(name)) continue;
      const values = Object.fromEntries(messageParameters(text).map((other) => [other, 'X']));
      said.push(formatMessage('en', text, { ...values, [name]: 1 }));
    }
  return said;
}

describe('client strings', () => {
  it('offers French and German beside English and Spanish', () => {
    expect([...supportedLocales].sort()).toEqual(['de', 'en', 'es', 'fr']);
  });

  it.each(supportedLocales)('%s has every English string, with the same placeholders', async (locale) => {
    const catalog = (await allCatalogs())[locale]!;
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      expect(catalog[key as MessageKey].trim().length, key).toBeGreaterThan(0);
      expect(placeholders(catalog[key as MessageKey]), key).toEqual(placeholders(text));
    }
  });

  it.each(supportedLocales)(
    '%s writes its counts only in the plural forms the language has',
    async (locale) => {
      const catalog = (await allCatalogs())[locale]!;
      const forms = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [key, text] of Object.entries(catalog))
        for (const form of pluralCategoriesOf(text)) expect(forms, `${key}: ${form}`).toContain(form);
    },
  );

  it('never writes a count of one beside a plural noun in English', async () => {
    expect(MIN_ANONYMITY_THRESHOLD).toBeGreaterThan(1);
    const { en: english } = await allCatalogs();
    // Not plural nouns: "1 is", "1 has", "1 vs organization".
    const plural = /\b1 (?!(is|as|was|has|vs)\b)[a-z]+s\b/;
    expect(countsOfOne({ ...english!, ...errorMessages }).filter((said) => plural.test(said))).toEqual([]);
  });

  it.each(supportedLocales.filter((locale) => locale !== 'en'))(
    '%s has no English left in it',
    async (locale) => {
      const catalog = (await allCatalogs())[locale]!;
      const untranslated = (Object.keys(en) as MessageKey[]).filter(
        (key) =>
          catalog[key] === en[key] && hasWords(en[key]) && !(sameAsEnglish[locale] ?? []).includes(en[key]),
      );
      expect(untranslated).toEqual([]);
    },
  );

  it('French keeps a narrow no-break space before : ; ? ! and %, never an ordinary one', async () => {
    const { fr } = await allCatalogs();
    // The server's problems are French a person reads too, in a catalog of their own.
    const problems = Object.entries((await allErrorCatalogs()).fr!).map(([code, text]) => [
      `errors ${code}`,
      text,
    ]);
    for (const [key, text] of [...Object.entries(fr!), ...problems]) {
      expect(text, key).not.toMatch(/[ \u00a0][:;?!%»]|«[ \u00a0]/);
      // A colon directly after a word is English punctuation; placeholders such as {k} are exempt.
      expect(text, key).not.toMatch(/\p{L}[:;?!]/u);
    }
  });

  it('fills placeholders, and answers in English for a language it does not have', async () => {
    await loadCatalog('es');
    expect(translate('es', 'report.suppressed', { k: 5 })).toBe('menos de 5 respuestas');
    await loadCatalog('fr');
    expect(translate('fr', 'survey.team', { team: 'Plateforme' })).toBe('Équipe\u202f: Plateforme');
    await loadCatalog('de');
    expect(translate('de', 'report.suppressed', { k: 7 })).toBe('weniger als 7 Antworten');
    expect(translate('pt', 'survey.start')).toBe('Start');
  });

  it('writes the numbers it fills in as the language writes them, and text as it came', async () => {
    await loadCatalog('de');
    expect(translate('en', 'report.respondents', { n: 12000 })).toBe('12,000 respondents');
    expect(translate('de', 'report.respondents', { n: 12000 })).toBe('12.000 Antwortende');
    expect(translate('de', 'report.suppressed', { k: 2.5 })).toBe('weniger als 2,5 Antworten');
    expect(translate('en', 'survey.team', { team: '1000' })).toBe('Team: 1000');
  });
});
