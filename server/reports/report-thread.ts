// The worker thread behind `server/reports/report-builder.ts`: builds reports and frozen
// documents, one message each.
import { parentPort } from 'node:worker_threads';
import { type Job, runJob, transferable } from './report-builder.ts';

parentPort!.on('message', ({ id, job }: { id: number; job: Job }) => {
  try {
    const answer = runJob(job);
    parentPort!.postMessage({ id, answer }, transferable(answer));
  } catch (error) {
    parentPort!.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
