import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
// Every page in a frame is the console's or a sign-in page: all of English comes with it.
import '../i18n/full-english.ts';
import { signInPath } from '../navigation/next-path.ts';
import { useAppState } from '../state/app-state.ts';
import { LanguageSwitch } from './language-switch.tsx';

/** The frame of the signed-in pages: who is signed in, language, and sign-out. */
export function PageFrame({
  title,
  children,
  requireUser = true,
}: {
  title: string;
  children: ComponentChildren;
  requireUser?: boolean;
}) {
  const { state, actions } = useAppState();
  const { route } = useLocation();
  useEffect(() => {
    document.title = `${title} · ${state.t('app.name')}`;
    // Asked again on each page, and when the tab comes back into view: a right given or taken
    // meanwhile (to create organizations, a membership), or a session ended, shows without a reload.
    if (state.user.value !== null) void actions.loadUser();
  }, [title]);
  useEffect(() => {
    const onShown = () => {
      if (document.visibilityState === 'visible' && state.user.value) void actions.recheckUser();
    };
    document.addEventListener('visibilitychange', onShown);
    return () => document.removeEventListener('visibilitychange', onShown);
  }, []);
  useEffect(() => {
    // Signed out (or never in): sign in first, then come back to this very page.
    if (requireUser && state.user.value === null)
      route(signInPath(`${location.pathname}${location.search}${location.hash}`), true);
  }, [state.user.value]);
  return (
    <div class="frame">
      <header class="topbar">
        <a class="brand" href="/">
          {state.t('app.name')}
        </a>
        <nav>
          {state.user.value && <a href="/console">{state.t('nav.organizations')}</a>}
          <LanguageSwitch value={state.locale.value} onChange={actions.setLocale} />
          {state.user.value && (
            <button
              type="button"
              class="link"
              onClick={async () => {
                await actions.signOut();
                route('/');
              }}
            >
              {state.t('nav.signOut')}
            </button>
          )}
        </nav>
      </header>
      <main class="page">
        {state.user.value !== undefined || !requireUser ? (
          children
        ) : state.serverAway.value ? (
          // Not signed out: the server cannot say who is signed in yet. The page comes by itself.
          <p class="notice" role="status">
            {state.t('state.reconnecting')}
          </p>
        ) : (
          <p>{state.t('common.loading')}</p>
        )}
      </main>
    </div>
  );
}
