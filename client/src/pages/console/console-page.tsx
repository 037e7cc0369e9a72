import { useSignal } from '@preact/signals';
import type { LatestWave } from '../../../../shared/contract/latest-wave.ts';
import type { NewOrganization, Organization } from '../../../../shared/contract/organizations.ts';
import { api } from '../../api.ts';
import { LoadState } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { Problems } from '../../components/problems.tsx';
import { useResource } from '../../components/resource.ts';
import { useCreate } from '../../components/use-create.ts';
import { useAppState } from '../../state/app-state.ts';
import { AccountsPanel } from './accounts-panel.tsx';
import { percent } from './progress-figures.ts';
import { wavePath } from './waves-tab.tsx';

/** Every organization this person can see, each with its newest wave and how many have answered. */
export function ConsolePage() {
  const { state } = useAppState();
  const { t } = state;
  const user = state.user.value;
  const canCreate = Boolean(user?.isAdmin || user?.canCreateOrganizations);
  const { resource, reload } = useResource(
    () => api<Organization[]>('/api/organizations'),
    String(state.user.value?.id),
  );
  return (
    <PageFrame title={t('console.title')}>
      <h1>{t('console.title')}</h1>
      <LoadState
        resource={resource.value}
        missing="state.noOrganization"
        back={{ href: '/', label: 'state.backHome' }}
        onRetry={reload}
      >
        {(organizations) =>
          organizations.length === 0 ? (
            <p class="card empty-state">{t(canCreate ? 'console.emptyCreate' : 'console.emptyInvited')}</p>
          ) : (
            <ul class="cards org-list">
              {organizations.map((org) => (
                <OrganizationCard key={org.id} org={org} />
              ))}
            </ul>
          )
        }
      </LoadState>
      {canCreate && <NewOrganizationForm onCreated={reload} />}
      {user?.isAdmin && <AccountsPanel />}
    </PageFrame>
  );
}

function OrganizationCard({ org }: { org: Organization }) {
  const { t, locale } = useAppState().state;
  const { resource } = useResource(() => api<LatestWave>(`/api/organizations/${org.id}/latest-wave`), org.id);
  const latest = resource.value;
  return (
    <li class="card org-card">
      <h2>
        <a href={`/console/${org.id}`}>{org.name}</a>
      </h2>
      <p class="muted">{t('org.threshold', { k: org.anonymityThreshold })}</p>
      {latest.status === 'ready' &&
        (latest.data.wave ? (
          <p class="latest-wave">
            <span class="muted">{t('console.latestWave')}</span>{' '}
            <a href={wavePath(org.id, latest.data.wave.id)}>{latest.data.wave.title}</a>{' '}
            <span class={`badge badge-${latest.data.wave.status}`}>
              {t(`wave.status.${latest.data.wave.status}`)}
            </span>{' '}
            <span class="rate">
              {latest.data.participation === null
                ? t('console.rateHidden')
                : latest.data.participation.rate === null
                  ? t('console.responses', { responses: latest.data.participation.responses })
                  : t('console.rate', {
                      rate: percent(latest.data.participation.rate, locale.value),
                      responses: latest.data.participation.responses,
                      headcount: latest.data.participation.headcount ?? 0,
                    })}
            </span>
          </p>
        ) : (
          <p class="muted">{t('console.noWave')}</p>
        ))}
      {(latest.status === 'failed' || latest.status === 'missing') && (
        <p class="muted">{t('console.latestUnavailable')}</p>
      )}
    </li>
  );
}

function NewOrganizationForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const { t, explainLines } = useAppState().state;
  const name = useSignal('');
  const threshold = useSignal(5);
  const problems = useSignal<string[]>([]);

  const { busy, create } = useCreate();

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    problems.value = [];
    try {
      const body = { name: name.value, anonymityThreshold: threshold.value } satisfies NewOrganization;
      if (!(await create('/api/organizations', body))) return;
      name.value = '';
      await onCreated();
    } catch (error) {
      problems.value = explainLines(error);
    }
  }

  return (
    <form class="card" onSubmit={submit}>
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
      <Problems problems={problems} />
      <button type="submit" class="primary" disabled={busy.value}>
        {t('console.create')}
      </button>
    </form>
  );
}
