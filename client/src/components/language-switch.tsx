import { useAppState } from '../state/app-state.ts';

/** Each language in its own name, as a person looking for theirs would read it. */
export const localeNames: Record<string, string> = { en: 'English', es: 'Español' };

export function LanguageSwitch({
  locales,
  value,
  onChange,
}: {
  locales: string[];
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
