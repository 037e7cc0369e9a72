import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Account, AccountChange } from '../../../../shared/contract/accounts.ts';
import { api } from '../../api.ts';
import { useAppState } from '../../state/app-state.ts';

/**
 * For administrators: who may create organizations. The right is given and taken back only here,
 * never by a membership (issue 12).
 */
export function AccountsPanel() {
  const { state } = useAppState();
  const { t, explain } = state;
  const accounts = useSignal<Account[]>([]);
  const problem = useSignal('');

  const load = async () => {
    accounts.value = await api<Account[]>('/api/accounts');
  };
  useEffect(() => {
    void load();
  }, []);

  async function setAllowed(account: Account, allowed: boolean) {
    problem.value = '';
    try {
      const updated = await api<Account>(`/api/accounts/${account.id}`, {
        method: 'PATCH',
        body: { canCreateOrganizations: allowed } satisfies AccountChange,
      });
      accounts.value = accounts.value.map((a) => (a.id === updated.id ? updated : a));
    } catch (error) {
      problem.value = explain(error);
    }
  }

  return (
    <section class="card">
      <h2>{t('console.accounts')}</h2>
      <p class="muted">{t('console.accountsHelp')}</p>
      {problem.value && (
        <p class="notice" role="alert">
          {problem.value}
        </p>
      )}
      <table class="data">
        <tbody>
          {accounts.value.map((account) => (
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
                    <input
                      type="checkbox"
                      checked={account.canCreateOrganizations}
                      onChange={(e) => setAllowed(account, e.currentTarget.checked)}
                    />{' '}
                    {t('console.canCreate')}
                  </label>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
