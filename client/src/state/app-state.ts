import { computed, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Login, SignedIn, User } from '../../../shared/contract/auth.ts';
import { api } from '../api.ts';
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

/** The language to start in: the one chosen here before, else the browser's. */
export function startingLocale(): string {
  const saved = savedLocale();
  return saved && supportedLocales.includes(saved) ? saved : browserLocale();
}

/** The client's shared state, made by a factory so tests and pages can make their own. */
export function createAppState(initialLocale = startingLocale()) {
  const locale = signal(supportedLocales.includes(initialLocale) ? initialLocale : 'en');
  const user = signal<User | null | undefined>(undefined);
  const state = {
    locale,
    user,
    signedIn: computed(() => Boolean(user.value)),
    t: (key: MessageKey, values?: Record<string, string | number>) => translate(locale.value, key, values),
    /** A failed call in the page's language (the server's code), else the server's own words. */
    explain: (error: unknown) => problemText(locale.value, error),
    explainLines: (error: unknown) => problemLines(locale.value, error),
  };
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
    async loadUser() {
      try {
        user.value = (await api<SignedIn>('/api/auth/me')).user;
      } catch {
        user.value = null;
      }
    },
    async signIn(email: string, password: string) {
      user.value = (
        await api<SignedIn>('/api/auth/login', { method: 'POST', body: { email, password } satisfies Login })
      ).user;
    },
    async signOut() {
      await api('/api/auth/logout', { method: 'POST' });
      user.value = null;
    },
    setUser(next: User) {
      user.value = next;
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
