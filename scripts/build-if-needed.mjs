// Builds the server and the client when any of their sources is newer than the last build,
// so `npm start` works on a fresh clone and stays fast on every start after that.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build, root, stamp } from './build.mjs';

const inputs = [
  'server',
  'shared',
  'migrations',
  'client',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules') continue;
    latest = Math.max(latest, newest(path.join(target, entry)));
  }
  return latest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map((input) => newest(path.join(root, input))));
if (changed > built) {
  console.log('Building the server and the client…');
  build();
}
