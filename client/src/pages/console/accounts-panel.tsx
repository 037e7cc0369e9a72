import { useSignal } from '@preact/signals';
import type { Account, AccountChange } from '../../../../shared/contract/accounts.ts';
import { api } from '../../api.ts';
import { PartState } from '../../components/load-state.tsx';
import { useResource } from '../../components/resource.ts';
import { useAppState } from '../../state/app-state.ts';

/**
 * For administrators: who may create organizations. The right is given and taken back only here,
 * never by a membership (issue 12).
 */
export function AccountsPanel() {
  const { state } = useAppState();
  const { t, explain } = state;
  // A list that failed to load says so, with a retry: an empty table would read as nobody at all.
  const { resource, reload } = useResource(() => api<Account[]>('/api/accounts'), 'accounts');
  const problem = useSignal('');

  async function setAllowed(account: Account, allowed: boolean) {
    problem.value = '';
    try {
      const updated = await api<Account>(`/api/accounts/${account.id}`, {
        method: 'PATCH',
        body: { canCreateOrganizations: allowed } satisfies AccountChange,
      });
      const shown = resource.value;
      if (shown.status === 'ready')
        resource.value = {
          status: 'ready',
          data: shown.data.map((a) => (a.id === updated.id ? updated : a)),
        };
    } catch (error) {
      problem.value = explain(error);
    }
  }

  const current = resource.value;
  return (
    <section class="card">
      <h2>{t('console.accounts')}</h2>
      <p class="muted">{t('console.accountsHelp')}</p>
      {problem.value && (
        <p class="notice" role="alert">
          {problem.value}
        </p>
      )}
      <PartState resource={current} onRetry={reload} />
      {current.status === 'ready' && (
        <table class="data">
          <tbody>
            {current.data.map((account) => (
              <tr key={account.id}>
                <td>
                  {account.email}
                  {!account.active && <span class="muted"> · {t('console.notActive')}</span>}
                </td>
                <td>
                  {account.isAdmin ? (
                    t('console.admin')
                  ) : (
                    <label>
                      {/* Given once its owner has chosen a password (server/db/accounts.ts); one
                          given before can still be taken back. */}
                      <input
                        type="checkbox"
                        checked={account.canCreateOrganizations}
                        disabled={!account.active && !account.canCreateOrganizations}
                        onChange={(e) => setAllowed(account, e.currentTarget.checked)}
                      />{' '}
                      {t('console.canCreate')}
                      {!account.active && !account.canCreateOrganizations && (
                        <span class="muted"> · {t('console.grantOnceActive')}</span>
                      )}
                    </label>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
