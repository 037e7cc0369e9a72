import { useSignal } from '@preact/signals';
import { useLocation } from 'preact-iso';
import type { OrganizationView } from '../../../../shared/contract/organizations.ts';
import type { TeamList } from '../../../../shared/contract/teams.ts';
import { api } from '../../api.ts';
import { LoadState } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useResource } from '../../components/resource.ts';
import { type Tab, Tabs } from '../../components/tabs.tsx';
import { useAppState } from '../../state/app-state.ts';
import { AuditTab } from './audit-log.tsx';
import { PeopleTab } from './people-tab.tsx';
import { TeamsTab } from './teams-tab.tsx';
import { WavesTab } from './waves-tab.tsx';

const ALL_TABS = ['waves', 'teams', 'people', 'audit'] as const;
type TabId = (typeof ALL_TABS)[number];

/**
 * Whether this person runs the organization (consultant or administrator), not only reads it. Told
 * by the organization as just loaded, not by the memberships read at sign-in: an organization made
 * a moment ago, or a role granted since, is run at once.
 */
export const runs = (org: OrganizationView): boolean => org.viewerRole !== 'leader';

/**
 * One client organization, in tabs: its waves, its teams, the people with access and the audit
 * log (the last two for those who run it). The tab is in the address (`?tab=teams`), so a reload
 * or a link keeps the place.
 */
export function OrganizationPage({ orgId }: { orgId: string }) {
  const { state } = useAppState();
  const { t } = state;
  const { query, route } = useLocation();
  const message = useSignal('');
  const { resource, reload, refresh } = useResource(async () => {
    const [org, { teams }] = await Promise.all([
      api<OrganizationView>(`/api/organizations/${orgId}`),
      api<TeamList>(`/api/organizations/${orgId}/teams`),
    ]);
    return { org, teams };
  }, `${orgId} ${state.user.value?.id}`);

  const current = resource.value;
  const manager = current.status === 'ready' && runs(current.data.org);
  const tabs: Tab[] = (manager ? ALL_TABS : (['waves', 'teams'] as const)).map((id) => ({
    id,
    label: t(`org.tab.${id}`),
  }));
  const requested = query.tab as TabId | undefined;
  const active = tabs.some((tab) => tab.id === requested) ? requested! : 'waves';
  const select = (id: string) => {
    message.value = '';
    route(id === 'waves' ? `/console/${orgId}` : `/console/${orgId}?tab=${id}`, true);
  };

  const title = current.status === 'ready' ? current.data.org.name : t('console.title');
  return (
    <PageFrame title={title}>
      <LoadState
        resource={current}
        missing="state.noOrganization"
        back={{ href: '/console', label: 'state.backToOrganizations' }}
        onRetry={reload}
      >
        {({ org, teams }) => (
          <>
            <nav class="breadcrumb" aria-label={t('nav.breadcrumb')}>
              <a href="/console">{t('nav.organizations')}</a>
              <span aria-hidden="true"> › </span>
              <span aria-current="page">{org.name}</span>
            </nav>
            <div class="page-heading">
              <h1>{org.name}</h1>
              <a class="button" href={`/console/${orgId}/actions`}>
                {t('actions.page')}
              </a>
            </div>
            <p class="muted">{t('org.threshold', { k: org.anonymityThreshold })}</p>
            {message.value && (
              <p class="success" role="status">
                {message.value}
              </p>
            )}
            <Tabs idPrefix="org" label={t('org.sections')} tabs={tabs} active={active} onSelect={select}>
              {active === 'waves' && (
                <WavesTab orgId={orgId} teams={teams} manager={manager} onGoToTeams={() => select('teams')} />
              )}
              {active === 'teams' && (
                <TeamsTab
                  orgId={orgId}
                  teams={teams}
                  manager={manager}
                  onSaved={async (count) => {
                    // A quiet look: the teams are saved, and that is said even if the page cannot
                    // show them yet, rather than the page giving way to a failure to load.
                    await refresh();
                    message.value = t('org.teamsSaved', { count });
                  }}
                />
              )}
              {active === 'people' && manager && (
                <PeopleTab orgId={orgId} teams={teams} onOwnAccessChanged={reload} />
              )}
              {active === 'audit' && manager && <AuditTab orgId={orgId} teams={teams} />}
            </Tabs>
          </>
        )}
      </LoadState>
    </PageFrame>
  );
}
