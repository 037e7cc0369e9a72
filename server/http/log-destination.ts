import pino from 'pino';

/** Lines are written once this many bytes wait, or every second, whichever comes first. */
const BLOCK_BYTES = 4096;
const FLUSH_EVERY_MS = 1000;

export interface LogDestination {
  stream: pino.DestinationStream;
  /** Writes out every line logged so far; the server calls it as it closes. */
  flush(): Promise<void>;
}

/**
 * Where the server's log lines go (standard output unless told): kept in memory and written in
 * blocks, off the event loop, instead of one blocking write per line, which showed in the profile
 * of a survey submission. A quiet server still shows each line within a second.
 *
 * Nothing is lost when the server stops: closing the app flushes (see buildApp), and pino writes
 * out whatever is left, synchronously, when the process exits, including on SIGTERM through
 * close-with-grace. Only a process killed outright (SIGKILL, the machine going down) loses the
 * last second of lines, as it would lose the ones in the kernel's buffers.
 */
export function bufferedDestination(dest: number | string = 1): LogDestination {
  const stream = pino.destination({
    dest,
    sync: false,
    minLength: BLOCK_BYTES,
    periodicFlush: FLUSH_EVERY_MS,
  });
  return {
    stream,
    async flush() {
      // Waits for a write in flight, then writes what is left. An error here (fsync of a pipe, a
      // stream already closed) is no reason to stop shutting down.
      await new Promise<void>((resolve) => stream.flush(() => resolve()));
      try {
        stream.flushSync();
      } catch {}
    },
  };
}
