import { type Signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Questionnaire } from '../../../../shared/contract/questionnaires.ts';
import { api } from '../../api.ts';
import { localeNames } from '../../components/language-switch.tsx';
import { useAppState } from '../../state/app-state.ts';

/** `locale`: the questionnaire's own default, what the emails use unless told otherwise. */
export type QuestionnaireLanguages = Pick<Questionnaire, 'locale' | 'locales'>;

/** The languages a questionnaire version is written in, which are the languages its emails can use. */
export function useQuestionnaireLanguages(
  key: string,
  version: string,
): Signal<QuestionnaireLanguages | null> {
  const languages = useSignal<QuestionnaireLanguages | null>(null);
  useEffect(() => {
    let current = true;
    languages.value = null;
    api<Questionnaire>(
      `/api/questionnaires/${encodeURIComponent(key)}/versions/${encodeURIComponent(version)}`,
    )
      .then(({ locale, locales }) => {
        if (current) languages.value = { locale, locales };
      })
      .catch(() => {
        // Without the list the field is left out and the server keeps the questionnaire's default.
      });
    return () => {
      current = false;
    };
  }, [key, version]);
  return languages;
}

/**
 * A wave's schedule as form fields: when it opens by itself, the reminder days, and the emails'
 * language. Used when a wave is created and when a draft's schedule is changed. `opensAt` is left
 * out once a wave is open.
 */
export function ScheduleFields({
  idPrefix,
  opensAt,
  reminderDays,
  locale,
  locales,
}: {
  idPrefix: string;
  opensAt?: Signal<string>;
  reminderDays: Signal<string>;
  locale: Signal<string>;
  locales: string[];
}) {
  const { state } = useAppState();
  const { t } = state;
  return (
    <>
      {/* The help sits outside each label, so a screen reader hears a short name, then the help. */}
      {opensAt && (
        <div class="field">
          <label for={`${idPrefix}-opens`}>{t('schedule.opensAt')}</label>
          <input
            id={`${idPrefix}-opens`}
            type="datetime-local"
            value={opensAt.value}
            aria-describedby={`${idPrefix}-opens-help`}
            onInput={(e) => {
              opensAt.value = e.currentTarget.value;
            }}
          />
          <small class="muted" id={`${idPrefix}-opens-help`}>
            {t('schedule.opensAtHelp')}
          </small>
        </div>
      )}
      <div class="field">
        <label for={`${idPrefix}-days`}>{t('schedule.reminderDays')}</label>
        <input
          id={`${idPrefix}-days`}
          placeholder="3, 6"
          value={reminderDays.value}
          aria-describedby={`${idPrefix}-days-help`}
          onInput={(e) => {
            reminderDays.value = e.currentTarget.value;
          }}
        />
        <small class="muted" id={`${idPrefix}-days-help`}>
          {t('schedule.reminderDaysHelp')}
        </small>
      </div>
      {locales.length > 1 && (
        <label class="field">
          <span>{t('schedule.locale')}</span>
          <select
            value={locale.value}
            onChange={(e) => {
              locale.value = e.currentTarget.value;
            }}
          >
            {locales.map((code) => (
              <option key={code} value={code}>
                {localeNames[code] ?? code}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
