import { supportedLocales } from '../i18n/translate.ts';
import { useAppState } from '../state/app-state.ts';

/** Each language in its own name, as a person looking for theirs would read it. */
export const localeNames: Record<string, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  de: 'Deutsch',
};

/** Every language the interface is written in, unless the page offers fewer (a survey: its questionnaire's). */
export function LanguageSwitch({
  locales = supportedLocales,
  value,
  onChange,
}: {
  locales?: string[] | undefined;
  value: string;
  onChange: (locale: string) => void;
}) {
  const { state } = useAppState();
  return (
    <label class="language">
      <span class="visually-hidden">{state.t('nav.language')}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {locales.map((locale) => (
          <option value={locale} key={locale}>
            {localeNames[locale] ?? locale}
          </option>
        ))}
      </select>
    </label>
  );
}
