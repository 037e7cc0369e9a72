import { useSignal } from '@preact/signals';
import { useLocation } from 'preact-iso';
import { ApiError, api } from '../api.ts';
import { PageFrame } from '../components/page-frame.tsx';
import { type User, useAppState } from '../state/app-state.ts';

export function AcceptInvitePage({ token }: { token: string }) {
  const { state, actions } = useAppState();
  const { route } = useLocation();
  const password = useSignal('');
  const problem = useSignal('');

  async function submit(event: Event) {
    event.preventDefault();
    try {
      const { user } = await api<{ user: User }>('/api/auth/accept-invite', {
        method: 'POST',
        body: { token, password: password.value },
      });
      actions.setUser(user);
      route('/console');
    } catch (error) {
      problem.value = error instanceof ApiError ? error.message : state.t('common.error');
    }
  }

  return (
    <PageFrame title={state.t('auth.invite.title')} requireUser={false}>
      <form class="card narrow" onSubmit={submit}>
        <h1>{state.t('auth.invite.title')}</h1>
        <p class="muted">{state.t('auth.invite.help')}</p>
        <label class="field">
          <span>{state.t('auth.password')}</span>
          <input
            type="password"
            autocomplete="new-password"
            minLength={12}
            maxLength={256}
            required
            value={password.value}
            onInput={(e) => {
              password.value = e.currentTarget.value;
            }}
          />
        </label>
        {problem.value && (
          <p class="notice" role="alert">
            {problem.value}
          </p>
        )}
        <button type="submit" class="primary">
          {state.t('auth.invite.submit')}
        </button>
      </form>
    </PageFrame>
  );
}
