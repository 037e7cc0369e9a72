import { computed, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { api } from '../api.ts';
import type { MessageKey } from '../i18n/en.ts';
import { browserLocale, supportedLocales, translate } from '../i18n/translate.ts';

export interface User {
  id: string;
  email: string;
  isAdmin: boolean;
  /** Granted by an administrator; administrators may always create organizations. */
  canCreateOrganizations: boolean;
  memberships: {
    organizationId: string;
    organizationName: string;
    role: 'consultant' | 'leader';
    teamKey: string | null;
  }[];
}

/** The client's shared state, made by a factory so tests and pages can make their own. */
export function createAppState(initialLocale = browserLocale()) {
  const locale = signal(supportedLocales.includes(initialLocale) ? initialLocale : 'en');
  const user = signal<User | null | undefined>(undefined);
  const state = {
    locale,
    user,
    signedIn: computed(() => Boolean(user.value)),
    t: (key: MessageKey, values?: Record<string, string | number>) => translate(locale.value, key, values),
  };
  const actions = {
    setLocale(next: string) {
      if (supportedLocales.includes(next)) {
        locale.value = next;
        document.documentElement.lang = next;
      }
    },
    async loadUser() {
      try {
        user.value = (await api<{ user: User }>('/api/auth/me')).user;
      } catch {
        user.value = null;
      }
    },
    async signIn(email: string, password: string) {
      user.value = (
        await api<{ user: User }>('/api/auth/login', { method: 'POST', body: { email, password } })
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
