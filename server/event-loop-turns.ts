import { setImmediate } from 'node:timers/promises';

/**
 * Ends this turn of the event loop and resumes in a later one, once timers and other sockets have
 * been served: what a long piece of work calls between its parts, so that no part holds every other
 * request for long (issue 15). One `setImmediate` is not always enough: called from a socket's or
 * the database's answer, it resumes in the same loop's check phase, straight after, and the parts
 * on either side of it hold the loop as one. The second waits for the next loop's.
 */
export async function letOthersIn(): Promise<void> {
  await setImmediate();
  await setImmediate();
}
