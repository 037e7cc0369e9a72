import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError } from '../api.ts';
import { PageFrame } from '../components/page-frame.tsx';
import { useAppState } from '../state/app-state.ts';

/** Sign in, then go where this person works: the console, or straight to their organization. */
export function HomePage() {
  const { state, actions } = useAppState();
  const { route } = useLocation();
  const email = useSignal('');
  const password = useSignal('');
  const problem = useSignal('');
  const busy = useSignal(false);

  useEffect(() => {
    if (state.user.value) route('/console', true);
  }, [state.user.value]);

  async function submit(event: Event) {
    event.preventDefault();
    busy.value = true;
    problem.value = '';
    try {
      await actions.signIn(email.value, password.value);
    } catch (error) {
      problem.value = error instanceof ApiError ? error.message : state.t('common.error');
    } finally {
      busy.value = false;
    }
  }

  return (
    <PageFrame title={state.t('auth.title')} requireUser={false}>
      <section class="card narrow">
        <h1>{state.t('app.name')}</h1>
        <p class="muted">{state.t('app.tagline')}</p>
        <form onSubmit={submit}>
          <h2>{state.t('auth.title')}</h2>
          <label class="field">
            <span>{state.t('auth.email')}</span>
            <input
              type="email"
              name="email"
              autocomplete="username"
              required
              value={email.value}
              onInput={(e) => {
                email.value = e.currentTarget.value;
              }}
            />
          </label>
          <label class="field">
            <span>{state.t('auth.password')}</span>
            <input
              type="password"
              name="password"
              autocomplete="current-password"
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
          <button type="submit" class="primary" disabled={busy.value}>
            {state.t('auth.submit')}
          </button>
        </form>
      </section>
    </PageFrame>
  );
}
