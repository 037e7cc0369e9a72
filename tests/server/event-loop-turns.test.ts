import { readFile } from 'node:fs';
import { setImmediate as nextImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { letOthersIn } from '../../server/event-loop-turns.ts';

/**
 * From inside an I/O callback (as an answer from a socket or the database runs), starts a timer,
 * makes sure it is due, then waits with `wait` and tells which came first.
 */
function fromIoCallback(wait: () => Promise<void>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    readFile(new URL(import.meta.url), (error) => {
      if (error) return reject(error);
      const seen: string[] = [];
      setTimeout(() => seen.push('timer'), 0);
      // Past the timer's 1 ms, so it is due whenever the loop next looks at its timers.
      const start = performance.now();
      while (performance.now() - start < 2) {}
      void wait().then(() => {
        seen.push('resumed');
        setTimeout(() => resolve(seen), 5);
      });
    });
  });
}

describe('letOthersIn', () => {
  it('serves a due timer before going on, even from an I/O callback, where one setImmediate does not', async () => {
    expect(await fromIoCallback(letOthersIn)).toEqual(['timer', 'resumed']);
    // The reason for the second turn: one resumes in the same loop, before any timer.
    expect(await fromIoCallback(() => nextImmediate())).toEqual(['resumed', 'timer']);
  });
});
