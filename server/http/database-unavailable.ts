/**
 * Tells "the database cannot serve right now" apart from every other error, so the one error
 * handler answers 503 with Retry-After (try again shortly: nothing was wrong with the request)
 * instead of 500. Each class below comes from a way a real database goes away.
 */

// Network-level failures from the driver or the pool.
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

// SQLSTATE codes: the server is shutting down, starting, overloaded or out of resources.
const serverStates = new Set([
  '57P01', // admin_shutdown: the backend was terminated (pg_terminate_backend, a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
  '53100', // disk_full
  '53200', // out_of_memory
  '40P01', // deadlock_detected: nothing wrong with the request; a retry succeeds
]);

const messages = [
  /timeout exceeded when trying to connect/i, // pg pool: no connection within connectionTimeoutMillis
  /Connection terminated/i, // pg: the socket closed under a query
  /Client has encountered a connection error and is not queryable/i, // pg: a client broken earlier
  /Cannot use a pool after calling end on the pool/i, // pg: the pool is shutting down
  /is not currently accepting connections/i, // 55000 when a database refuses connections
  /PGlite is closed/i, // the embedded database during shutdown
  /driver has already been destroyed/i, // Kysely, once the database was closed under a request
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (networkCodes.has(code) || serverStates.has(code)) return true;
    // Class 08: connection exceptions (08000, 08001, 08003, 08004, 08006, 08P01).
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return typeof message === 'string' && messages.some((pattern) => pattern.test(message));
}
