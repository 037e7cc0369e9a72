import { formatMessage } from '../../../shared/message-format.ts';
import type { ErrorCatalog } from './errors/en.ts';
import { formatFigure } from './format.ts';

/**
 * The server's problems said in each language. A catalog of its own, loaded beside the main one
 * (translate.ts `loadCatalog`), so no page carries the wording of every problem in every language,
 * and the survey's first chunk stays small.
 */
const loaders: Record<string, () => Promise<ErrorCatalog>> = {
  en: () => import('./errors/en.ts').then((m) => m.en),
  es: () => import('./errors/es.ts').then((m) => m.es),
  fr: () => import('./errors/fr.ts').then((m) => m.fr),
  de: () => import('./errors/de.ts').then((m) => m.de),
};
const loaded: Record<string, ErrorCatalog> = {};

export const errorLocales = Object.keys(loaders);

export async function loadErrorCatalog(locale: string): Promise<void> {
  if (loaded[locale] || !loaders[locale]) return;
  loaded[locale] = await loaders[locale]();
}

/** Every error catalog, loaded: for the completeness tests. */
export async function allErrorCatalogs(): Promise<Record<string, ErrorCatalog>> {
  await Promise.all(errorLocales.map(loadErrorCatalog));
  return { ...loaded };
}

/**
 * A server problem's wording in `locale`, its parameters filled in, a number as the language writes
 * it (at most "20 000" recipients in French, "20.000" in German); null when that language's
 * catalog has not arrived or does not know the code (a server newer than this page), so the
 * caller shows the server's own English instead.
 */
export function errorWording(
  locale: string,
  code: string,
  params: Record<string, string | number> = {},
): string | null {
  const catalog = loaded[locale];
  if (!catalog || !Object.hasOwn(catalog, code)) return null;
  return formatMessage(locale, catalog[code as keyof ErrorCatalog], params, (value) =>
    formatFigure(locale, value),
  );
}
