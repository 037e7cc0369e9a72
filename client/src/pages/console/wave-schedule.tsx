import { useSignal } from '@preact/signals';
import type { WaveScheduleChange } from '../../../../shared/contract/waves.ts';
import { api } from '../../api.ts';
import { localeNames } from '../../components/language-switch.tsx';
import { formatDate } from '../../i18n/format.ts';
import { useAppState } from '../../state/app-state.ts';
import {
  formatReminderDays,
  isoToLocalInput,
  localInputToIso,
  nextReminder,
  parseReminderDays,
} from './schedule.ts';
import { ScheduleFields, useQuestionnaireLanguages } from './schedule-fields.tsx';
import type { Wave } from './wave-types.ts';

/**
 * When a wave opens by itself, when its reminders go, and its emails' language; a consultant may
 * change them until it closes (the opening time only while it is a draft).
 */
export function WaveSchedule({
  wave,
  manager,
  onChange,
  onProblem,
  onClear,
}: {
  wave: Wave;
  manager: boolean;
  onChange: () => Promise<void>;
  onProblem: (error: unknown) => void;
  /** Takes down the page's last refusal as a new save starts. */
  onClear: () => void;
}) {
  const { state } = useAppState();
  const { t } = state;
  const editing = useSignal(false);
  const when = (iso: string) => formatDate(state.locale.value, iso, 'dateTime');
  // What is next, rather than a count of days behind the wave: a day already past when the days
  // were set counts as behind it without a reminder having gone.
  const next = nextReminder(wave, Date.now());
  return (
    <div class="schedule">
      <ul class="plain schedule-summary">
        {wave.status === 'draft' && (
          <li>
            {wave.opensAt ? t('schedule.opensOn', { when: when(wave.opensAt) }) : t('schedule.opensByHand')}
          </li>
        )}
        {wave.status !== 'closed' && (
          <li>
            {wave.closesAt ? t('schedule.closesOn', { when: when(wave.closesAt) }) : t('schedule.noDeadline')}
          </li>
        )}
        <li>
          {wave.reminderDays.length === 0
            ? t('schedule.noReminders')
            : t('schedule.reminders', {
                days: formatReminderDays(wave.reminderDays),
                // "1 day", "3 days", "1, 3 days": the word follows the last number said.
                last: wave.reminderDays.at(-1)!,
              })}
        </li>
        {next && (
          <li>
            {next.kind === 'on'
              ? t('schedule.nextReminder', { when: when(next.at) })
              : next.kind === 'due'
                ? t('schedule.reminderDue')
                : t('schedule.noReminderLeft')}
          </li>
        )}
        <li>{t('schedule.emailLanguage', { language: localeNames[wave.locale] ?? wave.locale })}</li>
      </ul>
      {manager && wave.status !== 'closed' && !editing.value && (
        <button
          type="button"
          class="small"
          onClick={() => {
            editing.value = true;
          }}
        >
          {t('schedule.change')}
        </button>
      )}
      {editing.value && (
        <ScheduleEditor
          wave={wave}
          onDone={async (saved) => {
            editing.value = false;
            if (saved) await onChange();
          }}
          onProblem={onProblem}
          onClear={onClear}
        />
      )}
    </div>
  );
}

/** Mounted only while editing, so the questionnaire's languages are asked for only then. */
function ScheduleEditor({
  wave,
  onDone,
  onProblem,
  onClear,
}: {
  wave: Wave;
  onDone: (saved: boolean) => Promise<void>;
  onProblem: (error: unknown) => void;
  onClear: () => void;
}) {
  const { state } = useAppState();
  const { t } = state;
  const draft = wave.status === 'draft';
  const opensAt = useSignal(isoToLocalInput(wave.opensAt));
  const closesAt = useSignal(isoToLocalInput(wave.closesAt));
  const reminderDays = useSignal(formatReminderDays(wave.reminderDays));
  const locale = useSignal(wave.locale);
  const problem = useSignal('');
  const languages = useQuestionnaireLanguages(wave.questionnaire.key, wave.questionnaire.version);

  async function save(event: Event) {
    event.preventDefault();
    onClear();
    const days = parseReminderDays(reminderDays.value);
    if (!days.ok) {
      problem.value = t(days.problem.key, days.problem.values);
      return;
    }
    problem.value = '';
    // Only what was changed: the audit log then says what changed, and nothing else is touched.
    const change: WaveScheduleChange = {
      ...(draft && opensAt.value !== isoToLocalInput(wave.opensAt)
        ? { opensAt: localInputToIso(opensAt.value) }
        : {}),
      ...(closesAt.value !== isoToLocalInput(wave.closesAt)
        ? { closesAt: localInputToIso(closesAt.value) }
        : {}),
      ...(days.days.join() !== wave.reminderDays.join() ? { reminderDays: days.days } : {}),
      ...(locale.value !== wave.locale ? { locale: locale.value } : {}),
    };
    if (Object.keys(change).length === 0) {
      await onDone(false);
      return;
    }
    try {
      await api<Wave>(`/api/waves/${wave.id}`, { method: 'PATCH', body: change });
      await onDone(true);
    } catch (error) {
      onProblem(error);
    }
  }

  return (
    <form class="inline-form" onSubmit={save}>
      {/* Until it closes: a wave running late is given more time, or a quick one cut short. */}
      <div class="field">
        <label for={`schedule-${wave.id}-closes`}>{t('org.closesAt')}</label>
        <input
          id={`schedule-${wave.id}-closes`}
          type="datetime-local"
          value={closesAt.value}
          onInput={(e) => {
            closesAt.value = e.currentTarget.value;
          }}
        />
      </div>
      <ScheduleFields
        idPrefix={`schedule-${wave.id}`}
        opensAt={draft ? opensAt : undefined}
        reminderDays={reminderDays}
        locale={locale}
        locales={languages.value?.locales ?? []}
      />
      {problem.value && (
        <p class="notice form-help" role="alert">
          {problem.value}
        </p>
      )}
      <button type="submit" class="primary">
        {t('common.save')}
      </button>
      <button type="button" onClick={() => void onDone(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
