import { Writable } from 'node:stream';
import type { Level } from 'pino';
import { logSerializers } from '../../server/http/log-serializers.ts';

/**
 * A logger for `buildApp` that keeps every line it writes, with the app's own serializers, for
 * tests that read what an operator would see (and what must never be in it: A2).
 */
export function capturedLog(level: Level) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: { level, stream, serializers: logSerializers } };
}
