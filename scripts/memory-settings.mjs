// How `npm start` runs the server's process, and the bench with it (scripts/bench/run.ts): three
// settings that bound its memory and can only be given before Node.js starts.
//
// - `MALLOC_ARENA_MAX=1`: glibc's allocator otherwise gives each thread that allocates an arena
//   of its own, up to eight per core, and keeps in each what it once held. The server's threads
//   (the embedded database's, the reports', Node's own) held about 100 MB in five arenas at start.
// - `--max-semi-space-size=4`: Node's young generation otherwise grows to 16 MB per half under load.
// - `--heap-growing-percent=50`: V8 otherwise lets the old generation grow to up to four times
//   what the last full collection kept before it collects again, and grows that factor when the
//   program allocates fast. Under load, objects of requests waiting for their statement outlive a
//   young collection and move to the old generation, where they die; the server keeps about
//   35 MB, so the old generation filled with up to 100 MB of such garbage before each full
//   collection, and its pages stayed with the process after. Here it collects once the old
//   generation is half again what was kept.
//
// On the embedded database, under 50 clients for 30 s, in runs taken in turn (2026-11-26): a peak
// of 345 to 389 MB without the first two, 302 to 313 MB with two arenas and the smaller young
// generation, and 289 to 295 MB with the first two as set here; the CPU per answer did not move beyond the
// noise. The growth factor, in 10 s rounds taken in turn with and without it (2026-11-27): 281 to
// 298 MB against 297 to 382 MB on the embedded database, and 123 to 125 MB against 170 to 219 MB
// on PostgreSQL, with the same requests a second within the noise on PostgreSQL (medians 12,650
// and 12,900 a second).
//
// The Docker image sets them itself (Dockerfile).

/** The environment variables to set before Node.js starts. */
export const memoryEnvironment = { MALLOC_ARENA_MAX: '1' };

/** The Node.js options to start with. */
export const memoryOptions = ['--max-semi-space-size=4', '--heap-growing-percent=50'];

/** The names of the Node.js options given, `_` read as `-` as V8 does. */
function optionNames(env, execArgv) {
  return new Set(
    [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].map((option) =>
      option.split('=')[0].replaceAll('_', '-'),
    ),
  );
}

/** Set in the environment of the process started again, so that it is started again only once. */
const RESTARTED = 'TRUST_OS_MEMORY_SETTINGS';

/**
 * Whether this process already runs with them: the environment as set, and the options given
 * (a value of the operator's own, in the environment or on the command line, is kept).
 */
export function startedWithMemorySettings(env = process.env, execArgv = process.execArgv) {
  const given = optionNames(env, execArgv);
  return (
    Object.keys(memoryEnvironment).every((name) => env[name] !== undefined) &&
    memoryOptions.every((option) => given.has(option.split('=')[0]))
  );
}

/**
 * Starts this process again, once, with the memory settings, where Node.js can replace its own
 * process (22.15 and later, not on Windows): it keeps its id, so signals from npm, a terminal or a
 * supervisor still reach the server directly. Elsewhere, when they are set, or when the process
 * may not be replaced (Node's permission model), it returns and the server runs without them.
 */
export function applyMemorySettings() {
  if (
    startedWithMemorySettings() ||
    process.env[RESTARTED] !== undefined ||
    typeof process.execve !== 'function' ||
    process.platform === 'win32'
  )
    return;
  const given = optionNames(process.env, process.execArgv);
  const options = memoryOptions.filter((option) => !given.has(option.split('=')[0]));
  try {
    process.execve(
      process.execPath,
      [process.execPath, ...options, ...process.execArgv, ...process.argv.slice(1)],
      // A value the operator set is kept.
      { ...memoryEnvironment, ...process.env, [RESTARTED]: '1' },
    );
  } catch {
    // Not allowed here: run on without them.
  }
}
