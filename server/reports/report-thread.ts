// The worker thread behind `server/reports/report-builder.ts`: builds reports and frozen
// documents, one message each.
import { parentPort } from 'node:worker_threads';
import { type Job, runJob } from './report-builder.ts';

parentPort!.on('message', ({ id, job }: { id: number; job: Job }) => {
  try {
    parentPort!.postMessage({ id, answer: runJob(job) });
  } catch (error) {
    parentPort!.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
