import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ActionChange } from '../../../../shared/contract/actions.ts';
import type { Questionnaire, QuestionnaireSummary } from '../../../../shared/contract/questionnaires.ts';
import { ApiError, api } from '../../api.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { useAppState } from '../../state/app-state.ts';
import { ActionFields } from './action-form.tsx';
import { ACTION_LIMITS } from './action-limits.ts';
import { type Action, type ActionStatus, isOverdue, mayActOn, STATUSES, today } from './action-types.ts';
import { checkInText } from './check-in-text.ts';
import { outcomeTextWithWave } from './outcome-text.ts';
import './actions.css';

/**
 * What the page says beside one action: that a change was saved, or that someone else changed it
 * meanwhile (`error`, the refusal that said so, or a failure to read the list again). Put in words
 * as it is shown, so a change of language after it changes its words too.
 */
export type ActionNotice = { id: string; kind: 'saved' } | { id: string; kind: 'stale'; error: unknown };

/**
 * One action: where it started, its latest measure, and a check-in (status and note), with its
 * title, owner and due date to change. Its team is named as the action's own wave named it
 * (`teamName`). A change names the revision it was made against: when someone else changed the
 * action meanwhile, the page shows it as it is now (`onStale`) and says so, rather than overwrite
 * their change unseen.
 *
 * The form starts again from each new revision (saved here, or found changed meanwhile). A new
 * status moves the action to another section, where it is a new element: the page's notice says
 * what happened, and the keyboard's place goes to it there rather than to the page.
 */
export function ActionItem({
  action,
  names,
  notice,
  onSaving,
  onChange,
  onStale,
}: {
  action: Action;
  names: Names;
  notice: ActionNotice | null;
  /** A save of this action begins: what the page said of the last one no longer holds. */
  onSaving: (id: string) => void;
  onChange: (next: Action) => void;
  onStale: (id: string, error: unknown) => void;
}) {
  const { t, explain, locale, user } = useAppState().state;
  const status = useSignal<ActionStatus>(action.status);
  const note = useSignal('');
  const title = useSignal(action.title);
  const owner = useSignal(action.owner);
  const dueDate = useSignal(action.dueDate);
  const problem = useSignal('');
  const busy = useSignal(false);
  const said = useRef<HTMLParagraphElement>(null);
  const edit = useRef<HTMLDetailsElement>(null);

  // A key by revision used to do this by remounting, which sent the keyboard's place to the page.
  useEffect(() => {
    status.value = action.status;
    note.value = '';
    title.value = action.title;
    owner.value = action.owner;
    dueDate.value = action.dueDate;
    // Folded again once saved: the item then shows the title, owner and date it now has.
    if (edit.current) edit.current.open = false;
  }, [action.revision]);
  useEffect(() => {
    if (notice) said.current?.focus();
  }, [notice]);

  async function save(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    problem.value = '';
    onSaving(action.id);
    const changed = (value: string, was: string) => value.trim() !== was;
    const body = {
      ...(status.value !== action.status ? { status: status.value } : {}),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
      ...(changed(title.value, action.title) ? { title: title.value.trim() } : {}),
      ...(changed(owner.value, action.owner) ? { owner: owner.value.trim() } : {}),
      ...(dueDate.value !== action.dueDate ? { dueDate: dueDate.value } : {}),
      revision: action.revision,
    } satisfies ActionChange;
    busy.value = true;
    try {
      const saved = await api<Action>(`/api/actions/${action.id}`, { method: 'PATCH', body });
      // Folded as it is saved, before the item shows what it now says.
      if (edit.current) edit.current.open = false;
      onChange(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) onStale(action.id, error);
      else problem.value = explain(error);
    } finally {
      busy.value = false;
    }
  }

  return (
    <li>
      {/* A heading, so that each action's check-ins below are found under its name. */}
      <h3 class="action-title">{action.title}</h3>{' '}
      {isOverdue(action, today()) && <span class="overdue">{t('actions.overdue')}</span>}
      <p class="muted">
        {action.teamName ?? t('actions.organization')} ·{' '}
        {names.dimensions.get(action.dimension) ?? action.dimension} ·{' '}
        {t('actions.ownerIs', { owner: action.owner })} ·{' '}
        {t('actions.due', { date: formatDate(locale.value, action.dueDate) })}
      </p>
      <p>
        {t('actions.baseline', {
          score: formatNumber(locale.value, action.baseline.score, 1),
          n: action.baseline.n,
          wave: action.waveTitle,
        })}
        <br />
        {outcomeTextWithWave(action, t, locale.value)}
      </p>
      {action.steps.length > 0 && (
        <ul>
          {/* By place: two steps may say the same thing, and the list is never reordered. */}
          {action.steps.map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ul>
      )}
      {action.checkIns.length > 0 && (
        // A list of its own, named: right under the steps, unnamed, it read as their last one.
        // Not a landmark: one per action would make many regions of one name.
        <div class="check-ins">
          <h4>{t('actions.checkIns')}</h4>
          <ul class="muted">
            {action.checkIns.map((c) => (
              <li key={c.at}>{checkInText(c, t, locale.value)}</li>
            ))}
          </ul>
        </div>
      )}
      {notice && (
        <p class={notice.kind === 'saved' ? 'success' : 'notice'} role="status" tabIndex={-1} ref={said}>
          {notice.kind === 'saved' ? t('actions.saved') : explain(notice.error)}
        </p>
      )}
      {mayActOn(user.value, action.organizationId, action.teamKey) && (
        <form class="action-change" onSubmit={save}>
          <details ref={edit}>
            <summary>{t('actions.edit')}</summary>
            <ActionFields title={title} owner={owner} dueDate={dueDate} />
          </details>
          <div class="row">
            <label>
              <span class="visually-hidden">{t('actions.statusLabel')}</span>
              <select
                value={status.value}
                onChange={(e) => {
                  status.value = e.currentTarget.value as ActionStatus;
                }}
              >
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`actions.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <input
              aria-label={t('actions.note')}
              placeholder={t('actions.note')}
              maxLength={ACTION_LIMITS.note}
              value={note}
              onInput={(e) => {
                note.value = e.currentTarget.value;
              }}
            />
            <button type="submit" disabled={busy.value}>
              {t('actions.save')}
            </button>
          </div>
        </form>
      )}
      {problem.value && (
        <p class="notice" role="alert">
          {problem.value}
        </p>
      )}
    </li>
  );
}

/**
 * Dimension names, so an action reads as the report does rather than by its ids. Its team comes
 * named with it (`teamName`), as its own wave called it: today's teams, cut to today's part of the
 * organization, lack one a later wave did not ask or one moved since.
 */
export interface Names {
  dimensions: ReadonlyMap<string, string>;
}

async function loadNames(locale: string): Promise<Names> {
  const questionnaires = await api<QuestionnaireSummary[]>('/api/questionnaires');
  // Dimension ids are the same across questionnaires and versions; their names come in this locale.
  const definitions = await Promise.all(
    questionnaires.map((q) =>
      api<Questionnaire>(`/api/questionnaires/${q.key}/versions/${q.latest}?locale=${locale}`),
    ),
  );
  return {
    dimensions: new Map(definitions.flatMap((d) => d.dimensions.map((dim) => [dim.id, dim.name] as const))),
  };
}

/** An organization's actions, grouped by status, each group by due date, overdue ones marked. */
export function ActionsPage({ orgId }: { orgId: string }) {
  const { state } = useAppState();
  const { t, explain } = state;
  const actions = useSignal<Action[] | null>(null);
  const names = useSignal<Names>({ dimensions: new Map() });
  const problem = useSignal('');

  useEffect(() => {
    if (!state.user.value) return;
    // Names only make the list friendlier: without them it shows ids, so a failure here is quiet.
    loadNames(state.locale.value)
      .then((loaded) => {
        names.value = loaded;
      })
      .catch(() => undefined);
  }, [state.user.value, state.locale.value]);

  useEffect(() => {
    if (!state.user.value) return;
    api<Action[]>(`/api/organizations/${orgId}/actions`)
      .then((list) => {
        actions.value = list;
      })
      .catch((error: unknown) => {
        problem.value = explain(error);
      });
  }, [orgId, state.user.value]);

  /** What to tell the reader beside one action. */
  const notice = useSignal<ActionNotice | null>(null);

  const replace = (next: Action) => {
    actions.value = (actions.value ?? []).map((a) => (a.id === next.id ? next : a));
    notice.value = { id: next.id, kind: 'saved' };
  };

  /** Someone changed an action meanwhile: the page reads the list again, and says why. */
  const refresh = (id: string, refusal: unknown) => {
    api<Action[]>(`/api/organizations/${orgId}/actions`)
      .then((list) => {
        actions.value = list;
        notice.value = { id, kind: 'stale', error: refusal };
      })
      .catch((error: unknown) => {
        notice.value = { id, kind: 'stale', error };
      });
  };
  const saving = (id: string) => {
    if (notice.value?.id === id) notice.value = null;
  };

  return (
    <PageFrame title={t('actions.page')}>
      <h1>{t('actions.page')}</h1>
      <p class="muted">{t('actions.pageHelp')}</p>
      {problem.value && (
        <div class="notice" role="alert">
          <p>{problem.value}</p>
          <p>
            <a href={`/console/${orgId}`}>{t('state.backToOrganization')}</a>
          </p>
        </div>
      )}
      {actions.value === null && !problem.value && <p>{t('common.loading')}</p>}
      {actions.value?.length === 0 && <p>{t('actions.empty')}</p>}
      {STATUSES.map((status) => {
        const inStatus = (actions.value ?? [])
          .filter((a) => a.status === status)
          .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
        if (inStatus.length === 0) return null;
        return (
          <section class="card" key={status}>
            <h2>
              {t(`actions.status.${status}`)} ({formatNumber(state.locale.value, inStatus.length)})
            </h2>
            <ul class="action-list">
              {inStatus.map((action) => (
                <ActionItem
                  key={action.id}
                  action={action}
                  names={names.value}
                  notice={notice.value?.id === action.id ? notice.value : null}
                  onSaving={saving}
                  onChange={replace}
                  onStale={refresh}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </PageFrame>
  );
}
