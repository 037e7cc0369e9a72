import { useSignal } from '@preact/signals';
import { useLocation } from 'preact-iso';
import type { AcceptInvitation, SignedIn } from '../../../shared/contract/auth.ts';
import { api } from '../api.ts';
import { PageFrame } from '../components/page-frame.tsx';
import { useAppState } from '../state/app-state.ts';

/**
 * Someone new chooses a password here. Someone who already has an account signs in first and
 * then accepts: the invitation only adds the organization, and never touches their password, so
 * a link that someone else kept cannot take an account over (issue 12).
 */
export function AcceptInvitePage({ token }: { token: string }) {
  const { state, actions } = useAppState();
  const { t, explain } = state;
  const { route } = useLocation();
  const password = useSignal('');
  const email = useSignal('');
  const currentPassword = useSignal('');
  const problem = useSignal('');
  const signingIn = useSignal(false);

  async function accept(body: AcceptInvitation) {
    problem.value = '';
    try {
      const { user } = await api<SignedIn>('/api/auth/accept-invite', { method: 'POST', body });
      actions.setUser(user);
      route('/console');
    } catch (error) {
      problem.value = explain(error);
    }
  }

  async function signIn(event: Event) {
    event.preventDefault();
    problem.value = '';
    try {
      await actions.signIn(email.value, currentPassword.value);
      currentPassword.value = '';
    } catch (error) {
      problem.value = explain(error);
    }
  }

  const notice = problem.value && (
    <p class="notice" role="alert">
      {problem.value}
    </p>
  );
  const user = state.user.value;

  if (user) {
    return (
      <PageFrame title={t('auth.invite.joinTitle')} requireUser={false}>
        <div class="card narrow">
          <h1>{t('auth.invite.joinTitle')}</h1>
          <p class="muted">{t('auth.invite.joinAs', { email: user.email })}</p>
          {notice}
          <button type="button" class="primary" onClick={() => accept({ token })}>
            {t('auth.invite.join')}
          </button>{' '}
          <button type="button" class="link" onClick={() => actions.signOut()}>
            {t('auth.invite.notYou')}
          </button>
        </div>
      </PageFrame>
    );
  }

  return (
    <PageFrame title={t('auth.invite.title')} requireUser={false}>
      <form
        class="card narrow"
        onSubmit={(event) => {
          event.preventDefault();
          void accept({ token, password: password.value });
        }}
      >
        <h1>{t('auth.invite.title')}</h1>
        <p class="muted">{t('auth.invite.help')}</p>
        <label class="field">
          <span>{t('auth.password')}</span>
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
        {notice}
        <button type="submit" class="primary">
          {t('auth.invite.submit')}
        </button>
      </form>
      {!signingIn.value ? (
        <p class="card narrow">
          <button
            type="button"
            class="link"
            onClick={() => {
              signingIn.value = true;
            }}
          >
            {t('auth.invite.haveAccount')}
          </button>
        </p>
      ) : (
        <form class="card narrow" onSubmit={signIn}>
          <h2>{t('auth.invite.haveAccount')}</h2>
          <p class="muted">{t('auth.invite.haveAccountHelp')}</p>
          <label class="field">
            <span>{t('auth.email')}</span>
            <input
              type="email"
              autocomplete="username"
              required
              value={email.value}
              onInput={(e) => {
                email.value = e.currentTarget.value;
              }}
            />
          </label>
          <label class="field">
            <span>{t('auth.password')}</span>
            <input
              type="password"
              autocomplete="current-password"
              required
              value={currentPassword.value}
              onInput={(e) => {
                currentPassword.value = e.currentTarget.value;
              }}
            />
          </label>
          <button type="submit">{t('auth.submit')}</button>
        </form>
      )}
    </PageFrame>
  );
}
