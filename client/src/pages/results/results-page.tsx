import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { SharedResults } from '../../../../shared/contract/shared-results.ts';
import { ApiError, api } from '../../api.ts';
import { busyDelayMs, isBusy } from '../../busy-retry.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { useAppState } from '../../state/app-state.ts';
import './results.css';

type SharedGroup = NonNullable<SharedResults['team']['published']>;

function ScoreBars({ group, results }: { group: SharedGroup; results: SharedResults }) {
  const { t, locale } = useAppState().state;
  return (
    <ul class="score-bars">
      {results.dimensions.map((dimension) => {
        const figure = group.dimensions[dimension.id];
        return (
          <li key={dimension.id}>
            <span>{dimension.name}</span>
            <span class="score-value">{figure ? formatNumber(locale.value, figure.score, 1) : '—'}</span>
            <span class="score-bar" aria-hidden="true">
              <span style={{ width: `${figure?.score ?? 0}%` }} />
            </span>
            {!figure && <span class="muted">{t('results.hiddenCell')}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * What leaders committed to, as the team reads it. The page has no action's id (the link shows no
 * more than it must), and two actions may share a title and a due date, so each is keyed by its
 * place in the list, which the page never reorders.
 */
export function SharedActionList({
  actions,
  teamName,
}: {
  actions: SharedResults['actions'];
  teamName: string;
}) {
  const { t, locale } = useAppState().state;
  return (
    <ul class="plain">
      {actions.map((action, index) => (
        <li key={index}>
          <strong>{action.title}</strong>{' '}
          <span class={`status-badge status-${action.status}`}>{t(`actions.status.${action.status}`)}</span>
          <p class="muted">
            {action.teamKey === null ? t('results.organization') : teamName} · {action.dimensionName} ·{' '}
            {t('actions.ownerIs', { owner: action.owner })} ·{' '}
            {t('actions.due', { date: formatDate(locale.value, action.dueDate) })}
          </p>
        </li>
      ))}
    </ul>
  );
}

/**
 * What a team's employees see of a closed wave, through the link their leader shared: the
 * organization's published scores, their team's own when the report publishes them, and what
 * leaders committed to. Every figure comes from the server, which cuts it from the wave's one
 * report (R1–R3); no comment is ever sent here.
 */
export function ResultsPage({ token }: { token: string }) {
  const { state, actions } = useAppState();
  const { t, explain, locale } = state;
  const results = useSignal<SharedResults | null>(null);
  const problem = useSignal('');
  /** Said while the page waits to ask again: the server was busy, or the connection dropped. */
  const waiting = useSignal('');

  // Read again in each language chosen. An answer for a language left behind, or for a load this
  // one replaced, is dropped. A busy server (an all-hands opening its link at once) or a lost
  // connection is waited out and asked again, as the survey does, while what is on screen stays;
  // only the server's own refusal (a withdrawn link) is a problem to show, and it goes once a
  // later read succeeds.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const load = () => {
      api<SharedResults>(`/api/shared/${encodeURIComponent(token)}?locale=${state.locale.value}`)
        .then((data) => {
          if (stopped) return;
          results.value = data;
          problem.value = '';
          waiting.value = '';
          document.title = t('results.title', { wave: data.wave.title });
        })
        .catch((error: unknown) => {
          if (stopped) return;
          const answered = error instanceof ApiError;
          if (answered && !isBusy(error.status)) {
            waiting.value = '';
            problem.value = explain(error);
            return;
          }
          attempt += 1;
          waiting.value = t(answered ? 'results.busy' : 'results.offline');
          const retryAfter = answered ? error.retryAfter : null;
          timer = setTimeout(load, busyDelayMs(retryAfter, attempt, Date.now(), Math.random()));
        });
    };
    load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token, state.locale.value]);

  const data = results.value;
  return (
    <main class="results">
      <div class="results-head">
        <h1>{data ? t('results.title', { wave: data.wave.title }) : t('app.name')}</h1>
        <LanguageSwitch value={state.locale.value} onChange={actions.setLocale} />
      </div>
      {problem.value && (
        <p class="notice" role="alert">
          {problem.value}
        </p>
      )}
      {waiting.value && !problem.value && (
        <p class="notice" role="status">
          {waiting.value}
        </p>
      )}
      {!data && !problem.value && !waiting.value && <p>{t('common.loading')}</p>}
      {data && (
        <>
          <p class="muted">{t('results.anonymity', { k: data.anonymityThreshold })}</p>
          <section class="card">
            <h2>
              {t('results.organization')} · {data.organization.name}
            </h2>
            {data.organization.published && (
              <>
                <p class="muted">{t('results.trustIndex')}</p>
                <p class="big">
                  {data.organization.published.trustIndex === null
                    ? '—'
                    : formatNumber(locale.value, data.organization.published.trustIndex, 1)}
                </p>
                {data.organization.published.n !== null && (
                  <p class="muted">{t('results.respondents', { n: data.organization.published.n })}</p>
                )}
                <ScoreBars group={data.organization.published} results={data} />
              </>
            )}
          </section>
          <section class="card">
            <h2>{t('results.team', { team: data.team.name })}</h2>
            {data.team.published ? (
              <>
                <p class="muted">{t('results.trustIndex')}</p>
                <p class="big">
                  {data.team.published.trustIndex === null
                    ? '—'
                    : formatNumber(locale.value, data.team.published.trustIndex, 1)}
                </p>
                {data.team.published.n !== null && (
                  <p class="muted">{t('results.respondents', { n: data.team.published.n })}</p>
                )}
                <ScoreBars group={data.team.published} results={data} />
              </>
            ) : (
              <p>{t('results.teamHidden', { k: data.anonymityThreshold })}</p>
            )}
          </section>
          <section class="card">
            <h2>{t('results.actions')}</h2>
            {data.actions.length === 0 && <p class="muted">{t('results.noActions')}</p>}
            <SharedActionList actions={data.actions} teamName={data.team.name} />
          </section>
        </>
      )}
    </main>
  );
}
