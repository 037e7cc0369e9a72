// `npm run build`: compiles the server and bundles the client, then leaves the stamp that
// build-if-needed.mjs reads, so `npm start` after a build starts at once instead of building again.
// The stamp carries the time the build began: a source saved while it ran is newer, and the next
// start builds again.
import { execSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
export const stamp = path.join(root, 'dist', '.build-stamp');

export function build() {
  const began = new Date();
  execSync('npm run --silent build:server && npm run --silent build:client', {
    cwd: root,
    stdio: 'inherit',
  });
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${began.toISOString()}\n`);
  utimesSync(stamp, began, began);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) build();
