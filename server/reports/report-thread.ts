// The worker thread behind `server/reports/report-builder.ts`: builds reports, one message each.
import { parentPort } from 'node:worker_threads';
import { buildReport, type ReportInput } from '../domain/report/build-report.ts';

parentPort!.on('message', ({ id, input }: { id: number; input: ReportInput }) => {
  try {
    parentPort!.postMessage({ id, report: buildReport(input) });
  } catch (error) {
    parentPort!.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
