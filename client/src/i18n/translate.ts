import { en, type MessageKey } from './en.ts';
import { es } from './es.ts';

export const catalogs: Record<string, Record<MessageKey, string>> = { en, es };
export const supportedLocales = Object.keys(catalogs);

/** The browser's first language we have, else English. */
export function browserLocale(
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): string {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0]!;
    if (base in catalogs) return base;
  }
  return 'en';
}

export function translate(
  locale: string,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  const text = catalogs[locale]?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
