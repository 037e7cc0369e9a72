import { computed, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Login, SignedIn, User } from '../../../shared/contract/auth.ts';
import { ApiError, api } from '../api.ts';
import { busyDelayMs } from '../busy-retry.ts';
import type { MessageKey } from '../i18n/en.ts';
import { problemLines, problemText } from '../i18n/problem-text.ts';
import { browserLocale, loadCatalog, supportedLocales, translate } from '../i18n/translate.ts';

/** The signed-in person, as the server describes them (GET /api/auth/me). */
export type { User };

/** Where the language someone chose is kept: in this browser only, never sent (no cookie). */
const LOCALE_KEY = 'trust-os.locale';

function savedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_KEY);
  } catch {
    // Storage can be off (private browsing, a strict policy): the browser's language then.
    return null;
  }
}

function saveLocale(locale: string) {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {}
}

/** A look at who is signed in that hears nothing back in this long is a failure, tried again. */
const WHO_TIMEOUT_MS = 15_000;

/** The language to start in: the one chosen here before, else the browser's. */
export function startingLocale(): string {
  const saved = savedLocale();
  return saved && supportedLocales.includes(saved) ? saved : browserLocale();
}

/** The client's shared state, made by a factory so tests and pages can make their own. */
export function createAppState(initialLocale = startingLocale()) {
  const locale = signal(supportedLocales.includes(initialLocale) ? initialLocale : 'en');
  /** undefined: not known yet (still asking, or the server cannot be reached); null: signed out. */
  const user = signal<User | null | undefined>(undefined);
  /** The server could not say who is signed in (down, busy, or no connection); asking again. */
  const serverAway = signal(false);
  const state = {
    locale,
    user,
    serverAway,
    signedIn: computed(() => Boolean(user.value)),
    t: (key: MessageKey, values?: Record<string, string | number>) => translate(locale.value, key, values),
    /** A failed call in the page's language (the server's code), else the server's own words. */
    explain: (error: unknown) => problemText(locale.value, error),
    explainLines: (error: unknown) => problemLines(locale.value, error),
  };

  // Who is signed in: asked once at the start, and again, later and later, while the server
  // cannot answer. Each sign-in or sign-out makes the answer to an older question stale.
  let asking: Promise<void> | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let generation = 0;
  const settle = (next: User | null) => {
    generation += 1;
    clearTimeout(retry);
    failures = 0;
    serverAway.value = false;
    // Asked again (a page opened, the tab back in view), the same answer leaves the user as it
    // was: pages that load by the user would otherwise load everything again for nothing.
    if (JSON.stringify(next) !== JSON.stringify(user.value)) user.value = next;
  };
  async function askWhoIsSignedIn() {
    clearTimeout(retry);
    const asked = generation;
    try {
      const { user: found } = await api<SignedIn>('/api/auth/me', { timeoutMs: WHO_TIMEOUT_MS });
      if (asked === generation) settle(found);
    } catch (error) {
      if (asked !== generation) return;
      // Only the server saying so means signed out. A 503 while its database is away, a proxy's
      // 502 during a restart or a dropped connection says nothing about the session: signing a
      // consultant out for it would lose the page they were on, so wait and ask again instead.
      if (error instanceof ApiError && error.status === 401) return settle(null);
      failures += 1;
      serverAway.value = true;
      const retryAfter = error instanceof ApiError ? error.retryAfter : null;
      retry = setTimeout(
        () => void actions.loadUser(),
        busyDelayMs(retryAfter, failures, Date.now(), Math.random()),
      );
    }
  }

  const actions = {
    /** Switches once the language's strings have arrived, so no page shows a mix of two. */
    async setLocale(next: string) {
      if (!supportedLocales.includes(next)) return;
      try {
        await loadCatalog(next);
      } catch {
        // Its strings could not be fetched (offline): stay in the language on screen.
        return;
      }
      saveLocale(next);
      locale.value = next;
      document.documentElement.lang = next;
    },
    /** Asks the server who is signed in; while it cannot answer, keeps asking by itself. */
    loadUser(): Promise<void> {
      asking ??= askWhoIsSignedIn().finally(() => {
        asking = null;
      });
      return asking;
    },
    /**
     * Asks again, after any question already under way: that one may have been asked before the
     * change the caller knows of (a right given while the tab was hidden).
     */
    async recheckUser(): Promise<void> {
      await asking;
      await actions.loadUser();
    },
    async signIn(email: string, password: string) {
      settle(
        (
          await api<SignedIn>('/api/auth/login', {
            method: 'POST',
            body: { email, password } satisfies Login,
          })
        ).user,
      );
    },
    async signOut() {
      await api('/api/auth/logout', { method: 'POST' });
      settle(null);
    },
    setUser(next: User) {
      settle(next);
    },
  };
  return { state, actions };
}

export type AppState = ReturnType<typeof createAppState>;
export const AppStateContext = createContext<AppState | null>(null);

export function useAppState(): AppState {
  const value = useContext(AppStateContext);
  if (!value) throw new Error('AppStateContext is missing');
  return value;
}
