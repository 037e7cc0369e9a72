import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { SharedLinks } from '../../../../shared/contract/shared-results.ts';
import { api } from '../../api.ts';
import { useConfirm } from '../../components/confirm-dialog.tsx';
import { withdrawSharedLinks } from '../../components/confirmations.ts';
import { useAppState } from '../../state/app-state.ts';

type Link = SharedLinks['links'][number];

/** Publishes a closed wave's results to employees: one read-only link per team, revocable. */
export function SharePanel({ waveId }: { waveId: string }) {
  const { t, explain } = useAppState().state;
  /** The links already out, read when the panel shows: they can be seen, and withdrawn, without sharing again. */
  const links = useSignal<Link[] | null>(null);
  const problem = useSignal('');
  const { ask, dialog } = useConfirm();

  /** Counts the panel's calls: an answer to one that was overtaken (another wave, a click) is dropped. */
  const calls = useRef(0);

  useEffect(() => {
    // Another wave's links, and its problem, are not this one's.
    links.value = null;
    problem.value = '';
    const call = ++calls.current;
    api<SharedLinks>(`/api/waves/${waveId}/share`)
      .then((answer) => {
        if (call !== calls.current) return;
        links.value = answer.links;
        problem.value = '';
      })
      .catch((error: unknown) => {
        if (call === calls.current) problem.value = explain(error);
      });
  }, [waveId]);

  async function run(method: 'POST' | 'DELETE') {
    // Withdrawing breaks links people may already have bookmarked: say so before it happens.
    if (method === 'DELETE' && !(await ask(withdrawSharedLinks(links.value?.length ?? 0)))) return;
    ++calls.current;
    problem.value = '';
    try {
      const answer = await api<SharedLinks | undefined>(`/api/waves/${waveId}/share`, { method });
      links.value = answer?.links ?? [];
    } catch (error) {
      problem.value = explain(error);
    }
  }

  const shown = links.value ?? [];

  return (
    <section class="card share no-print">
      <h2>{t('share.title')}</h2>
      <p class="muted">{t('share.help')}</p>
      <div class="row">
        <button type="button" onClick={() => run('POST')}>
          {t('share.create')}
        </button>
        {shown.length > 0 && (
          <button type="button" onClick={() => run('DELETE')}>
            {t('share.revoke')}
          </button>
        )}
      </div>
      {problem.value && (
        <p class="notice" role="alert">
          {problem.value}
        </p>
      )}
      {shown.length > 0 && (
        <table class="data">
          <tbody>
            {shown.map((link) => (
              <tr key={link.teamKey}>
                <th scope="row">{link.teamName}</th>
                <td>
                  <a href={link.url}>{link.url}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog}
    </section>
  );
}
