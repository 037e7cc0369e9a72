import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { QuestionnaireSummary } from '../../../../shared/contract/questionnaires.ts';
import type { Team } from '../../../../shared/contract/teams.ts';
import type { NewWave } from '../../../../shared/contract/waves.ts';
import { api } from '../../api.ts';
import { PartState } from '../../components/load-state.tsx';
import { Problems } from '../../components/problems.tsx';
import { useResource } from '../../components/resource.ts';
import { useCreate } from '../../components/use-create.ts';
import { formatDate } from '../../i18n/format.ts';
import { useAppState } from '../../state/app-state.ts';
import { localInputToIso, parseReminderDays } from './schedule.ts';
import { ScheduleFields, useQuestionnaireLanguages } from './schedule-fields.tsx';
import type { Wave } from './wave-types.ts';

export const wavePath = (orgId: string, waveId: string) => `/console/${orgId}/waves/${waveId}`;

/** The organization's waves, newest first, each a link to its own page; and a new one. */
export function WavesTab({
  orgId,
  teams,
  manager,
  onGoToTeams,
}: {
  orgId: string;
  teams: Team[];
  manager: boolean;
  onGoToTeams: () => void;
}) {
  const { t, locale } = useAppState().state;
  const { resource, reload } = useResource(() => api<Wave[]>(`/api/organizations/${orgId}/waves`), orgId);
  const current = resource.value;
  const date = (iso: string | null) => (iso ? formatDate(locale.value, iso, 'date') : '');
  return (
    <section aria-labelledby="waves-heading">
      <h2 class="visually-hidden" id="waves-heading">
        {t('org.waves')}
      </h2>
      <PartState resource={current} onRetry={reload} />
      {current.status === 'ready' &&
        (current.data.length === 0 ? (
          <div class="empty-state">
            {teams.length === 0 ? (
              manager ? (
                <>
                  <p>{t('org.empty.noTeams')}</p>
                  <button type="button" class="primary" onClick={onGoToTeams}>
                    {t('org.empty.goToTeams')}
                  </button>
                </>
              ) : (
                <p>{t('org.empty.noTeamsLeader')}</p>
              )
            ) : (
              <p>{t(manager ? 'org.empty.noWaves' : 'org.empty.noClosedWaves')}</p>
            )}
          </div>
        ) : (
          <ul class="wave-list">
            {current.data.map((wave) => (
              <li key={wave.id}>
                <a href={wavePath(orgId, wave.id)} class="wave-link">
                  <strong>{wave.title}</strong>
                  <span class={`badge badge-${wave.status}`}>{t(`wave.status.${wave.status}`)}</span>
                </a>
                <span class="muted wave-meta">
                  {wave.status === 'closed' && wave.closedAt
                    ? t('wave.closedOn', { date: date(wave.closedAt) })
                    : wave.status === 'open' && wave.closesAt
                      ? t('wave.closesOn', { date: date(wave.closesAt) })
                      : wave.status === 'draft' && wave.opensAt
                        ? t('wave.opensOn', { date: date(wave.opensAt) })
                        : ''}
                </span>
              </li>
            ))}
          </ul>
        ))}
      {manager && teams.length > 0 && <NewWaveForm orgId={orgId} onCreated={reload} />}
    </section>
  );
}

/** Chosen until the list of published versions arrives, then the pulse's latest version. */
const DEFAULT_QUESTIONNAIRE = 'trust-os-pulse@1.0.0';

function NewWaveForm({ orgId, onCreated }: { orgId: string; onCreated: () => Promise<void> }) {
  const { t, explainLines } = useAppState().state;
  const problems = useSignal<string[]>([]);
  const waveTitle = useSignal('');
  const questionnaire = useSignal(DEFAULT_QUESTIONNAIRE);
  const closesAt = useSignal('');
  const opensAt = useSignal('');
  const reminderDays = useSignal('');
  const emailLocale = useSignal('');

  // Every published version, newest first, from the server: a version added to
  // survey-definitions/ is offered as soon as the server has published it.
  const catalog = useSignal<QuestionnaireSummary[] | null>(null);
  useEffect(() => {
    let current = true;
    api<QuestionnaireSummary[]>('/api/questionnaires')
      .then((list) => {
        if (!current) return;
        catalog.value = list;
        // The pulse's latest version, unless the consultant has already chosen.
        const [key] = questionnaire.value.split('@');
        const same = list.find((q) => q.key === key) ?? list[0];
        if (same && questionnaire.value === DEFAULT_QUESTIONNAIRE)
          questionnaire.value = `${same.key}@${same.latest}`;
      })
      .catch(() => {
        // Without the list the default stays the only choice; creating the wave says any problem.
      });
    return () => {
      current = false;
    };
  }, []);
  const choices = catalog.value?.flatMap((q) =>
    [...q.versions]
      .reverse()
      .map((version) => ({ value: `${q.key}@${version}`, label: `${q.title} ${version}` })),
  ) ?? [{ value: questionnaire.value, label: questionnaire.value.replace('@', ' ') }];

  const [questionnaireKey = '', questionnaireVersion = ''] = questionnaire.value.split('@');
  const languages = useQuestionnaireLanguages(questionnaireKey, questionnaireVersion);
  // The emails default to the questionnaire's own language until the consultant picks another.
  useEffect(() => {
    emailLocale.value = languages.value?.locale ?? '';
  }, [languages.value]);

  const { busy, create } = useCreate();

  async function createWave(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    problems.value = [];
    const days = parseReminderDays(reminderDays.value);
    if (!days.ok) {
      problems.value = [t(days.problem.key, days.problem.values)];
      return;
    }
    const opens = localInputToIso(opensAt.value);
    const closes = localInputToIso(closesAt.value);
    try {
      const created = await create(`/api/organizations/${orgId}/waves`, {
        title: waveTitle.value,
        questionnaire: { key: questionnaireKey, version: questionnaireVersion },
        ...(closes ? { closesAt: closes } : {}),
        ...(opens ? { opensAt: opens } : {}),
        ...(days.days.length > 0 ? { reminderDays: days.days } : {}),
        ...(emailLocale.value ? { locale: emailLocale.value } : {}),
      } satisfies NewWave);
      if (!created) return;
      waveTitle.value = '';
      opensAt.value = '';
      reminderDays.value = '';
      await onCreated();
    } catch (error) {
      problems.value = explainLines(error);
    }
  }

  return (
    <form class="inline-form" onSubmit={createWave}>
      <h3>{t('org.newWave')}</h3>
      <Problems problems={problems} />
      <label class="field">
        <span>{t('org.waveTitle')}</span>
        <input
          required
          maxLength={200}
          value={waveTitle.value}
          onInput={(e) => {
            waveTitle.value = e.currentTarget.value;
          }}
        />
      </label>
      <label class="field">
        <span>{t('org.questionnaire')}</span>
        <select
          value={questionnaire.value}
          onChange={(e) => {
            questionnaire.value = e.currentTarget.value;
          }}
        >
          {choices.map((choice) => (
            <option value={choice.value} key={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('org.closesAt')}</span>
        <input
          type="datetime-local"
          value={closesAt.value}
          onInput={(e) => {
            closesAt.value = e.currentTarget.value;
          }}
        />
      </label>
      <ScheduleFields
        idPrefix="new-wave"
        opensAt={opensAt}
        reminderDays={reminderDays}
        locale={emailLocale}
        locales={languages.value?.locales ?? []}
      />
      <button type="submit" class="primary" disabled={busy.value}>
        {t('org.createWave')}
      </button>
    </form>
  );
}
