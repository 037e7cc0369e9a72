import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { PageFrame } from '../components/page-frame.tsx';
import { landingPath } from '../navigation/landing.ts';
import { safeNextPath } from '../navigation/next-path.ts';
import { useAppState } from '../state/app-state.ts';

/**
 * Sign in, then go back to the page that was asked for (`?next=`, a path on this site only), or
 * else where this person works: a leader's newest report, or the list of organizations.
 */
export function HomePage() {
  const { state, actions } = useAppState();
  const { route, query } = useLocation();
  const email = useSignal('');
  const password = useSignal('');
  const problem = useSignal('');
  const busy = useSignal(false);

  useEffect(() => {
    const user = state.user.value;
    if (!user) return;
    const next = safeNextPath(query.next);
    if (next) route(next, true);
    else void landingPath(user).then((path) => route(path, true));
  }, [state.user.value]);

  async function submit(event: Event) {
    event.preventDefault();
    busy.value = true;
    problem.value = '';
    try {
      await actions.signIn(email.value, password.value);
    } catch (error) {
      problem.value = state.explain(error);
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
