// One process for `npm start`: build what is out of date, then run the compiled server in
// this same process so signals from npm, a terminal or a supervisor reach it directly.
import { applyMemorySettings } from './memory-settings.mjs';

applyMemorySettings();
await import('./build-if-needed.mjs');
await import('../dist/server/main.js');
