import { useEffect } from 'preact/hooks';

/**
 * Loads now, then again every `everyMs` while `live` (an open wave), until the component
 * unmounts. Only the first load's failure is reported: a refresh that fails leaves the last
 * figures up, and the next tick tries again. A tick is skipped while the previous load is still
 * out or while the tab is hidden, so a console left open in the background does not keep asking.
 */
export function usePolling(
  load: () => Promise<void>,
  {
    everyMs,
    live,
    onError,
    key,
  }: { everyMs: number; live: boolean; onError: (error: unknown) => void; key: string },
): void {
  useEffect(() => {
    let stopped = false;
    let pending = false;
    const run = async (first: boolean) => {
      if (pending || stopped) return;
      pending = true;
      try {
        await load();
      } catch (error) {
        if (first && !stopped) onError(error);
      } finally {
        pending = false;
      }
    };
    void run(true);
    const timer = live
      ? setInterval(() => {
          if (!document.hidden) void run(false);
        }, everyMs)
      : undefined;
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [key, live, everyMs]);
}
