import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { api, OnceKey } from '../api.ts';

/**
 * A form that creates something, made once however it is pressed. While its request runs, another
 * press does nothing (`busy` disables its button); and the request carries an Idempotency-Key that
 * stays the same while the form sends the same thing, so pressing again after a lost answer gets
 * the first answer rather than a copy.
 *
 * `create` resolves to what was created, or to null when a request was already running.
 */
/** A create that has not answered by then is given up, so the form can send it again (same key). */
export const CREATE_TIMEOUT_MS = 30_000;

export function useCreate() {
  const busy = useSignal(false);
  const once = useMemo(() => new OnceKey(), []);
  async function create<T>(path: string, body: unknown): Promise<T | null> {
    if (busy.value) return null;
    busy.value = true;
    try {
      const created = await api<T>(path, {
        method: 'POST',
        body,
        idempotencyKey: once.keyFor(path, body),
        timeoutMs: CREATE_TIMEOUT_MS,
      });
      once.done();
      return created;
    } finally {
      busy.value = false;
    }
  }
  return { busy, create };
}
