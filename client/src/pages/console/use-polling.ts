import type { Signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { type Resource, useResource } from '../../components/resource.ts';

/**
 * Loads now, then again every `everyMs` while `live` (an open wave), until the component
 * unmounts; and again at once when `live` changes, since the wave opening or closing changes the
 * figures. Until the first answer there is nothing to show, so a first load that fails is the
 * part's own failure with a retry: a draft or closed wave has no next tick to recover by itself.
 * Any later answer that comes replaces it. A refresh that fails once figures are up leaves them
 * up, and the next tick tries again. A tick is skipped while the previous load is still out or
 * while the tab is hidden, so a console left open in the background does not keep asking.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  { everyMs, live, key }: { everyMs: number; live: boolean; key: string },
): { resource: Signal<Resource<T>>; reload: () => Promise<void>; refresh: () => Promise<void> } {
  const { resource, reload, refresh } = useResource(load, key);
  // The key the resource has already loaded for: a new key is its load, not another look.
  const looked = useRef<string | null>(null);
  useEffect(() => {
    let pending = false;
    const look = async () => {
      if (pending) return;
      pending = true;
      try {
        await refresh();
      } finally {
        pending = false;
      }
    };
    if (looked.current === key) void look();
    looked.current = key;
    if (!live) return;
    const timer = setInterval(() => {
      if (!document.hidden) void look();
    }, everyMs);
    return () => clearInterval(timer);
  }, [key, live, everyMs]);
  return { resource, reload, refresh };
}
