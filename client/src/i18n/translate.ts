import { formatMessage } from '../../../shared/message-format.ts';
import type { MessageKey } from './en.ts';
import { enPublic } from './en-public.ts';
import { loadErrorCatalog } from './error-catalogs.ts';
import { formatFigure } from './format.ts';

export type Catalog = Record<MessageKey, string>;

/**
 * English ships with every page: the strings of the pages employees open on their phones with
 * every page (en-public.ts), the console's with the console's pages (`registerEnglish`). Every
 * other language is a chunk of its own, loaded when someone reads in it, so a phone opening a
 * survey downloads one language, not all of them.
 */
const loaders: Record<string, () => Promise<Catalog>> = {
  es: () => import('./es.ts').then((m) => m.es),
  fr: () => import('./fr.ts').then((m) => m.fr),
  de: () => import('./de.ts').then((m) => m.de),
};
const loaded: Record<string, Partial<Catalog>> = {};
/** The English strings this page has: the public ones, or all of them once registered. */
let english: Partial<Catalog> = enPublic;

/** All of English, from the console's pages as their code loads (full-english.ts). */
export function registerEnglish(full: Catalog): void {
  english = full;
}

/** Whether a string of that name is known here: a page's own words for a value the server sends. */
export const hasMessage = (key: string): key is MessageKey => key in english;

export const supportedLocales = ['en', ...Object.keys(loaders)];

/** Makes a language's strings available to `translate`; English always is. */
export async function loadCatalog(locale: string): Promise<void> {
  // Its wording of the server's problems comes beside it (i18n/error-catalogs.ts).
  const errors = loadErrorCatalog(locale);
  if (!loaded[locale] && loaders[locale]) loaded[locale] = await loaders[locale]();
  await errors;
}

/** Every catalog, loaded: for the completeness tests. */
export async function allCatalogs(): Promise<Record<string, Catalog>> {
  await Promise.all(supportedLocales.map(loadCatalog));
  const { en } = await import('./en.ts');
  return { ...(loaded as Record<string, Catalog>), en };
}

/** The browser's first language we have, else English. */
export function browserLocale(
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): string {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0]!;
    if (supportedLocales.includes(base)) return base;
  }
  return 'en';
}

/** A string in `locale`, in English while that language's strings have not arrived. */
export function translate(
  locale: string,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  // A console string on a page that has only the public ones would be a bug; its key shows then.
  const text = loaded[locale]?.[key] ?? english[key] ?? key;
  // The counts chosen in the language's plural (shared/message-format.ts), a count or a figure
  // written as the language writes it: "12,000" in English, "12.000" in German.
  return formatMessage(locale, text, values, (value) => formatFigure(locale, value));
}
