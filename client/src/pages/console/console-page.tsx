import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError, api } from '../../api.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { useAppState } from '../../state/app-state.ts';
import { AccountsPanel } from './accounts-panel.tsx';

interface Organization {
  id: string;
  name: string;
  anonymityThreshold: number;
}

export function ConsolePage() {
  const { state } = useAppState();
  const { t } = state;
  const organizations = useSignal<Organization[] | null>(null);
  const name = useSignal('');
  const threshold = useSignal(5);
  const problem = useSignal('');

  const load = () =>
    api<Organization[]>('/api/organizations').then((list) => {
      organizations.value = list;
    });
  useEffect(() => {
    if (state.user.value) void load();
  }, [state.user.value]);

  async function create(event: Event) {
    event.preventDefault();
    problem.value = '';
    try {
      await api('/api/organizations', {
        method: 'POST',
        body: { name: name.value, anonymityThreshold: threshold.value },
      });
      name.value = '';
      await load();
    } catch (error) {
      problem.value = error instanceof ApiError ? error.message : t('common.error');
    }
  }

  const user = state.user.value;
  return (
    <PageFrame title={t('console.title')}>
      <h1>{t('console.title')}</h1>
      {organizations.value === null ? (
        <p>{t('common.loading')}</p>
      ) : organizations.value.length === 0 ? (
        <p class="muted">{t('console.empty')}</p>
      ) : (
        <ul class="cards">
          {organizations.value.map((org) => (
            <li class="card" key={org.id}>
              <a href={`/console/${org.id}`}>{org.name}</a>
              <span class="muted"> · k = {org.anonymityThreshold}</span>
            </li>
          ))}
        </ul>
      )}
      {(user?.isAdmin || user?.canCreateOrganizations) && (
        <form class="card" onSubmit={create}>
          <h2>{t('console.create')}</h2>
          <label class="field">
            <span>{t('console.name')}</span>
            <input
              required
              maxLength={200}
              value={name.value}
              onInput={(e) => {
                name.value = e.currentTarget.value;
              }}
            />
          </label>
          <label class="field">
            <span>{t('console.threshold')}</span>
            <small class="muted">{t('console.thresholdHelp')}</small>
            <input
              type="number"
              min={3}
              max={100}
              value={threshold.value}
              onInput={(e) => {
                threshold.value = Number(e.currentTarget.value);
              }}
            />
          </label>
          {problem.value && (
            <p class="notice" role="alert">
              {problem.value}
            </p>
          )}
          <button type="submit" class="primary">
            {t('console.create')}
          </button>
        </form>
      )}
      {user?.isAdmin && <AccountsPanel />}
    </PageFrame>
  );
}
