import { type Signal, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../api.ts';

/**
 * Something a page loads, in one of its four states. `missing` is a 404 (or a malformed id, which
 * can name nothing either): a wrong or outdated address, not a fault to retry.
 */
export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'missing' }
  | { status: 'failed'; error: unknown };

export const isMissing = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 400);

/**
 * Loads when `key` changes; `reload` loads again, keeping what is shown until the answer comes.
 * `refresh` is a look the page takes by itself: if it fails, what is shown stays.
 */
export function useResource<T>(
  load: () => Promise<T>,
  key: string,
): { resource: Signal<Resource<T>>; reload: () => Promise<void>; refresh: () => Promise<void> } {
  const resource = useSignal<Resource<T>>({ status: 'loading' });
  // Only the newest load may answer: an older one that comes back late is dropped.
  const latest = useRef(0);
  const run = async (quiet: boolean) => {
    const call = ++latest.current;
    try {
      const data = await load();
      if (call === latest.current) resource.value = { status: 'ready', data };
    } catch (error) {
      if (call !== latest.current || (quiet && resource.value.status === 'ready')) return;
      resource.value = isMissing(error) ? { status: 'missing' } : { status: 'failed', error };
    }
  };
  useEffect(() => {
    resource.value = { status: 'loading' };
    void run(false);
  }, [key]);
  return { resource, reload: () => run(false), refresh: () => run(true) };
}
