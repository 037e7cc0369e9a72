import { type Signal, useComputed, useSignal } from '@preact/signals';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { NewAction } from '../../../../shared/contract/actions.ts';
import { bringIntoView } from '../../components/bring-into-view.ts';
import { useCreate } from '../../components/use-create.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useAppState } from '../../state/app-state.ts';
import { ACTION_LIMITS, fitToLength, stepProblems, stepsOf } from './action-limits.ts';
import { type Action, localDay } from './action-types.ts';
import './actions.css';

export interface ActionTarget {
  waveId: string;
  teamKey: string | null;
  teamName: string;
  dimension: string;
  dimensionName: string;
  recommendations: string[];
}

/**
 * The short form behind "Commit to an action": prefilled with the team, the dimension and the
 * dimension's recommendations as suggested steps, so committing takes a title, an owner and a date.
 * Once saved, it shows what was saved and can only be closed: pressing save again made a second
 * action, which later waves measured and employees read twice.
 */
export function ActionForm({ target, onClose }: { target: ActionTarget; onClose: () => void }) {
  const { t, explain, locale } = useAppState().state;
  // A team's name alone may take the whole length a title has: the suggestion is cut to fit.
  const title = useSignal(
    fitToLength(
      t('actions.titleDefault', { dimension: target.dimensionName, team: target.teamName }),
      ACTION_LIMITS.title,
    ),
  );
  const owner = useSignal('');
  const dueDate = useSignal(localDay(new Date(), 60));
  const steps = useSignal(target.recommendations.slice(0, 3).join('\n'));
  const message = useSignal('');
  const saved = useSignal(false);
  const { busy, create } = useCreate();
  const stepIssues = useComputed(() =>
    stepProblems(steps.value).map((problem) => t(problem.key, problem.values)),
  );
  const stepsNoteId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const said = useRef<HTMLParagraphElement>(null);

  // Opened from far up the report: brought into view, with the keyboard's place on its heading,
  // or "Commit to an action" looked as if it did nothing. Again when asked again for the same cell.
  useEffect(() => {
    if (heading.current) bringIntoView(heading.current);
  }, [target]);
  // Saving takes the save button away: the keyboard's place goes to what was said, not to the page.
  useEffect(() => {
    if (message.value) said.current?.focus();
  }, [message.value]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.value || saved.value) return;
    message.value = '';
    // Said beside the box already; sending would only bring the server's refusal of the same.
    if (stepIssues.value.length > 0) {
      message.value = stepIssues.value.join(' ');
      return;
    }
    try {
      const body = {
        teamKey: target.teamKey,
        dimension: target.dimension,
        title: title.value,
        owner: owner.value,
        dueDate: dueDate.value,
        steps: stepsOf(steps.value),
      } satisfies NewAction;
      const created = await create<Action>(`/api/waves/${target.waveId}/actions`, body);
      if (!created) return;
      saved.value = true;
      message.value = t('actions.created', {
        score: formatNumber(locale.value, created.baseline.score, 1),
        n: created.baseline.n,
      });
    } catch (error) {
      message.value = explain(error);
    }
  }

  return (
    <form class="card action-form" onSubmit={submit} aria-label={t('actions.commit')}>
      <h3 ref={heading} tabIndex={-1}>
        {t('actions.formTitle', { dimension: target.dimensionName, team: target.teamName })}
      </h3>
      <fieldset class="plain" disabled={saved.value}>
        <ActionFields title={title} owner={owner} dueDate={dueDate} />
        <label>
          {t('actions.steps')}
          <textarea
            rows={4}
            value={steps}
            aria-invalid={stepIssues.value.length > 0 ? 'true' : undefined}
            aria-describedby={stepIssues.value.length > 0 ? stepsNoteId : undefined}
            onInput={(e) => {
              steps.value = e.currentTarget.value;
            }}
          />
        </label>
        {stepIssues.value.length > 0 && (
          <ul class="notice" id={stepsNoteId}>
            {stepIssues.value.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        )}
        <p class="muted">{t('actions.suggested')}</p>
      </fieldset>
      <div class="row">
        {!saved.value && (
          <button type="submit" class="primary" disabled={busy.value}>
            {t('actions.create')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t(saved.value ? 'common.close' : 'common.cancel')}
        </button>
      </div>
      {message.value && (
        <p class={saved.value ? 'success' : 'notice'} role="status" tabIndex={-1} ref={said}>
          {message.value}
        </p>
      )}
    </form>
  );
}

/** What an action says it will do, who owns it and by when: as committed to, and as changed. */
export function ActionFields({
  title,
  owner,
  dueDate,
}: {
  title: Signal<string>;
  owner: Signal<string>;
  dueDate: Signal<string>;
}) {
  const { t } = useAppState().state;
  return (
    <>
      <label>
        {t('actions.titleLabel')}
        <input
          required
          maxLength={ACTION_LIMITS.title}
          value={title}
          onInput={(e) => {
            title.value = e.currentTarget.value;
          }}
        />
      </label>
      <label>
        {t('actions.owner')}
        <input
          required
          maxLength={ACTION_LIMITS.owner}
          name="owner"
          value={owner}
          onInput={(e) => {
            owner.value = e.currentTarget.value;
          }}
        />
      </label>
      <label>
        {t('actions.dueDate')}
        <input
          type="date"
          required
          value={dueDate}
          onInput={(e) => {
            dueDate.value = e.currentTarget.value;
          }}
        />
      </label>
    </>
  );
}
