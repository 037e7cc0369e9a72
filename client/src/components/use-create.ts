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
export function useCreate() {
  const busy = useSignal(false);
  const once = useMemo(() => new OnceKey(), []);
  async function create<T>(path: string, body: unknown): Promise<T | null> {
    if (busy.value) return null;
    busy.value = true;
    try {
      const created = await api<T>(path, { method: 'POST', body, idempotencyKey: once.keyFor(body) });
      once.done();
      return created;
    } finally {
      busy.value = false;
    }
  }
  return { busy, create };
}
