import { formatMessage } from '../../../shared/message-format.ts';
import { en, type MessageKey } from './en.ts';
import { loadErrorCatalog } from './error-catalogs.ts';
import { formatFigure } from './format.ts';

export type Catalog = Record<MessageKey, string>;

/**
 * English ships with every page; every other language is a chunk of its own, loaded when someone
 * reads in it, so a phone opening a survey downloads one language, not all of them.
 */
const loaders: Record<string, () => Promise<Catalog>> = {
  es: () => import('./es.ts').then((m) => m.es),
  fr: () => import('./fr.ts').then((m) => m.fr),
  de: () => import('./de.ts').then((m) => m.de),
};
const loaded: Record<string, Catalog> = { en };

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
  return { ...loaded };
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
  const text = loaded[locale]?.[key] ?? en[key];
  // The counts chosen in the language's plural (shared/message-format.ts), a count or a figure
  // written as the language writes it: "12,000" in English, "12.000" in German.
  return formatMessage(locale, text, values, (value) => formatFigure(locale, value));
}
